package org.sham4j.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.model.graph.Concat;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Recurrent;
import org.sham4j.model.graph.Slice;
import org.sham4j.model.graph.TensorShape;

/**
 * ONNX LSTM and GRU (time-major, as PyTorch writes them), each direction as two layers whose matrices compress
 * like any other: a Dense projecting the input, x·Wᵀ + Wb (+ Rb for an LSTM, where it simply adds), and the
 * {@link Recurrent} layer holding Rᵀ. Output Y (T, directions, N, H) is the recurrences' states reshaped (and
 * joined for both directions); Y_h, the last state of each direction, is a slice of them. Initial states must be
 * absent or zero (as PyTorch writes them when none is given), sequence lengths absent, activations the
 * defaults, no peepholes, clip or layout.
 */
final class RecurrentImporter {
    private RecurrentImporter() {
    }

    static void lstm(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        recurrent(node, ctx, Recurrent.Cell.LSTM);
    }

    static void gru(OnnxNode node, ImportContext ctx) throws InvalidInputException {
        recurrent(node, ctx, Recurrent.Cell.GRU);
    }

    private static void recurrent(OnnxNode node, ImportContext ctx, Recurrent.Cell cell) throws InvalidInputException {
        String x = node.input(0);
        ctx.requireComputed(node, x, "input X");
        int hidden = (int) node.intAttr("hidden_size", 0);
        String direction = node.stringAttr("direction", "forward");
        long layout = node.intAttr("layout", 0);
        if (layout != 0) {
            throw node.unsupported("layout", layout);
        }
        if (node.has("clip")) {
            throw node.unsupported("clip", node.floatAttr("clip", 0f));
        }
        if (node.floatsAttr("activation_alpha") != null || node.floatsAttr("activation_beta") != null) {
            throw node.error("activation_alpha and activation_beta are not supported");
        }
        long inputForget = cell == Recurrent.Cell.LSTM ? node.intAttr("input_forget", 0) : 0;
        if (inputForget != 0) {
            throw node.unsupported("input_forget", inputForget);
        }
        boolean linearBeforeReset = cell == Recurrent.Cell.GRU && node.intAttr("linear_before_reset", 0) != 0;
        int dirs = switch (direction) {
            case "forward", "reverse" -> 1;
            case "bidirectional" -> 2;
            default -> throw node.unsupported("direction", direction);
        };
        String[] activations = node.stringsAttr("activations");
        List<String> defaults = cell == Recurrent.Cell.LSTM ? List.of("Sigmoid", "Tanh", "Tanh")
                : List.of("Sigmoid", "Tanh");
        if (activations != null) {
            for (int i = 0; i < activations.length; i++) {
                if (!activations[i].equalsIgnoreCase(defaults.get(i % defaults.size()))) {
                    throw node.unsupported("activations", Arrays.toString(activations));
                }
            }
        }
        int gates = cell.gates();
        int width = gates * hidden;
        ConstantTensor w = ctx.requireConstant(node, 1, "W");
        ConstantTensor r = ctx.requireConstant(node, 2, "R");
        TensorShape in = ctx.shape(x);
        if (in.rank() != 3 || in.dim(2) < 0) {
            throw node.error("input X of shape " + in + " is not supported (T, N, features) is");
        }
        int features = in.dim(2);
        if (hidden < 1 || !Arrays.equals(w.dims(), new int[] {dirs, width, features})
                || !Arrays.equals(r.dims(), new int[] {dirs, width, hidden})) {
            throw node.error("W " + Arrays.toString(w.dims()) + " and R " + Arrays.toString(r.dims()) + " do not fit "
                    + dirs + " direction(s), " + gates + " gates of hidden size " + hidden + " and " + features
                    + " input features");
        }
        float[] b = node.input(3).isEmpty() ? new float[dirs * 2 * width] : ctx.requireConstant(node, 3, "B")
                .toFloats();
        if (b.length != dirs * 2 * width) {
            throw node.error("B has " + b.length + " values, expected " + dirs * 2 * width);
        }
        if (!node.input(4).isEmpty()) {
            throw node.error("sequence_lens is not supported");
        }
        requireZero(node, ctx, 5, "initial_h");
        if (cell == Recurrent.Cell.LSTM) {
            requireZero(node, ctx, 6, "initial_c");
            requireZero(node, ctx, 7, "P");
        }
        if (ctx.isUsed(node.output(2)) && cell == Recurrent.Cell.LSTM) {
            throw node.error("output Y_c (the last cell state) is not supported");
        }
        float[] wv = w.toFloats();
        float[] rv = r.toFloats();
        List<String> states = new ArrayList<>();
        for (int d = 0; d < dirs; d++) {
            boolean reverse = direction.equals("reverse") || d == 1;
            String base = node.name() + (dirs == 2 ? (d == 0 ? "/forward" : "/backward") : "");
            float[] inputBias = Arrays.copyOfRange(b, d * 2 * width, d * 2 * width + width);
            float[] recurrentBias = Arrays.copyOfRange(b, d * 2 * width + width, (d + 1) * 2 * width);
            if (cell == Recurrent.Cell.LSTM) {
                for (int k = 0; k < width; k++) {
                    inputBias[k] += recurrentBias[k];
                }
                recurrentBias = null;
            }
            float[] wd = WeightLayouts.transpose(Arrays.copyOfRange(wv, d * width * features,
                    (d + 1) * width * features), width, features);
            float[] rd = WeightLayouts.transpose(Arrays.copyOfRange(rv, d * width * hidden, (d + 1) * width * hidden),
                    width, hidden);
            String projected = base + "/input";
            ctx.emit(projected, new Dense(WeightLayouts.dense(features, width, wd), zeroIsNone(inputBias)), List.of(x),
                    projected);
            String state = base + "/states";
            ctx.emit(base, new Recurrent(cell, WeightLayouts.dense(hidden, width, rd), zeroIsNone(recurrentBias), hidden,
                    reverse, linearBeforeReset), List.of(projected), state);
            states.add(state);
        }
        String y = node.output(0);
        if (ctx.isUsed(y)) {
            List<String> parts = new ArrayList<>();
            for (int d = 0; d < dirs; d++) {
                String part = dirs == 1 ? y : states.get(d) + "/y";
                int[] s = ctx.shape(states.get(d)).dims();
                ctx.emitReshape(node.name() + (dirs == 1 ? "/y" : "/y" + d), states.get(d),
                        new TensorShape(new int[] {s[0], 1, s[1], s[2]}), part);
                parts.add(part);
            }
            if (dirs == 2) {
                ctx.emit(node.name() + "/y", new Concat(1), parts, y);
            }
        }
        String yh = node.output(1);
        if (ctx.isUsed(yh)) {
            List<String> last = new ArrayList<>();
            for (int d = 0; d < dirs; d++) {
                boolean reverse = direction.equals("reverse") || d == 1;
                String part = dirs == 1 ? yh : states.get(d) + "/last";
                ctx.emit(node.name() + "/last" + (dirs == 1 ? "" : d), new Slice(new int[] {0},
                        new int[] {reverse ? 0 : -1}, new int[] {reverse ? 1 : Integer.MAX_VALUE}, new int[] {1}),
                        List.of(states.get(d)), part);
                last.add(part);
            }
            if (dirs == 2) {
                ctx.emit(node.name() + "/last", new Concat(0), last, yh);
            }
        }
    }

    /** A bias, or null when it is all zeros (as ONNX writes an absent one). */
    private static float[] zeroIsNone(float[] bias) {
        if (bias != null) {
            for (float v : bias) {
                if (v != 0f || Float.floatToRawIntBits(v) != 0) {
                    return bias;
                }
            }
        }
        return null;
    }

    /** Refuses an optional input that is present and not all zeros. */
    private static void requireZero(OnnxNode node, ImportContext ctx, int i, String role) throws InvalidInputException {
        if (node.input(i).isEmpty()) {
            return;
        }
        ConstantTensor c = ctx.constant(node.input(i));
        boolean zero = c != null;
        if (c != null) {
            for (float v : c.toFloats()) {
                zero &= v == 0f;
            }
        }
        if (!zero) {
            throw node.error(role + " must be absent or zero (a constant), it is '" + node.input(i) + "'");
        }
    }
}
