package org.sham4j.core.format;

import java.io.IOException;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.sham4j.core.io.AtomicFiles;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.io.WholeFile;
import org.sham4j.core.matrix.MatrixChecks;

/**
 * The {@code .shm} file of one compressed matrix, in the {@link Container} of kind {@link #KIND}:
 * <pre>
 *   "SHM4" | version u8 | body length varint | format id u8 | rows varint | cols varint | payload | CRC-32C
 * </pre>
 * The payload belongs to the format. Its size, by part, together with this frame, is what a format reports.
 * Version 1 files (no body length; a payload length after the columns) are still read.
 */
public final class ShmFile {
    /** Current version of the container layout. */
    public static final int VERSION = 2;
    /** The container of {@code .shm} files. */
    public static final Container.Kind KIND = new Container.Kind(".shm file", "SHM4", VERSION, 1, 2);

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
        PayloadOutput body = new PayloadOutput();
        body.part(SizeBreakdown.HEADER);
        body.writeByte(m.format().id());
        body.writeVarLong(m.rows());
        body.writeVarLong(m.cols());
        m.writePayload(body);
        return Container.write(KIND, body);
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
        Container.Opened file = Container.open(KIND, bytes);
        PayloadInput in = file.body();
        int formatId = in.readByte();
        long rows = in.readVarLong();
        long cols = in.readVarLong();
        if (file.version() == 1) {
            long payloadLength = in.readVarLong();
            if (payloadLength != in.remaining()) {
                throw new InvalidInputException("file is truncated or padded: payload length " + payloadLength + ", "
                        + in.remaining() + " bytes present");
            }
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
