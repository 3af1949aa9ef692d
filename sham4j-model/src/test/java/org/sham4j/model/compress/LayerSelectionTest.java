package org.sham4j.model.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.testing.EveryLayer;

/** Layer selections by kind, by node name and by regular expression, on the graph of every layer. */
class LayerSelectionTest {
    private final Graph g = EveryLayer.graph(1);

    private List<String> select(String spec) {
        return LayerSelection.byName(spec).select(g);
    }

    @Test
    void kinds() {
        assertEquals(List.of("gru_in", "lstm_in", "gru2_in", "fc1", "fc2"), select("dense"));
        assertEquals(List.of("conv", "deconv", "conv1d"), select("conv"));
        assertEquals(List.of("gru", "lstm", "gru2"), select("recurrent"));
        assertEquals(11, select("all").size());
        assertEquals(List.of("conv", "deconv", "conv1d", "gru", "lstm", "gru2"), select("Recurrent,CONV"));
    }

    @Test
    void namesAndRegularExpressionsInNodeOrder() {
        assertEquals(List.of("deconv", "fc2"), select("fc2, deconv"));
        assertEquals(List.of("gru_in", "gru", "gru2_in", "gru2"), select("gru.*"));
        assertEquals(List.of("gru_in", "lstm_in", "gru2_in", "fc2"), select(".*_in,fc2"));
    }

    @Test
    void selectionsThatSelectNothingAreRefused() {
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> select("fc9"));
        assertTrue(e.getMessage().startsWith("'fc9' matches no layer with weights; its layers with weights are "
                + "conv (Conv2D), deconv (ConvTranspose2D)"), e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> select("norm"));
        assertEquals("node norm (LayerNorm) has no weight matrix to compress", e.getMessage());
        e = assertThrows(IllegalArgumentException.class, () -> select("fc[1"));
        assertTrue(e.getMessage().startsWith("'fc[1' is no layer name, kind or regular expression"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> LayerSelection.byName(" "));
    }
}
