package org.sham4j.djl;

import ai.djl.Device;
import ai.djl.Model;
import ai.djl.ndarray.NDArray;
import ai.djl.ndarray.NDList;
import ai.djl.ndarray.NDManager;
import ai.djl.ndarray.types.Shape;
import ai.djl.training.ParameterStore;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.data.HeadFeatures;
import org.sham4j.model.compress.WeightConstraints;
import org.sham4j.model.graph.Graph;

/**
 * A model graph as a DJL model on the PyTorch CPU engine: runs it, and gives the graph back with the current
 * parameter values (dense storage, exact to the bit). Close it to free the engine's memory. DJL runs offline
 * (system property {@code offline}); its caches go where {@code DJL_CACHE_DIR} and {@code ENGINE_CACHE_DIR} say.
 */
public final class DjlModel implements AutoCloseable {
    private static final String ENGINE = "PyTorch";

    static {
        // The engine's native library comes in the pytorch-native-cpu jar: DJL never needs the network.
        if (System.getProperty("offline") == null) {
            System.setProperty("offline", "true");
        }
    }

    private final Model model;
    private final GraphBlock block;

    public DjlModel(Graph graph) {
        this(graph, WeightConstraints.NONE);
    }

    /** The graph's model whose weights keep the constraints (masks, shared values) while it trains. */
    public DjlModel(Graph graph, WeightConstraints constraints) {
        this.model = Model.newInstance("sham4j", Device.cpu(), ENGINE);
        this.block = new GraphBlock(graph, constraints, model.getNDManager());
        model.setBlock(block);
    }

    /** Holds the parameters of the named nodes fixed while the model trains. */
    void freeze(Set<String> nodes) {
        block.freeze(nodes);
    }

    Model model() {
        return model;
    }

    /** The graph with the model's current weights (for a constrained layer, the weights it computes with). */
    public Graph toGraph() {
        return block.toGraph();
    }

    /** Runs the model in inference mode on model inputs (preprocessed, in the graph's input order). */
    public Tensor predict(List<Tensor> inputs) {
        return predictAll(inputs).get(0);
    }

    /** Every output of the model, in the graph's output order, for model inputs as {@link #predict} takes. */
    public List<Tensor> predictAll(List<Tensor> inputs) {
        try (NDManager manager = model.getNDManager().newSubManager()) {
            NDList out = block.forward(new ParameterStore(manager, false), toNd(manager, inputs), false);
            List<Tensor> tensors = new ArrayList<>();
            out.forEach(a -> tensors.add(toTensor(a)));
            return tensors;
        }
    }

    /**
     * Frozen heads run on PyTorch in inference mode, on the calling thread's intra-op threads: the engine training
     * runs on, so a tail trained on these results sees what the whole graph would.
     */
    public static final HeadFeatures.Engine HEADS = head -> {
        DjlModel m = new DjlModel(head);
        return new HeadFeatures.Runner() {
            @Override
            public Map<String, Tensor> run(Map<String, Tensor> inputs) {
                List<Tensor> in = new ArrayList<>();
                head.inputs().forEach(i -> in.add(inputs.get(i.name())));
                List<Tensor> out = m.predictAll(in);
                Map<String, Tensor> named = new LinkedHashMap<>();
                for (int k = 0; k < out.size(); k++) {
                    named.put(head.outputs().get(k), out.get(k));
                }
                return named;
            }

            @Override
            public void close() {
                m.close();
            }
        };
    };

    static NDList toNd(NDManager manager, List<Tensor> tensors) {
        NDList list = new NDList();
        for (Tensor t : tensors) {
            long[] shape = new long[t.rank()];
            for (int k = 0; k < shape.length; k++) {
                shape[k] = t.dim(k);
            }
            list.add(manager.create(t.data(), new Shape(shape)));
        }
        return list;
    }

    static Tensor toTensor(NDArray a) {
        long[] s = a.getShape().getShape();
        int[] shape = new int[s.length];
        for (int k = 0; k < s.length; k++) {
            shape[k] = Math.toIntExact(s[k]);
        }
        return new Tensor(shape, a.toFloatArray());
    }

    @Override
    public void close() {
        model.close();
    }
}
