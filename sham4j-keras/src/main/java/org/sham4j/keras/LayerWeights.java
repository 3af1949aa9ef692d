package org.sham4j.keras;

import io.jhdf.api.Dataset;
import java.util.Arrays;
import java.util.Map;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.dense.DenseFormat;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.core.memory.MemoryBudget;
import org.sham4j.core.memory.MemoryBudgetException;

/** The weight arrays of one layer, by short name ({@code kernel}, {@code bias}, {@code gamma}, ...). */
final class LayerWeights {
    /** Bytes a dataset may expand to per byte of the file: deflate's limit, with room. */
    private static final long MAX_EXPANSION = 1100;

    private final LayerConfig layer;
    private final Map<String, Dataset> byName;
    private final long fileSize;

    LayerWeights(LayerConfig layer, Map<String, Dataset> byName, long fileSize) {
        this.fileSize = fileSize;
        this.layer = layer;
        this.byName = byName;
    }

    /**
     * The values of weight {@code name}, row-major, which must have the {@code expected} shape (checked before
     * any value is read, so a corrupt header cannot ask for a huge array).
     */
    float[] get(String name, int... expected) throws InvalidInputException {
        Dataset d = byName.get(name);
        if (d == null) {
            throw layer.invalid("weight '" + name + "' is missing (found " + byName.keySet() + ")");
        }
        try {
            int[] dims = d.getDimensions();
            if (!Arrays.equals(dims, expected)) {
                throw layer.invalid("weight '" + name + "' has shape " + Arrays.toString(dims) + ", expected "
                        + Arrays.toString(expected));
            }
            long bytes = MemoryBudget.bytes(Arrays.stream(dims).asLongStream().reduce(1, (a, b) -> a * b), 8);
            if (bytes > MAX_EXPANSION * fileSize) {
                throw layer.invalid("weight '" + name + "' of shape " + Arrays.toString(dims) + " is larger than a "
                        + fileSize + "-byte file can hold");
            }
            MemoryBudget.check(bytes, () -> "weight '" + name + "' of layer " + layer.name());
            Object data = d.getDataFlat();
            if (data instanceof float[] f) {
                return f;
            }
            if (data instanceof double[] dd) {
                float[] f = new float[dd.length];
                for (int i = 0; i < dd.length; i++) {
                    f[i] = (float) dd[i];
                }
                return f;
            }
            throw layer.invalid("weight '" + name + "' holds " + d.getJavaType().getSimpleName()
                    + ", expected float32 or float64");
        } catch (MemoryBudgetException e) {
            throw e;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw layer.invalid("cannot read weight '" + name + "' (" + KerasFile.describe(e) + ")");
        }
    }

    /** A rows x cols row-major weight matrix, stored dense (compression comes later, on the graph). */
    static CompressedMatrix matrix(int rows, int cols, float[] data) {
        return DenseFormat.INSTANCE.encode(SparseMatrix.fromDense(new DenseMatrix(rows, cols, data)));
    }
}
