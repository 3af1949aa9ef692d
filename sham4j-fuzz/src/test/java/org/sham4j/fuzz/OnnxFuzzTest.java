package org.sham4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Graph;
import org.sham4j.onnx.OnnxImporter;
import org.sham4j.onnx.TensorProtos;

/** ONNX models ({@code .onnx}) and tensors ({@code .pb}, as ONNX test-data folders hold them). */
class OnnxFuzzTest {
    @FuzzTest
    void onnx(byte[] data) throws IOException {
        Graph g = Oracles.accepted(() -> OnnxImporter.read(data, "fuzz.onnx"));
        if (g != null) {
            Oracles.model(g);
        }
        FuzzStats.count("onnx", g != null);
    }

    @FuzzTest
    void tensorPb(byte[] data) throws IOException {
        Tensor t = Oracles.accepted(() -> TensorProtos.read(TempFiles.write("input_0.pb", data)));
        if (t != null) {
            Oracles.check(Tensor.size(t.shape()) == t.data().length, "tensor of inconsistent size");
        }
        FuzzStats.count("pb", t != null);
    }
}
