package org.sham4j.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.sham4j.core.matrix.MatrixChecks;
import org.sham4j.core.matrix.Tensor;

/**
 * Reads NumPy arrays of any rank as float32 {@link Tensor}s: float16/32/64, signed and unsigned integers of
 * 1 to 8 bytes and bool, either byte order, C or Fortran order. Integers are converted to the nearest float
 * (exact up to 2^24, so class labels and pixel values are kept); NaN and infinities are refused.
 */
public final class NpyArrays {
    private static final int CHUNK = 1 << 16;

    private NpyArrays() {
    }

    /** Every array of an {@code .npz} archive, by key (member name without {@code .npy}), in archive order. */
    public static Map<String, Tensor> readNpz(Path file) throws IOException {
        String source = FileNames.display(file);
        Map<String, Tensor> out = new LinkedHashMap<>();
        try (ZipFile zip = NpzReader.open(file, source)) {
            for (ZipEntry member : NpzReader.entries(zip, source)) {
                String name = member.getName();
                String label = source + ": " + name;
                try (InputStream in = zip.getInputStream(member)) {
                    out.put(name.substring(0, name.length() - 4), read(in, label));
                } catch (EOFException | ZipException e) {
                    throw new InvalidInputException(label + ": corrupt or truncated compressed data ("
                            + NpzReader.describe(e) + ")");
                }
            }
        }
        if (out.isEmpty()) {
            throw new InvalidInputException(source + ": the archive holds no .npy array");
        }
        return out;
    }

    /** Reads one array from a stream positioned at the start of an {@code .npy} file; {@code source} names it. */
    public static Tensor read(InputStream in, String source) throws IOException {
        NpyHeader header = NpyHeader.read(in, source);
        ElementType type = ElementType.of(header, source);
        long[] longShape = header.shape();
        int[] shape = new int[longShape.length];
        long count = 1;
        for (int k = 0; k < shape.length; k++) {
            count *= longShape[k];
            if (longShape[k] > Integer.MAX_VALUE || count > MatrixChecks.MAX_ENTRIES) {
                throw new InvalidInputException(source + ": shape " + header.shapeText() + " has too many entries");
            }
            shape[k] = (int) longShape[k];
        }
        float[] data = new float[(int) Math.min(count, 1 << 20)];
        byte[] chunk = new byte[CHUNK - CHUNK % 8];
        ByteBuffer buffer = ByteBuffer.wrap(chunk).order(header.order());
        int k = 0;
        while (k < count) {
            int want = (int) Math.min(chunk.length, (count - k) * type.size);
            int got = in.readNBytes(chunk, 0, want);
            if (got < want) {
                throw new InvalidInputException(source + ": data ends after " + ((long) k * type.size + got)
                        + " bytes, shape " + header.shapeText() + " of '" + header.descr() + "' needs "
                        + count * type.size);
            }
            if (k + want / type.size > data.length) {
                data = Arrays.copyOf(data, (int) Math.min(count, Math.max(2L * data.length,
                        k + want / type.size)));
            }
            for (int p = 0; p < want; p += type.size, k++) {
                double v = type.get(buffer, p);
                float f = (float) v;
                if (!Float.isFinite(f)) {
                    throw new InvalidInputException(source + ": " + (Double.isNaN(v) ? "NaN" : "infinite value")
                            + " at flat position " + k);
                }
                data[k] = f;
            }
        }
        if (header.fortranOrder() && shape.length > 1) {
            data = fortranToC(data, shape);
        }
        return new Tensor(shape, data);
    }

    private static float[] fortranToC(float[] f, int[] shape) {
        float[] c = new float[f.length];
        int rank = shape.length;
        int[] index = new int[rank];
        for (int k = 0; k < f.length; k++) {
            int pos = 0;
            for (int a = rank - 1; a >= 0; a--) {
                pos = pos * shape[a] + index[a];
            }
            c[k] = f[pos];
            for (int a = rank - 1; a >= 0 && ++index[a] == shape[a]; a--) {
                index[a] = 0;
            }
        }
        return c;
    }

    /** The dtypes read, with their size in bytes. */
    private enum ElementType {
        F2(2), F4(4), F8(8), I1(1), I2(2), I4(4), I8(8), U1(1), U2(2), U4(4), U8(8), BOOL(1);

        final int size;

        ElementType(int size) {
            this.size = size;
        }

        static ElementType of(NpyHeader header, String source) throws InvalidInputException {
            String descr = header.descr();
            if (descr != null) {
                String type = descr.isEmpty() || "<>|=".indexOf(descr.charAt(0)) < 0 ? descr : descr.substring(1);
                switch (type) {
                    case "f2": return F2;
                    case "f4": return F4;
                    case "f8": return F8;
                    case "i1": return I1;
                    case "i2": return I2;
                    case "i4": return I4;
                    case "i8": return I8;
                    case "u1": return U1;
                    case "u2": return U2;
                    case "u4": return U4;
                    case "u8": return U8;
                    case "b1": return BOOL;
                    default: break;
                }
            }
            throw new InvalidInputException(source + ": unsupported dtype '" + descr
                    + "', expected a float, integer or bool array");
        }

        double get(ByteBuffer b, int p) {
            return switch (this) {
                case F2 -> NpyReader.halfToFloat(b.getShort(p));
                case F4 -> b.getFloat(p);
                case F8 -> b.getDouble(p);
                case I1 -> b.get(p);
                case I2 -> b.getShort(p);
                case I4 -> b.getInt(p);
                case I8 -> b.getLong(p);
                case U1, BOOL -> b.get(p) & 0xff;
                case U2 -> b.getShort(p) & 0xffff;
                case U4 -> b.getInt(p) & 0xffffffffL;
                case U8 -> unsigned(b.getLong(p));
            };
        }

        private static double unsigned(long v) {
            return v >= 0 ? v : (double) (v >>> 1) * 2 + (v & 1);
        }
    }
}
