package org.sham4j.core.io;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * The header of a NumPy {@code .npy} file, versions 1.0, 2.0 and 3.0: magic bytes, version, header length
 * and a Python dict literal with the keys {@code descr}, {@code fortran_order} and {@code shape}.
 *
 * @param descr        the dtype as written, e.g. {@code <f4}; null for a structured dtype
 * @param order        byte order of the data
 * @param floatSize    2, 4 or 8 for a float dtype this library reads, 0 for any other dtype
 * @param fortranOrder whether the data is in column-major order
 * @param shape        the dimensions
 * @param dataOffset   bytes before the data: magic, version, length and header
 */
record NpyHeader(String descr, ByteOrder order, int floatSize, boolean fortranOrder, long[] shape, long dataOffset) {
    /** Longest header accepted; NumPy itself refuses more than 10,000 bytes by default. */
    static final int MAX_HEADER_LENGTH = 1 << 16;
    private static final byte[] MAGIC = {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y'};
    private static final Set<String> KEYS = Set.of("descr", "fortran_order", "shape");

    /** Whether a file starting with {@code head} has the magic bytes of a {@code .npy} file. */
    static boolean recognises(byte[] head) {
        return head.length >= MAGIC.length && Arrays.equals(head, 0, MAGIC.length, MAGIC, 0, MAGIC.length);
    }

    /** Reads the header from {@code in}, leaving it at the first data byte; {@code source} names it in messages. */
    static NpyHeader read(InputStream in, String source) throws IOException {
        byte[] start = in.readNBytes(MAGIC.length + 2);
        if (!recognises(start)) {
            throw new InvalidInputException(source + ": not a NumPy .npy file (bad magic bytes)");
        }
        if (start.length < MAGIC.length + 2) {
            throw new InvalidInputException(source + ": truncated header");
        }
        int major = start[6] & 0xff;
        int minor = start[7] & 0xff;
        if (major < 1 || major > 3 || minor != 0) {
            throw new InvalidInputException(source + ": unsupported .npy format version " + major + "." + minor);
        }
        int lengthBytes = major == 1 ? 2 : 4;
        byte[] lengthField = in.readNBytes(lengthBytes);
        if (lengthField.length < lengthBytes) {
            throw new InvalidInputException(source + ": truncated header");
        }
        long length = 0;
        for (int k = lengthBytes - 1; k >= 0; k--) {
            length = length << 8 | (lengthField[k] & 0xff);
        }
        if (length > MAX_HEADER_LENGTH) {
            throw new InvalidInputException(source + ": header length " + length + " exceeds the limit of "
                    + MAX_HEADER_LENGTH + " bytes");
        }
        byte[] header = in.readNBytes((int) length);
        if (header.length < length) {
            throw new InvalidInputException(source + ": truncated header (" + header.length + " of " + length
                    + " bytes)");
        }
        String text = new String(header, major == 3 ? StandardCharsets.UTF_8 : StandardCharsets.ISO_8859_1);
        return fromDict(PythonLiteral.parse(text, source), source, MAGIC.length + 2 + lengthBytes + length);
    }

    private static NpyHeader fromDict(Object literal, String source, long dataOffset) throws InvalidInputException {
        if (!(literal instanceof Map)) {
            throw new InvalidInputException(source + ": bad header: not a dict");
        }
        Map<?, ?> dict = (Map<?, ?>) literal;
        if (!dict.keySet().equals(KEYS)) {
            throw new InvalidInputException(source + ": bad header: keys " + dict.keySet().stream()
                    .map(String::valueOf).sorted().collect(Collectors.joining(", ", "[", "]"))
                    + ", expected [descr, fortran_order, shape]");
        }
        if (!(dict.get("fortran_order") instanceof Boolean)) {
            throw new InvalidInputException(source + ": bad header: 'fortran_order' is not True or False");
        }
        boolean fortranOrder = (Boolean) dict.get("fortran_order");
        long[] shape = shape(dict.get("shape"), source);
        Object descrValue = dict.get("descr");
        String descr = descrValue instanceof String ? (String) descrValue : null;
        if (descr == null) {
            return new NpyHeader(null, ByteOrder.LITTLE_ENDIAN, 0, fortranOrder, shape, dataOffset);
        }
        ByteOrder order = descr.startsWith(">") ? ByteOrder.BIG_ENDIAN
                : descr.startsWith("=") ? ByteOrder.nativeOrder() : ByteOrder.LITTLE_ENDIAN;
        String type = descr.isEmpty() || "<>|=".indexOf(descr.charAt(0)) < 0 ? descr : descr.substring(1);
        int floatSize = switch (type) {
            case "f2" -> 2;
            case "f4" -> 4;
            case "f8" -> 8;
            default -> 0;
        };
        return new NpyHeader(descr, order, floatSize, fortranOrder, shape, dataOffset);
    }

    private static long[] shape(Object value, String source) throws InvalidInputException {
        if (value instanceof List) {
            List<?> dims = (List<?>) value;
            long[] shape = new long[dims.size()];
            for (int k = 0; k < shape.length; k++) {
                if (!(dims.get(k) instanceof Long) || (Long) dims.get(k) < 0) {
                    shape = null;
                    break;
                }
                shape[k] = (Long) dims.get(k);
            }
            if (shape != null) {
                return shape;
            }
        }
        throw new InvalidInputException(source + ": bad header: 'shape' is not a tuple of non-negative integers");
    }

    /**
     * Why this array cannot be a matrix, as a phrase to follow "array 'NAME'", e.g. {@code has 1-D shape
     * (300,), a matrix needs 2 dimensions}; empty if it is a 2-D array of a float dtype.
     */
    Optional<String> matrixProblem() {
        if (shape.length != 2) {
            return Optional.of("has " + shape.length + "-D shape " + shapeText() + ", a matrix needs 2 dimensions");
        }
        if (descr == null) {
            return Optional.of("has a structured dtype, a matrix needs float16, float32 or float64");
        }
        if (floatSize == 0) {
            return Optional.of("has dtype '" + descr + "', a matrix needs float16, float32 or float64");
        }
        return Optional.empty();
    }

    /** The shape as Python writes a tuple: {@code ()}, {@code (300,)}, {@code (512, 4096)}. */
    String shapeText() {
        if (shape.length == 1) {
            return "(" + shape[0] + ",)";
        }
        return Arrays.stream(shape).mapToObj(Long::toString).collect(Collectors.joining(", ", "(", ")"));
    }
}
