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

    /** Exact size of {@code m}'s file, by part, counted without writing it (so of any size). */
    public static SizeBreakdown sizeOf(CompressedMatrix m) {
        PayloadOutput body = body(m, PayloadOutput.counting());
        Map<String, Long> parts = new LinkedHashMap<>();
        parts.put(SizeBreakdown.HEADER, Container.frameBytes(KIND, body.size()));
        body.bytesByPart().forEach((part, bytes) -> parts.merge(part, bytes, Long::sum));
        return new SizeBreakdown(parts);
    }

    private static PayloadOutput encode(CompressedMatrix m) {
        return Container.write(KIND, body(m, new PayloadOutput()));
    }

    private static PayloadOutput body(CompressedMatrix m, PayloadOutput body) {
        body.part(SizeBreakdown.HEADER);
        body.writeByte(m.format().id());
        body.writeVarLong(m.rows());
        body.writeVarLong(m.cols());
        m.writePayload(body);
        return body;
    }

    /**
     * Writes {@code m} to {@code path} atomically, streaming (no copy of the file is held); a file larger than
     * {@link WholeFile#MAX_BYTES}, which could not be read back, is refused with a {@link FormatLimitException}.
     */
    public static void save(Path path, CompressedMatrix m) throws IOException {
        long body = body(m, PayloadOutput.counting()).size();
        long total = Container.frameBytes(KIND, body) + body;
        if (total > WholeFile.MAX_BYTES) {
            throw new FormatLimitException(m.format().name() + ": " + FormatLimitException.payload(total).getMessage());
        }
        AtomicFiles.write(path, out -> {
            try {
                Container.write(KIND, body, b -> body(m, b), out);
            } catch (java.io.UncheckedIOException e) {
                throw e.getCause();
            }
        });
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
