package org.sham4j.model.io;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.sham4j.core.format.Container;
import org.sham4j.core.io.AtomicFiles;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.io.WholeFile;
import org.sham4j.model.graph.ActivationMemory;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Preprocessing;

/**
 * The {@code .sham} model file: a whole {@link Graph} with its weights, in the {@link Container} of kind
 * {@link #KIND} (magic "SHAMODEL", version, body length, body, CRC-32C). The body:
 * <pre>
 *   preprocessing: scale f32, mean floats, std floats, layout u8, recorded bool (from version 3)
 *   | inputs: count, then name string and shape ints each
 *   | nodes: count, then name string, input names, output name, layer tag u8 and the layer's fields each
 *   | outputs: count, names
 * </pre>
 * Counts are unsigned LEB128; ints and floats 4 bytes big-endian; strings UTF-8 after their length; a weight
 * matrix is its complete {@code .shm} bytes, so it keeps its storage format. Layer fields are listed in
 * {@link LayerCodecs}. Version 1 files (no body length) and version 2 files (no recorded flag: a .sham file
 * always recorded its preprocessing; no pool dilations, activation parameters or log-softmax flag) are still read.
 */
public final class ModelFile {
    /** Extension of model files. */
    public static final String EXTENSION = ".sham";
    /** Current version of the layout. */
    public static final int VERSION = 3;
    /** The container of model files. */
    public static final Container.Kind KIND = new Container.Kind(".sham model file", "SHAMODEL", VERSION, 1, 2);
    /** The version that added the preprocessing's recorded flag, pool dilations, activation parameters and log-softmax. */
    static final int VERSION_3 = 3;

    private ModelFile() {
    }

    /** Writes {@code graph} to {@code path} atomically. */
    public static void save(Path path, Graph graph) throws IOException {
        AtomicFiles.write(path, toBytes(graph));
    }

    /**
     * Reads a model file; a corrupt, truncated or forged one gives a one-line InvalidInputException, one whose
     * activations the memory budget cannot hold a MemoryBudgetException ({@link ActivationMemory}).
     */
    public static Graph load(Path path) throws IOException {
        return WholeFile.parse(path, ModelFile::fromBytes);
    }

    /** The complete bytes of a model file. */
    public static byte[] toBytes(Graph graph) {
        ModelOutput out = new ModelOutput();
        Preprocessing p = graph.preprocessing();
        out.f32(p.scale());
        out.floats(p.mean());
        out.floats(p.std());
        out.u8(p.layout().ordinal());
        out.bool(p.recorded());
        out.count(graph.inputs().size());
        for (InputSpec in : graph.inputs()) {
            out.string(in.name());
            out.ints(in.shape());
        }
        out.count(graph.nodes().size());
        for (Node n : graph.nodes()) {
            out.string(n.name());
            out.count(n.inputs().size());
            for (String in : n.inputs()) {
                out.string(in);
            }
            out.string(n.output());
            LayerCodec<?> codec = LayerCodecs.of(n.layer());
            out.u8(codec.tag());
            codec.write(n.layer(), out);
        }
        out.count(graph.outputs().size());
        for (String o : graph.outputs()) {
            out.string(o);
        }
        return sign(out);
    }

    /** The file of a body: the container around it. */
    static byte[] sign(ModelOutput body) {
        return Container.write(KIND, body.payload()).toByteArray();
    }

    /**
     * Parses the complete bytes of a model file, checking its checksum first and every count in it; a model
     * whose activations for one sample need more than the memory budget is refused with a MemoryBudgetException.
     */
    public static Graph fromBytes(byte[] bytes) throws IOException {
        Container.Opened file = Container.open(KIND, bytes);
        ModelInput in = new ModelInput(file.body(), file.version());
        Graph g;
        try {
            g = readGraph(in);
            in.expectEnd();
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException("inconsistent model: " + e.getMessage(), e);
        }
        ActivationMemory.check(g);
        return g;
    }

    private static Graph readGraph(ModelInput in) throws IOException {
        float scale = in.f32();
        float[] mean = in.floats("mean");
        float[] std = in.floats("std");
        Preprocessing p = new Preprocessing(scale, mean, std, in.choice(Preprocessing.Layout.values(), "layout"),
                in.version() < VERSION_3 || in.bool("preprocessing recorded"));
        int inputCount = in.count("input count", 2);
        List<InputSpec> inputs = new ArrayList<>();
        for (int k = 0; k < inputCount; k++) {
            inputs.add(new InputSpec(in.string("input name"), in.ints("input shape")));
        }
        int nodeCount = in.count("node count", 5);
        List<Node> nodes = new ArrayList<>();
        for (int k = 0; k < nodeCount; k++) {
            String name = in.string("node name");
            int arity = in.count("node input count", 1);
            List<String> names = new ArrayList<>();
            for (int a = 0; a < arity; a++) {
                names.add(in.string("node input"));
            }
            String output = in.string("node output");
            int tag = in.u8();
            Layer layer;
            try {
                layer = LayerCodecs.of(tag).reader().read(in);
            } catch (InvalidInputException | IllegalArgumentException e) {
                throw new InvalidInputException("node " + name + ": " + e.getMessage(), e);
            }
            nodes.add(new Node(name, layer, names, output));
        }
        int outputCount = in.count("output count", 1);
        List<String> outputs = new ArrayList<>();
        for (int k = 0; k < outputCount; k++) {
            outputs.add(in.string("output name"));
        }
        return new Graph(inputs, nodes, outputs, p);
    }
}
