package org.sham4j.model.testing;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Activation.Function;
import org.sham4j.model.graph.Add;
import org.sham4j.model.graph.BatchNorm;
import org.sham4j.model.graph.Binary;
import org.sham4j.model.graph.Concat;
import org.sham4j.model.graph.Conv;
import org.sham4j.model.graph.ConvTranspose;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Dropout;
import org.sham4j.model.graph.Embedding;
import org.sham4j.model.graph.Flatten;
import org.sham4j.model.graph.GlobalPool;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.LayerNorm;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Pad;
import org.sham4j.model.graph.Pool;
import org.sham4j.model.graph.PoolKind;
import org.sham4j.model.graph.Preprocessing;
import org.sham4j.model.graph.Recurrent;
import org.sham4j.model.graph.Reduce;
import org.sham4j.model.graph.Reshape;
import org.sham4j.model.graph.Slice;
import org.sham4j.model.graph.Softmax;
import org.sham4j.model.graph.Transpose;
import org.sham4j.model.runtime.Fixtures;

/**
 * One well-shaped graph holding every layer kind and every activation function, with weights in several
 * storage formats, and seeded inputs for it: what the model file, the exporter, the DJL trainer and ONNX
 * Runtime are checked on, so a new layer kind is covered everywhere once it is added here. Three inputs: an
 * image (3, 8, 8), tokens (6) of a 10-word vocabulary, a batch-first sequence (5, 4); two outputs.
 */
public final class EveryLayer {
    private final Random rnd;
    private final List<Node> nodes = new ArrayList<>();

    private EveryLayer(long seed) {
        this.rnd = new Random(seed);
    }

    /** The graph. */
    public static Graph graph(long seed) {
        return new EveryLayer(seed).build();
    }

    /** Inputs for a batch of {@code n}: image, tokens (integer-valued), sequence. */
    public static List<Tensor> inputs(long seed, int n) {
        Random r = new Random(seed);
        float[] tokens = new float[n * 6];
        for (int i = 0; i < tokens.length; i++) {
            tokens[i] = r.nextInt(10);
        }
        return List.of(Fixtures.tensor(r, n, 3, 8, 8), new Tensor(new int[] {n, 6}, tokens),
                Fixtures.tensor(r, n, 5, 4));
    }

    /** The kinds of layer every test of "all layers" must see (every permitted Layer type). */
    public static Set<Class<?>> kinds(Graph g) {
        Set<Class<?>> k = new HashSet<>();
        g.nodes().forEach(n -> k.add(n.layer().getClass()));
        return k;
    }

    /** The activation functions the graph uses. */
    public static Set<Function> functions(Graph g) {
        Set<Function> f = EnumSet.noneOf(Function.class);
        g.nodes().forEach(n -> {
            if (n.layer() instanceof Activation a) {
                f.add(a.function());
            }
        });
        return f;
    }

    private String add(String name, Layer layer, String... in) {
        nodes.add(new Node(name, layer, List.of(in), name));
        return name;
    }

    private String act(String in, Function f) {
        return add(f.name().toLowerCase() + nodes.size(), new Activation(f), in);
    }

    private CompressedMatrix matrix(int rows, int cols, String format) {
        DenseMatrix m = Fixtures.quantized(rnd, rows, cols, 6);
        float[] v = m.data();
        for (int i = 0; i < v.length; i++) {
            v[i] *= 0.5f;
        }
        return Fixtures.stored(m, format);
    }

    private float[] small(int n) {
        float[] v = Fixtures.gaussian(rnd, n);
        for (int i = 0; i < n; i++) {
            v[i] *= 0.3f;
        }
        return v;
    }

    private float[] positive(int n) {
        float[] v = new float[n];
        for (int i = 0; i < n; i++) {
            v[i] = 0.5f + rnd.nextFloat();
        }
        return v;
    }

