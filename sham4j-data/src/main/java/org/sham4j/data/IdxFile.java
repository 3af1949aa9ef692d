package org.sham4j.data;

import java.io.BufferedInputStream;
import java.io.DataInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.zip.GZIPInputStream;
import java.util.zip.ZipException;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.MatrixChecks;
import org.sham4j.core.matrix.Tensor;

/**
 * Reads an IDX file (the format of MNIST and Fashion-MNIST), gzip-compressed or not: magic 0 0 TYPE RANK, RANK
 * big-endian dimensions, then the values. All element types (unsigned and signed byte, short, int, float,
 * double) become float32.
 */
public final class IdxFile {
    private IdxFile() {
    }

    /** Opens a file, inflating it when it starts with the gzip magic bytes. */
    static InputStream open(Path file) throws IOException {
        InputStream in = new BufferedInputStream(Files.newInputStream(file), 1 << 16);
        in.mark(2);
        int b0 = in.read();
        int b1 = in.read();
        in.reset();
        return b0 == 0x1f && b1 == 0x8b ? new BufferedInputStream(new GZIPInputStream(in, 1 << 16), 1 << 16) : in;
    }

    /** The whole array of {@code file}. */
    public static Tensor read(Path file) throws IOException {
        try (DataInputStream in = new DataInputStream(open(file))) {
            return read(in, file.toString());
        } catch (EOFException | ZipException e) {
            throw new InvalidInputException(file + ": truncated or corrupt IDX data (" + e.getMessage() + ")");
        }
    }

    private static Tensor read(DataInputStream in, String source) throws IOException {
        int magic = in.readInt();
        int type = magic >>> 8 & 0xff;
        int rank = magic & 0xff;
        if (magic >>> 16 != 0 || rank == 0) {
            throw new InvalidInputException(source + ": not an IDX file (magic 0x" + Integer.toHexString(magic) + ")");
        }
        int size = switch (type) {
            case 0x08, 0x09 -> 1;
            case 0x0B -> 2;
            case 0x0C, 0x0D -> 4;
            case 0x0E -> 8;
            default -> throw new InvalidInputException(source + ": unknown IDX element type 0x"
                    + Integer.toHexString(type));
        };
        int[] shape = new int[rank];
        long count = 1;
        for (int k = 0; k < rank; k++) {
            shape[k] = in.readInt();
            count *= Math.max(0, shape[k]);
            if (shape[k] < 0 || count > MatrixChecks.MAX_ENTRIES) {
                throw new InvalidInputException(source + ": bad IDX dimension " + shape[k]);
            }
        }
        float[] data = new float[(int) count];
        byte[] chunk = new byte[1 << 16];
        ByteBuffer buf = ByteBuffer.wrap(chunk);
        int k = 0;
        while (k < count) {
            int want = (int) Math.min(chunk.length, (count - k) * size);
            in.readFully(chunk, 0, want);
            for (int p = 0; p < want; p += size, k++) {
                data[k] = switch (type) {
                    case 0x08 -> chunk[p] & 0xff;
                    case 0x09 -> chunk[p];
                    case 0x0B -> buf.getShort(p);
                    case 0x0C -> buf.getInt(p);
                    case 0x0D -> buf.getFloat(p);
                    default -> (float) buf.getDouble(p);
                };
            }
        }
        if (in.read() >= 0) {
            throw new InvalidInputException(source + ": data goes on after the " + count + " values of the header");
        }
        return new Tensor(shape, data);
    }
}
