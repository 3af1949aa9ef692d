package org.sham4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import org.sham4j.core.io.NamedMatrix;
import org.sham4j.core.io.NpyArrays;
import org.sham4j.core.io.NpzReader;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.core.io.NpyReader;

/** NumPy {@code .npy} arrays (as matrices and as tensors of any rank) and {@code .npz} archives. */
class NumpyFuzzTest {
    @FuzzTest
    void npy(byte[] data) throws IOException {
        SparseMatrix m = Oracles.accepted(() -> NpyReader.read(TempFiles.write("m.npy", data)));
        if (m != null) {
            Matrices.check(m);
        }
        Tensor t = Oracles.accepted(() -> NpyArrays.read(new ByteArrayInputStream(data), "t.npy"));
        if (t != null) {
            Oracles.check(Tensor.size(t.shape()) == t.data().length, "tensor of inconsistent size");
        }
        FuzzStats.count("npy", m != null || t != null);
    }

    @FuzzTest
    void npz(byte[] data) throws IOException {
        java.nio.file.Path file = TempFiles.write("a.npz", data);
        List<NamedMatrix> ms = Oracles.accepted(() -> NpzReader.read(file, null));
        if (ms != null) {
            ms.forEach(m -> Matrices.check(m.matrix()));
        }
        Map<String, Tensor> ts = Oracles.accepted(() -> NpyArrays.readNpz(file));
        FuzzStats.count("npz", ms != null || ts != null);
    }
}