    private Graph build() {
        String x = image();
        String t = tokens();
        String s = sequence();
        String j = add("join", new Concat(1), x, t, s);
        String h = add("fc1", new Dense(matrix(22, 8, "sham"), small(8)), j);
        h = add("norm", new LayerNorm(-1, positive(8), small(8), 1e-5f), h);
        String g = act(h, Function.GELU);
        String c = add("minus", Binary.withConstant(Binary.Op.SUB, new Tensor(new int[] {8}, small(8)), true), g);
        String m = add("times", new Binary(Binary.Op.MUL), g, c);
        String clip = add("clip", new Activation(Function.CLIP, -3f, 3f), m);
        String e = act(clip, Function.EXP);
        String root = act(e, Function.SQRT);
        String inv = add("inverse", Binary.withConstant(Binary.Op.DIV, new Tensor(new int[0], new float[] {1f}),
                true), root);
        String lg = act(add("plus1", Binary.withConstant(Binary.Op.ADD, new Tensor(new int[] {1, 1},
                new float[] {1f}), false), act(clip, Function.ABS)), Function.LOG);
        String sq = add("square", Binary.withConstant(Binary.Op.POW, new Tensor(new int[0], new float[] {2f}),
                false), add("half", Binary.withConstant(Binary.Op.DIV, new Tensor(new int[0], new float[] {2f}),
                false), clip));
        String mx = add("max", new Binary(Binary.Op.MAX), inv, lg);
        String mn = add("min", new Binary(Binary.Op.MIN), sq, act(act(clip, Function.NEG), Function.ERF));
        String pw = add("pow", new Binary(Binary.Op.POW), act(mx, Function.SOFTPLUS), act(mn, Function.SIGMOID));
        String a1 = add("leaky", new Activation(Function.LEAKY_RELU, 0.2f, 0f), act(clip, Function.HARD_SWISH));
        String a2 = add("hsig", new Activation(Function.HARD_SIGMOID, 0.25f, 0.4f), act(clip, Function.SELU));
        String a3 = act(act(clip, Function.SILU), Function.TANH);
        String a4 = add("relu6", new Activation(Function.CLIP, 0f, 6f), act(a3, Function.RELU));
        String sum = add("sum", new Add(), pw, a1, a2, a4);
        String d = add("drop", new Dropout(0.2f), sum);
        String logits = add("fc2", new Dense(matrix(8, 5, "gsham"), small(5)), d);
        String probs = add("probs", new Softmax(-1), logits);
        String logProbs = add("logprobs", new Softmax(1, true), logits);
        return new Graph(List.of(new InputSpec("image", new int[] {3, 8, 8}), new InputSpec("tokens", new int[] {6}),
                new InputSpec("sequence", new int[] {5, 4})), nodes, List.of(probs, logProbs),
                new Preprocessing(1f, new float[] {0f}, new float[] {1f}, Preprocessing.Layout.NCHW));
    }

