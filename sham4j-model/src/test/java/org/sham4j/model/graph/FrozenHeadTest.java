package org.sham4j.model.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sham4j.core.format.dense.DenseFormat;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.model.compress.LayerSelection;
import org.sham4j.model.zoo.Zoo;

/** Where a graph is cut when some of its nodes are frozen. */
class FrozenHeadTest {
    @Test
    void deepDtaWithItsDenseLayersTrainingIsCutAfterEachBranchsPooling() {
        Graph g = Zoo.build("deepdta", 1);
        List<String> dense = LayerSelection.DENSE.select(g);
        Set<String> frozen = g.nodes().stream().map(Node::name).filter(n -> !dense.contains(n))
                .collect(Collectors.toSet());
        FrozenHead cut = new FrozenHead(g, frozen);
        assertTrue(cut.saves());
        List<String> frontier = cut.frontier();
        assertEquals(2, frontier.size(), frontier.toString());
        assertEquals(0, cut.source(frontier.get(0)));
        assertEquals(1, cut.source(frontier.get(1)));
        // each branch ends in a global max pooling; the concatenation mixes them, so it is the tail's first node
        for (int k = 0; k < 2; k++) {
            Graph head = cut.headOf(k);
            assertEquals(List.of(g.inputs().get(k)), head.inputs());
            assertTrue(head.nodes().get(head.nodes().size() - 1).layer() instanceof GlobalPool);
            assertTrue(head.nodes().stream().anyMatch(n -> n.layer() instanceof Embedding));
            assertSame(g.preprocessing(), head.preprocessing());
        }
        Graph tail = cut.tail(List.of(new int[] {96}, new int[] {96}));
        assertTrue(tail.nodes().get(0).layer() instanceof Concat);
        assertEquals(frontier, tail.inputs().stream().map(InputSpec::name).toList());
        assertTrue(cut.tailNodes().containsAll(dense));
        assertEquals(g.nodes().size(), cut.headOf(0).nodes().size() + cut.headOf(1).nodes().size()
                + tail.nodes().size());
        assertThrows(IllegalArgumentException.class, () -> cut.tail(List.of(new int[] {96})));
        assertThrows(IllegalArgumentException.class, () -> cut.source(dense.get(0)));

        // merging takes the tail's nodes by name and keeps the head's
        List<Node> changed = new ArrayList<>();
        for (Node n : tail.nodes()) {
            changed.add(n.layer() instanceof Dropout ? new Node(n.name(), new Dropout(0.5f), n.inputs(), n.output())
                    : n);
        }
        Graph merged = cut.merge(tail.withNodes(changed));
        for (int i = 0; i < g.nodes().size(); i++) {
            Node n = g.nodes().get(i);
            Node m = merged.nodes().get(i);
            assertEquals(n.name(), m.name());
            if (!(n.layer() instanceof Dropout)) {
                assertSame(n.layer(), m.layer());
            }
        }
        assertThrows(IllegalArgumentException.class, () -> cut.merge(cut.headOf(0)));
    }

    @Test
    void aTrainableOrRandomNodeEndsTheHead() {
        Graph g = Zoo.build("lenet-5", 1);
        List<String> conv = LayerSelection.CONV.select(g);
        // nothing frozen: only weightless nodes could be in the head, which saves nothing
        assertFalse(new FrozenHead(g, Set.of()).saves());
        // the first convolution frozen: the head ends before the second
        FrozenHead first = new FrozenHead(g, Set.of(conv.get(0)));
        assertTrue(first.saves());
        assertEquals(1, first.frontier().size());
        assertTrue(first.tailNodes().contains(conv.get(1)));
        assertFalse(first.tailNodes().contains(conv.get(0)));
        // every node frozen: the whole network is the head, its output the frontier, the tail empty
        Set<String> all = g.nodes().stream().map(Node::name).collect(Collectors.toSet());
        FrozenHead whole = new FrozenHead(g, all);
        assertEquals(g.outputs(), whole.frontier());
        assertTrue(whole.tailNodes().isEmpty());

        // dropout is random in training: it and what follows stay in the tail even when frozen
        Graph dropout = new Graph(List.of(new InputSpec("x", new int[] {3})), List.of(
                new Node("d0", dense(3, 2), List.of("x"), "h0"),
                new Node("drop", new Dropout(0.5f), List.of("h0"), "h1"),
                new Node("d1", dense(2, 1), List.of("h1"), "y")), List.of("y"), Preprocessing.IDENTITY);
        FrozenHead cut = new FrozenHead(dropout, Set.of("d0", "drop", "d1"));
        assertEquals(List.of("h0"), cut.frontier());
        assertEquals(Set.of("drop", "d1"), cut.tailNodes());
    }

    private static Dense dense(int in, int out) {
        return new Dense(DenseFormat.INSTANCE.encode(new DenseMatrix(in, out, new float[in * out])), new float[out]);
    }
}
