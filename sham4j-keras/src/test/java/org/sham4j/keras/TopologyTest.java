package org.sham4j.keras;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.json.JsonMapper;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.sham4j.core.io.InvalidInputException;

/** model_config variants: Keras 2.2 Sequential lists, Keras 3 inbound nodes, shared layers, bad references. */
class TopologyTest {
    private static Topology parse(String json) throws Exception {
        return Topology.parse(JsonMapper.builder().build().readTree(json.replace('\'', '"')));
    }

    private static List<String> order(Topology t) {
        return t.calls().stream().map(c -> c.output() + "<" + String.join(",", c.inputs())).toList();
    }

    @Test
    void keras22SequentialIsAListWithTheInputShapeOnTheFirstLayer() throws Exception {
        Topology t = parse("{'class_name': 'Sequential', 'config': [{'class_name': 'Dense', 'config': {'name': 'd',"
                + " 'batch_input_shape': [null, 4], 'units': 2}}, {'class_name': 'Dense', 'config': {'name': 'e'}}]}");
        assertEquals(List.of("d_input:0<", "d:0<d_input:0", "e:0<d:0"), order(t));
        assertEquals(List.of("e:0"), t.outputs());
    }

    @Test
    void keras3InboundNodesNameTheirTensorsByKerasHistory() throws Exception {
        Topology t = parse("{'class_name': 'Functional', 'config': {'name': 'm', 'layers': ["
                + "{'class_name': 'Add', 'config': {'name': 'add'}, 'inbound_nodes': [{'args': [["
                + "{'class_name': '__keras_tensor__', 'config': {'keras_history': ['a', 0, 0]}},"
                + "{'class_name': '__keras_tensor__', 'config': {'keras_history': ['x', 0, 0]}}]], 'kwargs': {}}]},"
                + "{'class_name': 'InputLayer', 'config': {'name': 'x', 'batch_shape': [null, 3]}, 'inbound_nodes': []},"
                + "{'class_name': 'Dense', 'config': {'name': 'a'}, 'inbound_nodes': [{'args': ["
                + "{'class_name': '__keras_tensor__', 'config': {'keras_history': ['x', 0, 0]}}], 'kwargs': {}}]}],"
                + "'input_layers': [['x', 0, 0]], 'output_layers': ['add', 0, 0]}}");
        assertEquals(List.of("x:0<", "a:0<x:0", "add:0<a:0,x:0"), order(t)); // reordered: add comes last
        assertEquals(List.of("add:0"), t.outputs());
    }

    @Test
    void aSharedLayerGivesOneCallPerInboundNode() throws Exception {
        Topology t = parse("{'class_name': 'Model', 'config': {'name': 'm', 'layers': ["
                + "{'class_name': 'InputLayer', 'config': {'name': 'x'}, 'name': 'x', 'inbound_nodes': []},"
                + "{'class_name': 'Dense', 'config': {'name': 'd'}, 'name': 'd', 'inbound_nodes': "
                + "[[['x', 0, 0, {}]], [['d', 0, 0, {}]]]}],"
                + "'input_layers': [['x', 0, 0]], 'output_layers': [['d', 1, 0]]}}");
        assertEquals(List.of("x:0<", "d:0<x:0", "d:1<d:0"), order(t));
        assertEquals(List.of("d:1"), t.outputs());
    }

    @Test
    void anUnknownInputIsAOneLineError() {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> parse(
                "{'class_name': 'Functional', 'config': {'name': 'm', 'layers': ["
                + "{'class_name': 'Dense', 'config': {'name': 'd'}, 'inbound_nodes': [[['nope', 0, 0, {}]]]}],"
                + "'input_layers': [], 'output_layers': [['d', 0, 0]]}}"));
        assertTrue(e.getMessage().contains("layer 'd' (Dense): reads [nope:0]"), e.getMessage());
    }

    @Test
    void otherModelClassesAreRefused() {
        InvalidInputException e = assertThrows(InvalidInputException.class,
                () -> parse("{'class_name': 'MyModel', 'config': {}}"));
        assertTrue(e.getMessage().contains("unsupported model class 'MyModel'"), e.getMessage());
    }
}
