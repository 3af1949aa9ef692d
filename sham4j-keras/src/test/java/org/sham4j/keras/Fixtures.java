package org.sham4j.keras;

import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.sham4j.core.matrix.Tensor;

/** The Keras fixtures under src/test/resources/keras (made by make_fixtures.py) and their .npy arrays. */
final class Fixtures {
    private static final Pattern SHAPE = Pattern.compile("'shape': \\(([0-9, ]*)\\)");

    private Fixtures() {
    }

    static Path file(String name) {
        try {
            return Path.of(Fixtures.class.getResource("/keras/" + name).toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A little-endian float32 C-order .npy array (as the script writes them). */
    static Tensor npy(String name) throws IOException {
        byte[] b = Files.readAllBytes(file(name));
        ByteBuffer buf = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int major = b[6];
        int headerLen = major == 1 ? buf.getShort(8) & 0xffff : buf.getInt(8);
        int start = major == 1 ? 10 : 12;
        String header = new String(b, start, headerLen, StandardCharsets.ISO_8859_1);
        if (!header.contains("'descr': '<f4'") || !header.contains("'fortran_order': False")) {
            throw new IllegalStateException(name + ": expected little-endian float32 in C order, got " + header);
        }
        Matcher m = SHAPE.matcher(header);
        if (!m.find()) {
            throw new IllegalStateException(name + ": no shape in " + header);
        }
        String[] dims = m.group(1).split(",");
        int rank = 0;
        int[] shape = new int[dims.length];
        for (String d : dims) {
            if (!d.isBlank()) {
                shape[rank++] = Integer.parseInt(d.trim());
            }
        }
        shape = Arrays.copyOf(shape, rank);
        float[] data = new float[(int) Tensor.size(shape)];
        buf.position(start + headerLen);
        buf.asFloatBuffer().get(data);
        return new Tensor(shape, data);
    }
}
