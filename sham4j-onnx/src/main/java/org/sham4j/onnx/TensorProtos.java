package org.sham4j.onnx;

import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.TensorProto.DataType;
import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.sham4j.core.io.AtomicFiles;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.io.WholeFile;
import org.sham4j.core.matrix.Tensor;

/**
 * Single ONNX {@code TensorProto} files, as ONNX test-data folders hold them ({@code input_0.pb},
 * {@code output_0.pb}), and the tensor decoding the importer shares: data in {@code raw_data} (little-endian)
 * or in the typed fields; float32, float64, float16, bfloat16 and integer types. Tensors of the core are
 * float32, so other types are converted (integers exactly up to 2<sup>24</sup>).
 */
public final class TensorProtos {
    private TensorProtos() {
    }

    /** Reads a tensor file; a truncated, corrupt or non-numeric one gets a one-line error. */
    public static Tensor read(Path file) throws IOException {
        String source = file.toString();
        TensorProto proto;
        try {
            proto = TensorProto.parseFrom(readWhole(file));
        } catch (InvalidProtocolBufferException e) {
            throw new InvalidInputException(source + ": not an ONNX TensorProto file (truncated or corrupt"
                    + firstSentence(e) + ")");
        }
        if (!proto.hasDataType()) {
            throw new InvalidInputException(source + ": not an ONNX TensorProto file (no data type)");
        }
        ConstantTensor c = toConstant(proto, source);
        return new Tensor(c.dims(), c.toFloats());
    }

    /** The bytes of a protobuf file, refusing one too large for an array (protobuf reads from one array). */
    static byte[] readWhole(Path file) throws IOException {
        long size = Files.size(file);
        if (size > WholeFile.MAX_BYTES) {
            throw new InvalidInputException(file + ": file of " + size + " bytes is too large");
        }
        return Files.readAllBytes(file);
    }

    /** The first sentence of a protobuf parse error, after ": ", or "". */
    static String firstSentence(InvalidProtocolBufferException e) {
        return e.getMessage() == null ? "" : ": " + e.getMessage().split("\\.")[0];
    }

    /** Writes {@code tensor} as a float32 {@code TensorProto} named {@code name}, atomically. */
    public static void write(Path file, Tensor tensor, String name) throws IOException {
        byte[] bytes = floats(name, tensor.shape(), tensor.data()).toByteArray();
        AtomicFiles.write(file, bytes);
    }

