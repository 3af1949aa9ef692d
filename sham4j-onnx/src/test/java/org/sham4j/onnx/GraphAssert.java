package org.sham4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Node;

/**
 * Graphs compared field by field: the same inputs, the same layers in the same order reading the same tensors
 * (matched by position, as names may change on the way), parameters equal, weights exact to the bit.
 */
final class GraphAssert {
    private GraphAssert() {
    }

    static void assertSameGraph(Graph expected, Graph actual) throws Exception {
        assertEquals(expected.inputs().size(), actual.inputs().size());
        Map<String, String> tensor = new HashMap<>();
        for (int i = 0; i < expected.inputs().size(); i++) {
            assertEquals(expected.inputs().get(i).name(), actual.inputs().get(i).name());
            assertArrayEquals(expected.inputs().get(i).shape(), actual.inputs().get(i).shape());
            tensor.put(expected.inputs().get(i).name(), actual.inputs().get(i).name());
        }
        assertSameRecord("preprocessing", expected.preprocessing(), actual.preprocessing());
        assertEquals(expected.nodes().stream().map(n -> n.layer().kind()).toList(),
                actual.nodes().stream().map(n -> n.layer().kind()).toList(), "layers");
        for (int i = 0; i < expected.nodes().size(); i++) {
            Node e = expected.nodes().get(i);
            Node a = actual.nodes().get(i);
            String where = "node " + e.name();
            List<String> mapped = e.inputs().stream().map(tensor::get).toList();
            assertEquals(mapped, a.inputs(), where);
            tensor.put(e.output(), a.output());
            assertSameRecord(where, (Record) e.layer(), (Record) a.layer());
        }
        assertEquals(expected.outputs().stream().map(tensor::get).toList(), actual.outputs());
    }

    private static void assertSameRecord(String where, Record e, Record a) throws Exception {
        assertEquals(e.getClass(), a.getClass(), where);
        for (RecordComponent c : e.getClass().getRecordComponents()) {
            Object x = c.getAccessor().invoke(e);
            Object y = c.getAccessor().invoke(a);
            String field = where + "." + c.getName();
            if (x instanceof CompressedMatrix m) {
                assertTrue(m.toDense().bitEquals(((CompressedMatrix) y).toDense()), field);
            } else if (x instanceof DenseMatrix m) {
                assertTrue(m.bitEquals((DenseMatrix) y), field);
            } else if (x instanceof Tensor t) {
                assertArrayEquals(t.shape(), ((Tensor) y).shape(), field);
                assertArrayEquals(t.data(), ((Tensor) y).data(), field);
            } else if (x instanceof float[] f) {
                assertArrayEquals(f, (float[]) y, field);
            } else if (x instanceof int[] f) {
                assertArrayEquals(f, (int[]) y, field);
            } else {
                assertEquals(x, y, field);
            }
        }
    }
}
