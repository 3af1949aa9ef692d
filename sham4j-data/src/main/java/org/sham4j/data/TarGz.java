package org.sham4j.data;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import org.sham4j.core.io.AtomicFiles;
import org.sham4j.core.io.InvalidInputException;

/** Extracts chosen regular files of a gzip-compressed tar archive (ustar), by base name, into a folder. */
final class TarGz {
    private static final int BLOCK = 512;

    private TarGz() {
    }

    /** Writes each member whose base name ends with {@code suffix} to {@code dir}/BASENAME. */
    static void extract(Path archive, String suffix, Path dir) throws IOException {
        try (InputStream in = new BufferedInputStream(new GZIPInputStream(Files.newInputStream(archive), 1 << 16))) {
            byte[] header = new byte[BLOCK];
            while (true) {
                if (in.readNBytes(header, 0, BLOCK) < BLOCK) {
                    throw new InvalidInputException(archive + ": truncated tar archive");
                }
                if (isZero(header)) {
                    return;
                }
                String name = text(header, 345, 155).isEmpty() ? text(header, 0, 100)
                        : text(header, 345, 155) + "/" + text(header, 0, 100);
                long size = octal(header, archive);
                char type = (char) header[156];
                String base = name.substring(name.lastIndexOf('/') + 1);
                boolean wanted = (type == '0' || type == 0) && base.endsWith(suffix) && !base.startsWith(".");
                if (wanted) {
                    byte[] data = in.readNBytes((int) size);
                    if (data.length < size) {
                        throw new InvalidInputException(archive + ": member " + name + " is truncated");
                    }
                    AtomicFiles.write(dir.resolve(base), data);
                } else {
                    in.skipNBytes(size);
                }
                in.skipNBytes((BLOCK - size % BLOCK) % BLOCK);
            }
        } catch (EOFException e) {
            throw new InvalidInputException(archive + ": truncated archive");
        }
    }

    private static boolean isZero(byte[] block) {
        for (byte b : block) {
            if (b != 0) {
                return false;
            }
        }
        return true;
    }

    private static String text(byte[] h, int from, int length) {
        int end = from;
        while (end < from + length && h[end] != 0) {
            end++;
        }
        return new String(h, from, end - from, StandardCharsets.UTF_8);
    }

    private static long octal(byte[] h, Path archive) throws InvalidInputException {
        String s = text(h, 124, 12).trim();
        try {
            long size = Long.parseLong(s, 8);
            if (size < 0 || size > Integer.MAX_VALUE - 8) {
                throw new NumberFormatException();
            }
            return size;
        } catch (NumberFormatException e) {
            throw new InvalidInputException(archive + ": bad tar member size '" + s + "'");
        }
    }
}
