package org.sham4j.model.io;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.PayloadInput;
import org.sham4j.core.format.ShmFile;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.DenseMatrix;

/**
 * Reads the fields {@link ModelOutput} writes. Every count is checked against the bytes left before anything
 * is allocated, so a forged count gives an {@link InvalidInputException}.
 */
final class ModelInput {
    private final PayloadInput in;
    private final int version;

    ModelInput(PayloadInput in, int version) {
        this.in = in;
        this.version = version;
    }

    /** The version of the file being read, for layer fields that later versions added. */
    int version() {
        return version;
    }

    int u8() throws IOException {
        return in.readByte();
    }

    boolean bool(String what) throws IOException {
        int v = in.readByte();
        if (v > 1) {
            throw new InvalidInputException(what + ": flag " + v + " is neither 0 nor 1");
        }
        return v == 1;
    }

    int i32() throws IOException {
        return in.readInt();
    }

    float f32() throws IOException {
        return in.readFloat();
    }

    /** A count of items of at least {@code bytesEach} bytes, bounded by the bytes left. */
    int count(String what, int bytesEach) throws IOException {
        return in.readCount(what, in.remaining() / bytesEach);
    }

    /** A non-negative number such as a channel count, at most {@code max}. */
    int number(String what, long max) throws IOException {
        return in.readCount(what, max);
    }

    /** One of an enum's constants by its ordinal. */
    <E extends Enum<E>> E choice(E[] values, String what) throws IOException {
        int v = in.readByte();
        if (v >= values.length) {
            throw new InvalidInputException(what + " " + v + " is unknown");
        }
        return values[v];
    }

    /** A UTF-8 string; malformed UTF-8 is refused, so that a string reads back to the bytes it came from. */
    String string(String what) throws IOException {
        byte[] b = bytes(count(what + " length", 1), what);
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(b)).toString();
        } catch (CharacterCodingException e) {
            throw new InvalidInputException(what + " is not valid UTF-8");
        }
    }

    int[] ints(String what) throws IOException {
        return in.readInts(count(what + " count", 4), what);
    }

    float[] floats(String what) throws IOException {
        return in.readFloats(count(what + " count", 4), what);
    }

    float[] floatsOrNull(String what) throws IOException {
        return bool(what + " presence") ? floats(what) : null;
    }

    CompressedMatrix matrix(String what) throws IOException {
        byte[] b = bytes(count(what + " length", 1), what);
        try {
            return ShmFile.fromBytes(b);
        } catch (InvalidInputException e) {
            throw new InvalidInputException(what + ": " + e.getMessage(), e);
        }
    }

    DenseMatrix dense(String what) throws IOException {
        int rows = number(what + " rows", Integer.MAX_VALUE);
        int cols = number(what + " cols", Integer.MAX_VALUE);
        long n = (long) rows * cols;
        if (n > in.remaining() / 4) {
            throw new InvalidInputException(what + ": " + rows + " x " + cols + " floats need more than the "
                    + in.remaining() + " bytes left");
        }
        return new DenseMatrix(rows, cols, in.readFloats((int) n, what));
    }

    void expectEnd() throws IOException {
        in.expectEnd("model");
    }

    private byte[] bytes(int n, String what) throws IOException {
        return in.readBytes(n, what);
    }
}
