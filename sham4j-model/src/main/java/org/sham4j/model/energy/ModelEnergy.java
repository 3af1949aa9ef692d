package org.sham4j.model.energy;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sham4j.core.energy.EnergyCosts;
import org.sham4j.core.energy.OperationCounts;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.WeightedLayer;
import org.sham4j.model.runtime.GraphRunner;
import org.sham4j.model.runtime.WeightProducts;

/**
 * The energy of one sample through a model, by the core energy model ({@link org.sham4j.core.energy}): the
 * products of its weighted layers in their storage formats (a dense layer: one product per input vector; a
 * convolution: one product per output position and group, as im2col runs it) and its embedding lookups (each
 * reads its index and one table row, and writes that row out). Biases, activations, pooling and the other
 * weightless layers are not counted. How many products a layer makes is read from one run of the graph on a
 * sample of zeros.
 */
public final class ModelEnergy {
    private ModelEnergy() {
    }

    /**
     * What one layer costs per sample.
     *
     * @param node        the node's name
     * @param op          its layer kind, e.g. {@code Dense}
     * @param products    products (or embedding lookups) per sample
     * @param counts      all its operations and accesses per sample
     * @param picojoules  their energy
     */
    public record LayerEnergy(String node, String op, long products, OperationCounts counts, double picojoules) {
    }

    /** Picojoules per sample under Horowitz's 45 nm costs; the inputs' shapes must be fixed. */
    public static double perSample(Graph graph) {
        return perSample(graph, EnergyCosts.HOROWITZ_45NM);
    }

    /** Picojoules per sample under {@code costs}; the inputs' shapes must be fixed. */
    public static double perSample(Graph graph, EnergyCosts costs) {
        double pj = 0;
        for (LayerEnergy e : perLayer(graph, costs)) {
            pj += e.picojoules();
        }
        return pj;
    }

    /** Each counted layer's energy per sample, in graph order; the inputs' shapes must be fixed. */
    public static List<LayerEnergy> perLayer(Graph graph, EnergyCosts costs) {
        Map<String, int[]> shapes = new LinkedHashMap<>();
        for (InputSpec in : graph.inputs()) {
            for (int d : in.shape()) {
                if (d < 0) {
                    throw new IllegalArgumentException("model input " + in + " has a free dimension: the energy of a "
                            + "sample needs every input's shape");
                }
            }
            shapes.put(in.name(), in.shape());
        }
        return perLayer(graph, shapes, costs);
    }

    /** Each counted layer's energy for one sample whose inputs have these shapes (batch axis excluded). */
    public static List<LayerEnergy> perLayer(Graph graph, Map<String, int[]> sampleShapes, EnergyCosts costs) {
        List<Node> counted = new ArrayList<>();
        List<String> outputs = new ArrayList<>();
        for (Node n : graph.nodes()) {
            if (n.layer() instanceof WeightedLayer || n.layer() instanceof Embedding) {
                counted.add(n);
                if (!outputs.contains(n.output())) {
                    outputs.add(n.output());
                }
            }
        }
        if (counted.isEmpty()) {
            return List.of();
        }
        Map<String, Tensor> sizes = outputsOnZeros(new Graph(graph.inputs(), graph.nodes(), outputs,
                graph.preprocessing()), sampleShapes);
        List<LayerEnergy> out = new ArrayList<>();
        for (Node n : counted) {
            long outSize = sizes.get(n.output()).data().length;
            OperationCounts perSample;
            long products;
            if (n.layer() instanceof Embedding e) {
                DenseMatrix table = e.table();
                products = outSize / Math.max(1, table.cols());
                perSample = lookups(table, products);
            } else {
                CompressedMatrix w = ((WeightedLayer) n.layer()).weights();
                products = w.cols() == 0 ? 0 : outSize / w.cols();
                OperationCounts one = OperationCounts.NONE;
                List<CompressedMatrix> parts = n.layer() instanceof Conv c ? c.groupWeights() : List.of(w);
                for (CompressedMatrix part : parts) {
                    one = one.plus(part.productCounts());
                }
                perSample = one.times(products);
            }
            out.add(new LayerEnergy(n.name(), n.layer().kind(), products, perSample, costs.picojoules(perSample)));
        }
        return out;
    }

    /** {@code lookups} embedding lookups: the index read, a table row read and written out. */
    private static OperationCounts lookups(DenseMatrix table, long lookups) {
        long dim = table.cols();
        return OperationCounts.builder()
                .access("indices", 4 * lookups, 32, lookups)
                .access("embedding table", 4L * table.rows() * dim, 32, lookups * dim)
                .access("embedding output", 4 * lookups * dim, 32, lookups * dim)
                .build();
    }

    private static Map<String, Tensor> outputsOnZeros(Graph graph, Map<String, int[]> sampleShapes) {
        Map<String, Tensor> inputs = new LinkedHashMap<>();
        for (InputSpec in : graph.inputs()) {
            int[] s = sampleShapes.get(in.name());
            if (s == null) {
                throw new IllegalArgumentException("no sample shape for model input '" + in.name() + "'");
            }
            int[] shape = new int[s.length + 1];
            shape[0] = 1;
            System.arraycopy(s, 0, shape, 1, s.length);
            inputs.put(in.name(), new Tensor(shape, new float[Math.toIntExact(Tensor.size(shape))]));
        }
        try (GraphRunner runner = new GraphRunner(graph, 1, WeightProducts.STORED)) {
            return runner.run(inputs);
        }
    }
}
