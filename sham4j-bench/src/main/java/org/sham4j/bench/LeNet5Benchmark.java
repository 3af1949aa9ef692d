package org.sham4j.bench;

import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtException;
import ai.onnxruntime.OrtSession;
import java.nio.FloatBuffer;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.djl.DjlModel;
import org.sham4j.djl.TorchThreads;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.runtime.GraphRunner;
import org.sham4j.model.zoo.Zoo;
import org.sham4j.onnx.OnnxExporter;

/**
 * LeNet-5 (Caffe variant, float32 dense weights) on a batch of 256 MNIST-sized inputs, single-threaded: the
 * pure-Java runtime against DJL on the PyTorch CPU engine and ONNX Runtime (each with one intra-op thread), on
 * the same weights.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"-Dai.djl.pytorch.num_threads=1", "-Dai.djl.pytorch.num_interop_threads=1",
    "--add-modules", "jdk.incubator.vector"})
public class LeNet5Benchmark {
    @Param({"256"})
    public int batch;

    private GraphRunner runner;
    private DjlModel djl;
    private Tensor input;
    private String inputName;
    private OrtEnvironment ortEnv;
    private OrtSession ort;
    private OnnxTensor ortInput;

    @Setup(Level.Trial)
    public void setUp() throws OrtException {
        Graph g = Zoo.build("lenet-5", 1);
        runner = new GraphRunner(g, 1);
        TorchThreads.set(1);
        djl = new DjlModel(g);
        input = RandomBatch.of(g, batch);
        inputName = g.inputs().get(0).name();
        ortEnv = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            options.setInterOpNumThreads(1);
            ort = ortEnv.createSession(OnnxExporter.toModel(g).toByteArray(), options);
        }
        long[] longShape = java.util.Arrays.stream(input.shape()).asLongStream().toArray();
        ortInput = OnnxTensor.createTensor(ortEnv, FloatBuffer.wrap(input.data()), longShape);
    }

    @TearDown(Level.Trial)
    public void tearDown() throws OrtException {
        runner.close();
        djl.close();
        ortInput.close();
        ort.close();
    }

    @Benchmark
    public Map<String, Tensor> javaRuntime() {
        return runner.run(Map.of(inputName, input));
    }

    @Benchmark
    public Tensor djlPyTorch() {
        return djl.predict(List.of(input));
    }

    @Benchmark
    public float onnxRuntime() throws OrtException {
        try (OrtSession.Result r = ort.run(Map.of(inputName, ortInput))) {
            return ((float[][]) r.get(0).getValue())[0][0];
        }
    }
}
