package org.sham4j.model.graph;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.runtime.Fixtures;
import org.sham4j.model.runtime.GraphRunner;

/** Shapes inferred with the batch symbolic, and for a given batch, against the shapes the runtime computes. */
class ShapeInferenceTest {
    @Test
    void symbolicShapesOfASmallCnn() {
        Map<String, TensorShape> s = Fixtures.smallCnn(1).shapes();
        assertEquals("(N, 1, 8, 8)", s.get("x").toString());
        assertEquals("(N, 4, 8, 8)", s.get("t0").toString());
        assertEquals("(N, 4, 4, 4)", s.get("t2").toString());
        assertEquals("(N, 6, 2, 2)", s.get("t3").toString());
        assertEquals("(N, 24)", s.get("t5").toString());
        assertEquals("(N, 5)", s.get("t9").toString());
    }

    @Test
    void shapesForABatchAreTheShapesTheRuntimeComputes() {
        Graph g = Fixtures.smallCnn(2);
        Map<String, int[]> shapes = ShapeInference.forBatch(g, 3);
        assertArrayEquals(new int[] {3, 5}, shapes.get("t9"));
        assertArrayEquals(new int[] {3, 6, 2, 2}, shapes.get("t3"));
        try (GraphRunner r = new GraphRunner(g, 1)) {
            Tensor y = r.run(Fixtures.tensor(new Random(3), 3, 1, 8, 8));
            assertArrayEquals(shapes.get("t9"), y.shape());
        }
        assertEquals(List.of("x", "t0", "t1", "t2", "t3", "t4", "t5", "t6", "t7", "t8", "t9"),
                List.copyOf(shapes.keySet()));
    }

    @Test
    void theBatchFollowsReshapesFlattensAndTransposes() {
        Graph g = chain(new int[] {6, 4}, new Flatten(0), new Reshape(new int[] {-1, 12}), new Transpose(new int[] {1, 0}),
                new Reshape(new int[] {0, 0}));
        Map<String, TensorShape> s = g.shapes();
        assertEquals("(24N)", "(" + TensorShape.text(s.get("t0").dim(1)) + ")");
        assertEquals("(1, 24N)", s.get("t0").toString());
        assertEquals("(2N, 12)", s.get("t1").toString());
        assertEquals("(12, 2N)", s.get("t2").toString());
        assertArrayEquals(new int[] {12, 10}, ShapeInference.forBatch(g, 5).get("t3"));
    }

    @Test
    void unknownInputSizesStayUnknownAndConcreteInputsResolveThem() {
        Graph g = chain(new int[] {3, -1}, new Transpose(new int[] {0, 2, 1}), new Flatten(1));
        assertEquals("(N, ?, 3)", g.shapes().get("t0").toString());
        assertEquals("(N, ?)", g.shapes().get("t1").toString());
        assertArrayEquals(new int[] {2, 21}, ShapeInference.forInputs(g, Map.of("x", new int[] {2, 3, 7})).get("t1"));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> ShapeInference.forBatch(g, 2));
        assertEquals("shape (N, 3, ?) has an unknown size at axis 2", e.getMessage());
    }

    @Test
    void anIllFittingGraphIsRefusedWhenBuiltWithTheNodeNamed() {
        Random rnd = new Random(4);
        Dense dense = new Dense(Fixtures.dense(rnd, 12, 3), null);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> chain(new int[] {2, 5}, new Flatten(1), dense));
        assertEquals("node n1 (Dense): input shape (N, 10), the layer expects (N, 12)", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> chain(new int[] {10}, new Reshape(new int[] {-1, 4})));
        assertEquals("node n0 (Reshape): input shape (N, 10) cannot take the shape (-1, 4) for every batch size",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> chain(new int[] {3, 4}, new Reshape(new int[] {0, 0, 0, 0})));
        assertEquals("node n0 (Reshape): input shape (N, 3, 4) has no axis 3 to keep for the shape (0, 0, 0, 0)",
                e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> new Graph(List.of(new InputSpec("x", new int[] {4})),
                List.of(new Node("sum", new Flatten(1), List.of("x", "x"), "y")), List.of("y"), Preprocessing.IDENTITY));
        assertEquals("node sum (Flatten): takes one input, got 2", e.getMessage());
        Pool pool = new Pool(PoolKind.MAX, new int[] {3, 3}, new int[] {1, 1}, new int[] {0, 0}, new int[] {0, 0},
                false, false);
        e = assertThrows(IllegalArgumentException.class, () -> chain(new int[] {1, 2, 2}, pool));
        assertEquals("node n0 (MaxPool2D): input shape (N, 1, 2, 2) is smaller than the kernel", e.getMessage());
    }

    /** A chain of layers from input "x" of the given sample shape: node k is "nk" giving "tk". */
    private static Graph chain(int[] input, Layer... layers) {
        List<Node> nodes = new java.util.ArrayList<>();
        String prev = "x";
        for (int k = 0; k < layers.length; k++) {
            nodes.add(new Node("n" + k, layers[k], List.of(prev), "t" + k));
            prev = "t" + k;
        }
        return new Graph(List.of(new InputSpec("x", input)), nodes, List.of(prev), Preprocessing.IDENTITY);
    }
}
