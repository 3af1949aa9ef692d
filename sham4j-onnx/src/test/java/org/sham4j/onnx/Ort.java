package org.sham4j.onnx;

import ai.onnx.proto.OnnxMl.ModelProto;
import ai.onnx.proto.OnnxMl.TensorProto;
import ai.onnx.proto.OnnxMl.ValueInfoProto;
import ai.onnxruntime.NodeInfo;
import ai.onnxruntime.OnnxJavaType;
import ai.onnxruntime.OnnxTensor;
import ai.onnxruntime.OrtEnvironment;
import ai.onnxruntime.OrtSession;
import ai.onnxruntime.TensorInfo;
import java.nio.FloatBuffer;
import java.nio.LongBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sham4j.core.matrix.Tensor;

/** Runs an ONNX model in ONNX Runtime: the reference the tests compare with. */
public final class Ort {
    private Ort() {
    }

    /** The model's outputs, in order, for its inputs in order (integer inputs get the values rounded). */
    public static List<Tensor> run(ModelProto model, List<Tensor> inputs) throws Exception {
        Set<String> initializers = new HashSet<>();
        for (TensorProto t : model.getGraph().getInitializerList()) {
            initializers.add(t.getName());
        }
        List<String> names = new ArrayList<>();
        for (ValueInfoProto v : model.getGraph().getInputList()) {
            if (!initializers.contains(v.getName())) {
                names.add(v.getName());
            }
        }
        OrtEnvironment env = OrtEnvironment.getEnvironment();
        try (OrtSession.SessionOptions options = new OrtSession.SessionOptions()) {
            options.setIntraOpNumThreads(1);
            try (OrtSession session = env.createSession(model.toByteArray(), options)) {
                Map<String, NodeInfo> info = session.getInputInfo();
                Map<String, OnnxTensor> feed = new HashMap<>();
                try {
                    for (int i = 0; i < names.size(); i++) {
                        Tensor t = inputs.get(i);
                        long[] shape = java.util.Arrays.stream(t.shape()).asLongStream().toArray();
                        TensorInfo ti = (TensorInfo) info.get(names.get(i)).getInfo();
                        if (ti.type == OnnxJavaType.INT64) {
                            long[] v = new long[t.data().length];
                            for (int k = 0; k < v.length; k++) {
                                v[k] = Math.round(t.data()[k]);
                            }
                            feed.put(names.get(i), OnnxTensor.createTensor(env, LongBuffer.wrap(v), shape));
                        } else {
                            feed.put(names.get(i), OnnxTensor.createTensor(env, FloatBuffer.wrap(t.data()), shape));
                        }
                    }
                    List<Tensor> outs = new ArrayList<>();
                    try (OrtSession.Result r = session.run(feed)) {
                        for (int k = 0; k < r.size(); k++) {
                            OnnxTensor o = (OnnxTensor) r.get(k);
                            long[] s = o.getInfo().getShape();
                            FloatBuffer fb = o.getFloatBuffer();
                            float[] v = new float[fb.remaining()];
                            fb.get(v);
                            outs.add(new Tensor(java.util.Arrays.stream(s).mapToInt(x -> (int) x).toArray(), v));
                        }
                    }
                    return outs;
                } finally {
                    feed.values().forEach(OnnxTensor::close);
                }
            }
        }
    }

    /** Largest |a - b| over two tensors of one shape. */
    public static double maxDiff(Tensor a, Tensor b) {
        if (!java.util.Arrays.equals(a.shape(), b.shape())) {
            throw new AssertionError("shapes " + a + " and " + b + " differ");
        }
        double m = 0;
        for (int i = 0; i < a.data().length; i++) {
            m = Math.max(m, Math.abs(a.data()[i] - b.data()[i]));
        }
        return m;
    }

    /** Largest |a - b| relative to the scale of the reference {@code a}: max |a| or 1, whichever is larger. */
    public static double relativeDiff(Tensor a, Tensor b) {
        double scale = 1;
        for (float v : a.data()) {
            scale = Math.max(scale, Math.abs(v));
        }
        return maxDiff(a, b) / scale;
    }
}