    /** A float32 tensor with its values in {@code raw_data}. */
    static TensorProto floats(String name, int[] dims, float[] values) {
        ByteBuffer b = ByteBuffer.allocate(values.length * Float.BYTES).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values);
        return TensorProto.newBuilder().setName(name).setDataType(DataType.FLOAT_VALUE).addAllDims(longs(dims))
                .setRawData(ByteString.copyFrom(b.array())).build();
    }

    /** An int64 tensor with its values in {@code int64_data}. */
    static TensorProto longs(String name, int[] dims, long[] values) {
        TensorProto.Builder t = TensorProto.newBuilder().setName(name).setDataType(DataType.INT64_VALUE)
                .addAllDims(longs(dims));
        for (long v : values) {
            t.addInt64Data(v);
        }
        return t.build();
    }

    private static Iterable<Long> longs(int[] dims) {
        return Arrays.stream(dims).asLongStream().boxed().toList();
    }

    /** Decodes a tensor; {@code what} names it in messages. */
    static ConstantTensor toConstant(TensorProto t, String what) throws InvalidInputException {
        if (t.getDataLocation() == TensorProto.DataLocation.EXTERNAL || t.getExternalDataCount() > 0) {
            throw new InvalidInputException(what + ": tensor data in external files is not supported");
        }
        if (t.hasSegment()) {
            throw new InvalidInputException(what + ": segmented tensors are not supported");
        }
        int[] dims = new int[t.getDimsCount()];
        long count = 1;
        for (int i = 0; i < dims.length; i++) {
            long d = t.getDims(i);
            count *= Math.max(d, 1);
            if (d < 0 || d > Integer.MAX_VALUE || count > Integer.MAX_VALUE - 8) {
                throw new InvalidInputException(what + ": bad tensor dimensions " + t.getDimsList());
            }
            dims[i] = (int) d;
        }
        int n = Math.toIntExact(ConstantTensor.count(dims));
        DataType type = DataType.forNumber(t.getDataType());
        if (type == null) {
            throw new InvalidInputException(what + ": unknown tensor data type " + t.getDataType());
        }
        int width = width(type);
        if (width == 0) {
            throw new InvalidInputException(what + ": tensor data type " + type + " is not supported");
        }
        if (t.hasRawData()) {
            ByteBuffer raw = t.getRawData().asReadOnlyByteBuffer().order(ByteOrder.LITTLE_ENDIAN);
            if (raw.remaining() != (long) n * width) {
                throw new InvalidInputException(what + ": raw data of " + raw.remaining() + " bytes for shape "
                        + Arrays.toString(dims) + " of " + type + " (" + (long) n * width + " bytes expected)");
            }
            return fromRaw(type, dims, n, raw);
        }
        int stored = typedCount(t, type);
        if (stored != n) {
            throw new InvalidInputException(what + ": " + stored + " values for shape " + Arrays.toString(dims)
                    + " of " + type);
        }
        return fromTyped(t, type, dims, n);
    }

    private static int width(DataType type) {
        return switch (type) {
            case DOUBLE, INT64, UINT64 -> 8;
            case FLOAT, INT32, UINT32 -> 4;
            case FLOAT16, BFLOAT16, INT16, UINT16 -> 2;
            case INT8, UINT8, BOOL -> 1;
            default -> 0;
        };
    }

    private static boolean isFloat(DataType type) {
        return type == DataType.FLOAT || type == DataType.DOUBLE || type == DataType.FLOAT16
                || type == DataType.BFLOAT16;
    }

    private static ConstantTensor fromRaw(DataType type, int[] dims, int n, ByteBuffer raw) {
        if (isFloat(type)) {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = switch (type) {
                    case FLOAT -> raw.getFloat();
                    case DOUBLE -> (float) raw.getDouble();
                    case FLOAT16 -> halfToFloat(raw.getShort());
                    default -> Float.intBitsToFloat((raw.getShort() & 0xffff) << 16);
                };
            }
            return ConstantTensor.ofFloats(dims, f);
        }
        long[] l = new long[n];
        for (int i = 0; i < n; i++) {
            l[i] = switch (type) {
                case INT64, UINT64 -> raw.getLong();
                case INT32 -> raw.getInt();
                case UINT32 -> raw.getInt() & 0xffffffffL;
                case INT16 -> raw.getShort();
                case UINT16 -> raw.getShort() & 0xffff;
                case INT8 -> raw.get();
                default -> raw.get() & 0xff;
            };
        }
        return ConstantTensor.ofLongs(dims, l);
    }

    private static int typedCount(TensorProto t, DataType type) {
        return switch (type) {
            case FLOAT -> t.getFloatDataCount();
            case DOUBLE -> t.getDoubleDataCount();
            case INT64 -> t.getInt64DataCount();
            case UINT64, UINT32 -> t.getUint64DataCount();
            default -> t.getInt32DataCount();
        };
    }

    private static ConstantTensor fromTyped(TensorProto t, DataType type, int[] dims, int n) {
        if (isFloat(type)) {
            float[] f = new float[n];
            for (int i = 0; i < n; i++) {
                f[i] = switch (type) {
                    case FLOAT -> t.getFloatData(i);
                    case DOUBLE -> (float) t.getDoubleData(i);
                    case FLOAT16 -> halfToFloat((short) t.getInt32Data(i));
                    default -> Float.intBitsToFloat((t.getInt32Data(i) & 0xffff) << 16);
                };
            }
            return ConstantTensor.ofFloats(dims, f);
        }
        long[] l = new long[n];
        for (int i = 0; i < n; i++) {
            l[i] = switch (type) {
                case INT64 -> t.getInt64Data(i);
                case UINT64, UINT32 -> t.getUint64Data(i);
                default -> t.getInt32Data(i);
            };
        }
        return ConstantTensor.ofLongs(dims, l);
    }

    /** IEEE 754 half precision to float32, exactly. */
    static float halfToFloat(short h) {
        int bits = h & 0xffff;
        int sign = (bits & 0x8000) << 16;
        int exp = (bits >>> 10) & 0x1f;
        int mant = bits & 0x3ff;
        if (exp == 0x1f) {
            return Float.intBitsToFloat(sign | 0x7f800000 | mant << 13);
        }
        if (exp == 0) {
            float v = mant * 0x1p-24f;
            return sign == 0 ? v : -v;
        }
        return Float.intBitsToFloat(sign | (exp + 112) << 23 | mant << 13);
    }
}
