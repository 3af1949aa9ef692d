package org.sham4j.core.format;

import java.util.OptionalDouble;
import org.sham4j.core.energy.OperationCounts;
import org.sham4j.core.matrix.DenseMatrix;

/**
 * An n x m float32 matrix W held in one storage format. Products y = x<sup>T</sup>W run directly on the stored
 * form. A batch of r vectors is row-major: vector b is {@code x[b*n .. b*n+n)} and its product is
 * {@code y[b*m .. b*m+m)}.
 */
public interface CompressedMatrix {
    int rows();

    int cols();

    /** Number of non-zero entries. */
    long nonZeros();

    MatrixFormat format();

    /** The matrix, exact to the bit (zeros are positive zeros). */
    DenseMatrix toDense();

    /** Y = X<sup>T</sup>W for a batch of {@code batch} vectors, on the calling thread. */
    void multiply(float[] x, int batch, float[] y);

    /** Y = X<sup>T</sup>W for a batch of {@code batch} vectors, on the executor's threads. */
    void multiply(float[] x, int batch, float[] y, ProductExecutor executor);

    /** y = x<sup>T</sup>W for one vector, on the calling thread. */
    default void multiply(float[] x, float[] y) {
        multiply(x, 1, y);
    }

    /** Writes the format's payload; the container adds the header and checksum. */
    void writePayload(PayloadOutput out);

    /** Exact bytes of this matrix's {@code .shm} file, by part. */
    default SizeBreakdown size() {
        return ShmFile.sizeOf(this);
    }

    /**
     * The operations and memory accesses of one product y = x<sup>T</sup>W on this stored form, for the energy
     * model ({@link org.sham4j.core.energy}).
     */
    OperationCounts productCounts();

    /** The sHAM paper's upper bound on this format's size in bits, where one applies. */
    default OptionalDouble upperBoundBits() {
        return OptionalDouble.empty();
    }
}
