package org.sham4j.core.format;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.CRC32C;
import org.sham4j.core.io.AtomicFiles;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.io.WholeFile;
import org.sham4j.core.matrix.MatrixChecks;

/**
 * The {@code .shm} file of one compressed matrix:
 * <pre>
 *   magic "SHM4" | version u8 | format id u8 | rows varint | cols varint | payload length varint
 *   | payload | CRC-32C of everything before it (u32, big-endian)
 * </pre>
 * The payload belongs to the format. Its size, by part, together with this header, is what a format reports.
 */
public final class ShmFile {
    static final byte[] MAGIC = "SHM4".getBytes(StandardCharsets.US_ASCII);
    /** Current version of the container layout. */
    public static final int VERSION = 1;

    private ShmFile() {
    }

    /** The complete file bytes of {@code m}. */
    public static byte[] toBytes(CompressedMatrix m) {
        return encode(m).toByteArray();
    }

    /** Exact size of {@code m}'s file, by part. */
    public static SizeBreakdown sizeOf(CompressedMatrix m) {
        Map<String, Long> parts = new LinkedHashMap<>(encode(m).bytesByPart());
        return new SizeBreakdown(parts);
    }

    private static PayloadOutput encode(CompressedMatrix m) {
        PayloadOutput payload = new PayloadOutput();
        m.writePayload(payload);
        PayloadOutput file = new PayloadOutput();
        file.part(SizeBreakdown.HEADER);
        for (byte b : MAGIC) {
            file.writeByte(b);
        }
        file.writeByte(VERSION);
        file.writeByte(m.format().id());
        file.writeVarLong(m.rows());
        file.writeVarLong(m.cols());
        file.writeVarLong(payload.size());
        file.append(payload);
        CRC32C crc = new CRC32C();
        byte[] all = file.toByteArray();
        crc.update(all, 0, all.length);
        file.part(SizeBreakdown.HEADER);
        file.writeInt((int) crc.getValue());
        return file;
    }

    /** Writes {@code m} to {@code path} atomically. */
    public static void save(Path path, CompressedMatrix m) throws IOException {
        AtomicFiles.write(path, toBytes(m));
    }

    /** Reads a {@code .shm} file, checking its checksum and every count in it. */
    public static CompressedMatrix load(Path path) throws IOException {
        return WholeFile.parse(path, ShmFile::fromBytes);
    }

    /** Parses the complete bytes of a {@code .shm} file. */
    public static CompressedMatrix fromBytes(byte[] bytes) throws IOException {
        if (bytes.length < MAGIC.length + 4) {
            throw new InvalidInputException("not a .shm file: only " + bytes.length + " bytes");
        }
        for (int k = 0; k < MAGIC.length; k++) {
            if (bytes[k] != MAGIC[k]) {
                throw new InvalidInputException("not a .shm file: bad magic");
            }
        }
        PayloadInput in = new PayloadInput(bytes, MAGIC.length, bytes.length - 4);
        int version = in.readByte();
        if (version != VERSION) {
            throw new InvalidInputException("unsupported .shm version " + version + " (this build reads " + VERSION + ")");
        }
        int formatId = in.readByte();
        long rows = in.readVarLong();
        long cols = in.readVarLong();
        long payloadLength = in.readVarLong();
        if (payloadLength != in.remaining()) {
            throw new InvalidInputException("file is truncated or padded: payload length " + payloadLength + ", "
                    + in.remaining() + " bytes present");
        }
        CRC32C crc = new CRC32C();
        crc.update(bytes, 0, bytes.length - 4);
        int stored = ((bytes[bytes.length - 4] & 0xff) << 24) | ((bytes[bytes.length - 3] & 0xff) << 16)
                | ((bytes[bytes.length - 2] & 0xff) << 8) | (bytes[bytes.length - 1] & 0xff);
        if ((int) crc.getValue() != stored) {
            throw new InvalidInputException("checksum mismatch: the file is corrupt");
        }
        MatrixFormat format = Formats.byId(formatId);
        try {
            MatrixChecks.checkShape(rows, cols);
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("bad shape: " + e.getMessage());
        }
        CompressedMatrix m = format.read((int) rows, (int) cols, in);
        in.expectEnd(format.name() + " payload");
        return m;
    }
}