    /** (N, 3, 8, 8) to (N, 12): convolutions, pools, padding, slicing, reductions. */
    private String image() {
        String c = add("conv", new Conv(matrix(27, 4, "csc"), small(4), 3, 4, new int[] {3, 3}, new int[] {1, 1},
                new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 1}, 1), "image");
        c = add("elu", new Activation(Function.ELU, 0.7f, 0f), c);
        c = add("dilated", new Pool(PoolKind.MAX, new int[] {2, 2}, new int[] {1, 1}, new int[] {0, 0},
                new int[] {0, 0}, new int[] {2, 2}, false, false), c);
        c = add("deconv", new ConvTranspose(matrix(4, 2 * 9, "csr"), small(4), 4, 4, new int[] {3, 3},
                new int[] {2, 2}, new int[] {1, 0}, new int[] {1, 1}, new int[] {1, 1}, new int[] {1, 0}, 2), c);
        c = add("reflect", new Pad(Pad.Mode.REFLECT, new int[] {0, 0, 1, 2}, new int[] {0, 0, 2, 1}, 0f), c);
        c = add("slice", new Slice(new int[] {2, 3}, new int[] {1, 0}, new int[] {Integer.MAX_VALUE, 13},
                new int[] {2, 3}), c);
        c = add("bn", new BatchNorm(positive(4), small(4), small(4), positive(4), 1e-3f), c);
        c = add("avg", new Pool(PoolKind.AVERAGE, new int[] {3, 3}, new int[] {2, 2}, new int[] {1, 1},
                new int[] {1, 1}, true, true), c);
        String g = add("flat", new Flatten(1), add("gmax", new GlobalPool(PoolKind.MAX, true), c));
        String r = add("mean", new Reduce(Reduce.Op.MEAN, new int[] {1, 3}, false), c);
        String a = add("gavg", new GlobalPool(PoolKind.AVERAGE, false), c);
        return add("image_out", new Concat(-1), g, r, a);
    }

    /** (N, 6) tokens to (N, 12): embedding, 1-D convolution and pool, padding. */
    private String tokens() {
        String e = add("embed", new Embedding(new DenseMatrix(10, 3, small(30))), "tokens");
        e = add("swap", new Transpose(new int[] {0, 2, 1}), e);
        e = add("pad", new Pad(Pad.Mode.CONSTANT, new int[] {0, 0, 1}, new int[] {0, 0, 0}, 0.5f), e);
        e = add("edge", new Pad(Pad.Mode.EDGE, new int[] {0, 0, 0}, new int[] {0, 0, 1}, 0f), e);
        e = add("conv1d", new Conv(matrix(6, 4, "dense"), null, 3, 4, new int[] {2}, new int[] {1}, new int[] {1},
                new int[] {0}, new int[] {2}, 1), e);
        e = add("pool1d", new Pool(PoolKind.MAX, new int[] {2}, new int[] {2}, new int[] {0}, new int[] {0}, false,
                true), e);
        e = add("sum_channels", new Reduce(Reduce.Op.SUM, new int[] {2}, true), e);
        return add("tokens_out", new Reshape(new int[] {0, -1}), add("tokens_min",
                new Reduce(Reduce.Op.MIN, new int[] {-1}, false), add("tokens_cat", new Concat(2), e, e)));
    }

    /** (N, 5, 4) batch-first to (N, 6): a GRU, a reverse LSTM and a GRU of the other reset form. */
    private String sequence() {
        String s = add("time_major", new Transpose(new int[] {1, 0, 2}), "sequence");
        s = add("gru_in", new Dense(matrix(4, 9, "dense"), small(9)), s);
        s = add("gru", new Recurrent(Recurrent.Cell.GRU, matrix(3, 9, "coo"), small(9), 3, false, true), s);
        s = add("lstm_in", new Dense(matrix(3, 8, "dense"), small(8)), s);
        String l = add("lstm", new Recurrent(Recurrent.Cell.LSTM, matrix(2, 8, "im"), null, 2, true, false), s);
        String last = add("first_step", new Slice(new int[] {0}, new int[] {0}, new int[] {1}, new int[] {1}), l);
        last = add("first_state", new Reshape(new int[] {-1, 2}), last);
        String g = add("gru2_in", new Dense(matrix(2, 6, "dense"), null), l);
        g = add("gru2", new Recurrent(Recurrent.Cell.GRU, matrix(2, 6, "dense"), small(6), 2, false, false), g);
        String top = add("steps_max", new Reduce(Reduce.Op.MAX, new int[] {0}, false), g);
        String end = add("last_step", new Slice(new int[] {0}, new int[] {-1}, new int[] {Integer.MAX_VALUE},
                new int[] {1}), g);
        end = add("seq_tail", new Flatten(1), add("batch_major", new Transpose(new int[] {1, 0, 2}), end));
        return add("seq_out", new Concat(1), add("seq_cat", new Concat(1), last, top), end);
    }
}
