package org.sham4j.model.zoo;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import org.junit.jupiter.api.Test;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.WeightedLayer;
import org.sham4j.model.runtime.GraphRunner;

class ZooTest {
    private static long count(Graph g, Class<?> kind) {
        return g.nodes().stream().filter(n -> kind.isInstance(n.layer())).count();
    }

    private static int[] shape(Graph g, int batch) {
        try (GraphRunner r = new GraphRunner(g, 1)) {
            Map<String, Tensor> in = new java.util.LinkedHashMap<>();
            g.inputs().forEach(s -> {
                int[] full = new int[s.shape().length + 1];
                full[0] = batch;
                System.arraycopy(s.shape(), 0, full, 1, s.shape().length);
                in.put(s.name(), Tensor.zeros(full));
            });
            return r.run(in).get(g.outputs().get(0)).shape();
        }
    }

    @Test
    void architecturesHaveTheirLayersAndOutputs() {
        Graph lenet300 = Zoo.build("lenet-300-100", 1);
        assertEquals(3, count(lenet300, Dense.class));
        assertArrayEquals(new int[] {2, 10}, shape(lenet300, 2));
        Graph lenet5 = Zoo.build("lenet-5", 1);
        assertEquals(2, count(lenet5, Conv.class));
        assertArrayEquals(new int[] {2, 10}, shape(lenet5, 2));
        Graph deepdta = Zoo.build("deepdta", 1);
        assertEquals(6, count(deepdta, Conv.class));
        assertEquals(4, count(deepdta, Dense.class));
        assertArrayEquals(new int[] {2, 1}, shape(deepdta, 2));
        Dense fc1 = (Dense) deepdta.nodes().stream().filter(n -> n.layer() instanceof Dense).findFirst().get()
                .layer();
        assertEquals(192, fc1.weights().rows());
        assertEquals(1024, fc1.weights().cols());
        assertArrayEquals(new int[] {85}, Zoo.build("deepdta-kiba", 1).inputs().get(0).shape());
        Graph vgg = Zoo.build("vgg19", 1);
        assertEquals(16, count(vgg, Conv.class));
        Dense vggFc1 = (Dense) vgg.nodes().stream().filter(n -> n.layer() instanceof Dense).findFirst().get().layer();
        assertEquals(512, vggFc1.weights().rows());
        assertEquals(4096, vggFc1.weights().cols());
        Graph vggMnist = Zoo.build("vgg19-mnist", 1);
        assertEquals(16, count(vggMnist, Conv.class));
        assertArrayEquals(new int[] {2, 10}, shape(vggMnist, 2));
        Dense mnistFc1 = (Dense) vggMnist.nodes().stream().filter(n -> n.layer() instanceof Dense).findFirst().get()
                .layer();
        assertEquals(512, mnistFc1.weights().rows());
    }

    @Test
    void weightsFollowTheSeed() {
        Graph a = Zoo.build("lenet-5", 3);
        Graph b = Zoo.build("lenet-5", 3);
        Graph c = Zoo.build("lenet-5", 4);
        for (int k = 0; k < a.nodes().size(); k++) {
            Node n = a.nodes().get(k);
            if (n.layer() instanceof WeightedLayer w) {
                assertTrue(w.weights().toDense().bitEquals(((WeightedLayer) b.nodes().get(k).layer()).weights()
                        .toDense()));
                assertTrue(!w.weights().toDense().bitEquals(((WeightedLayer) c.nodes().get(k).layer()).weights()
                        .toDense()));
            }
        }
    }

    @Test
    void unknownNameListsTheKnownOnes() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Zoo.build("resnet", 1));
        assertTrue(e.getMessage().contains("lenet-300-100") && e.getMessage().contains("vgg19"), e.getMessage());
    }
}
