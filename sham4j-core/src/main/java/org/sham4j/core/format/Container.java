package org.sham4j.core.format;

import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32C;
import org.sham4j.core.io.InvalidInputException;

/**
 * The one binary container of this library's files, {@code .shm} matrices and {@code .sham} models, written and
 * read here only so that the two cannot drift:
 * <pre>
 *   magic | version u8 | body length varint | body | CRC-32C of everything before it (u32, big-endian)
 * </pre>
 * Versions before {@link Kind#firstVersionWithLength} have no body length: the body runs to the checksum.
 * Varints are unsigned LEB128 ({@link PayloadOutput#writeVarLong}, {@link PayloadInput#readVarLong}). A file is
 * checked in this order, each failure a one-line {@link InvalidInputException}: size, magic, version, body
 * length, checksum; only then does the body reach its reader.
 */
public final class Container {
    private static final int CRC_BYTES = 4;

    /**
     * One kind of file: what it is called in messages, its magic, the version written, the oldest version read,
     * and the first version whose header holds the body length.
     */
    public record Kind(String description, String magic, int version, int oldestVersion, int firstVersionWithLength) {
        byte[] magicBytes() {
            return magic.getBytes(StandardCharsets.US_ASCII);
        }
    }

    /** A checked container: its version and a reader over its body. */
    public record Opened(int version, PayloadInput body) {
    }

    private Container() {
    }

    /** The complete file of {@code body} in the current version, with every byte of the frame in part HEADER. */
    public static PayloadOutput write(Kind kind, PayloadOutput body) {
        PayloadOutput file = new PayloadOutput();
        file.part(SizeBreakdown.HEADER);
        byte[] magic = kind.magicBytes();
        file.writeBytes(magic, magic.length);
        file.writeByte(kind.version());
        file.writeVarLong(body.size());
        file.append(body);
        CRC32C crc = new CRC32C();
        byte[] all = file.toByteArray();
        crc.update(all, 0, all.length);
        file.part(SizeBreakdown.HEADER);
        file.writeInt((int) crc.getValue());
        return file;
    }

    /** Writes the body that {@code body} produces (exactly {@code bodyBytes} bytes) as a file of {@code kind}. */
    public static void write(Kind kind, long bodyBytes, java.util.function.Consumer<PayloadOutput> body,
                             java.io.OutputStream out) {
        PayloadOutput file = PayloadOutput.streaming(out);
        file.part(SizeBreakdown.HEADER);
        byte[] magic = kind.magicBytes();
        file.writeBytes(magic, magic.length);
        file.writeByte(kind.version());
        file.writeVarLong(bodyBytes);
        long start = file.size();
        body.accept(file);
        if (file.size() - start != bodyBytes) {
            throw new IllegalStateException("the body took " + (file.size() - start) + " bytes, not " + bodyBytes);
        }
        int crc = file.flush();
        file.writeInt(crc);
        file.flush();
    }

    /** Bytes of the frame around a body of {@code bodyBytes} bytes: magic, version, body length and checksum. */
    public static long frameBytes(Kind kind, long bodyBytes) {
        PayloadOutput length = PayloadOutput.counting();
        length.writeVarLong(bodyBytes);
        return kind.magicBytes().length + 1 + length.size() + CRC_BYTES;
    }

    /** Checks the frame of a file of {@code kind} and returns its version and body. */
    public static Opened open(Kind kind, byte[] bytes) throws InvalidInputException {
        byte[] magic = kind.magicBytes();
        if (bytes.length < magic.length + 1 + CRC_BYTES) {
            throw new InvalidInputException("not a " + kind.description() + ": only " + bytes.length + " bytes");
        }
        for (int k = 0; k < magic.length; k++) {
            if (bytes[k] != magic[k]) {
                throw new InvalidInputException("not a " + kind.description() + ": bad magic");
            }
        }
        int end = bytes.length - CRC_BYTES;
        PayloadInput in = new PayloadInput(bytes, magic.length, end);
        int version = in.readByte();
        if (version < kind.oldestVersion() || version > kind.version()) {
            throw new InvalidInputException("unsupported " + kind.description() + " version " + version
                    + " (this build reads " + kind.oldestVersion() + " to " + kind.version() + ")");
        }
        if (version >= kind.firstVersionWithLength()) {
            long length = in.readVarLong();
            if (length != in.remaining()) {
                throw new InvalidInputException("the file is truncated or padded: the body has " + length
                        + " bytes, " + Math.max(0, in.remaining()) + " are present");
            }
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, end);
        int stored = ((bytes[end] & 0xff) << 24) | ((bytes[end + 1] & 0xff) << 16) | ((bytes[end + 2] & 0xff) << 8)
                | (bytes[end + 3] & 0xff);
        if ((int) crc.getValue() != stored) {
            throw new InvalidInputException("checksum mismatch: the file is corrupt or truncated");
        }
        return new Opened(version, in);
    }
}
