package org.sham4j.onnx;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.reflect.RecordComponent;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Node;

/** Graphs compared field by field: the same structure, names and parameters, weights exact to the bit. */
final class GraphAssert {
    private GraphAssert() {
    }

    static void assertSameGraph(Graph expected, Graph actual) throws Exception {
        assertEquals(expected.inputs().size(), actual.inputs().size());
        for (int i = 0; i < expected.inputs().size(); i++) {
            assertEquals(expected.inputs().get(i).name(), actual.inputs().get(i).name());
            assertArrayEquals(expected.inputs().get(i).shape(), actual.inputs().get(i).shape());
        }
        assertEquals(expected.outputs(), actual.outputs());
        assertSameRecord("preprocessing", expected.preprocessing(), actual.preprocessing());
        assertEquals(expected.nodes().size(), actual.nodes().size(), "node count");
        for (int i = 0; i < expected.nodes().size(); i++) {
            Node e = expected.nodes().get(i);
            Node a = actual.nodes().get(i);
            String where = "node " + e.name();
            assertEquals(e.name(), a.name());
            assertEquals(e.inputs(), a.inputs(), where);
            assertEquals(e.output(), a.output(), where);
            assertSameRecord(where, (Record) e.layer(), (Record) a.layer());
        }
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
