package org.sham4j.onnx;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Function;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Binary;
import org.sham4j.model.graph.Layer;
import org.sham4j.model.graph.LayerNorm;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Reduce;
import org.sham4j.model.graph.TensorShape;

/**
 * Rewrites the operations exporters write for layers ONNX long had no op for into those layers, so they run,
 * train and export as one: SiLU, x · sigmoid(x); the exact GELU, written by PyTorch as ((erf(x / √2) + 1) · x)
 * · 0.5 (or x · 0.5 first, or x · (1/√2)); LayerNorm before opset 17, (x − mean(x)) / sqrt(mean((x − mean(x))²)
 * + ε) · γ + β over the last axes. Only chains whose intermediate results nothing else reads are rewritten; the
 * fused node takes the name and output of the chain's last node.
 */
final class Fusions {
    private static final double SQRT2 = Math.sqrt(2);
    private final List<Node> nodes;
    private final Map<String, Integer> producer = new HashMap<>();
    private final Map<String, Integer> uses = new HashMap<>();
    private final Function<String, TensorShape> shapes;

    private Fusions(List<Node> nodes, Set<String> outputs, Function<String, TensorShape> shapes) {
        this.shapes = shapes;
        this.nodes = new ArrayList<>(nodes);
        for (int k = 0; k < nodes.size(); k++) {
            producer.put(nodes.get(k).output(), k);
            nodes.get(k).inputs().forEach(in -> uses.merge(in, 1, Integer::sum));
        }
        outputs.forEach(out -> uses.merge(out, 1, Integer::sum));
    }

    /** The nodes with every recognised chain fused; {@code shapes} gives each tensor's shape. */
    static List<Node> apply(List<Node> nodes, Set<String> outputs, Function<String, TensorShape> shapes) {
        Fusions f = new Fusions(nodes, outputs, shapes);
        for (int k = 0; k < f.nodes.size(); k++) {
            if (f.nodes.get(k) != null && !f.gelu(k) && !f.layerNorm(k)) {
                f.silu(k);
            }
        }
        return f.nodes.stream().filter(Objects::nonNull).toList();
    }

    /** The node giving {@code tensor} when only one node reads it, else null. */
    private Node only(String tensor) {
        Integer at = producer.get(tensor);
        return at == null || uses.getOrDefault(tensor, 0) != 1 ? null : nodes.get(at);
    }

    private void replace(int at, Activation.Function f, String input, Node... removed) {
        replace(at, new Activation(f), input, removed);
    }

    private void replace(int at, Layer layer, String input, Node... removed) {
        Node last = nodes.get(at);
        for (Node r : removed) {
            nodes.set(producer.get(r.output()), null);
        }
        nodes.set(at, new Node(last.name(), layer, List.of(input), last.output()));
    }

    private static boolean isConstant(Node n, Binary.Op op, double value, double tolerance) {
        return n != null && n.layer() instanceof Binary b && b.op() == op && b.constant() != null
                && b.constant().data().length == 1 && Math.abs(b.constant().data()[0] - value) <= tolerance * value;
    }

    private static boolean isProduct(Node n) {
        return n != null && n.layer() instanceof Binary b && b.op() == Binary.Op.MUL && b.constant() == null;
    }

    /** x · sigmoid(x) at node k. */
    private boolean silu(int k) {
        Node m = nodes.get(k);
        if (!isProduct(m)) {
            return false;
        }
        for (int i = 0; i < 2; i++) {
            Node s = only(m.inputs().get(i));
            String x = m.inputs().get(1 - i);
            if (s != null && s.layer() instanceof Activation a && a.function() == Activation.Function.SIGMOID
                    && s.inputs().get(0).equals(x)) {
                replace(k, Activation.Function.SILU, x, s);
                return true;
            }
        }
        return false;
    }

    /** The exact GELU ending at node k. */
    private boolean gelu(int k) {
        Node last = nodes.get(k);
        if (isConstant(last, Binary.Op.MUL, 0.5, 0)) {
            Node product = only(last.inputs().get(0));
            if (isProduct(product)) {
                for (int i = 0; i < 2; i++) {
                    String x = product.inputs().get(i);
                    Node[] chain = erfChain(product.inputs().get(1 - i), x);
                    if (chain != null) {
                        replace(k, Activation.Function.GELU, x, chain[0], chain[1], chain[2], product);
                        return true;
                    }
                }
            }
        }
        if (isProduct(last)) {
            for (int i = 0; i < 2; i++) {
                Node half = only(last.inputs().get(i));
                if (isConstant(half, Binary.Op.MUL, 0.5, 0)) {
                    String x = half.inputs().get(0);
                    Node[] chain = erfChain(last.inputs().get(1 - i), x);
                    if (chain != null) {
                        replace(k, Activation.Function.GELU, x, chain[0], chain[1], chain[2], half);
                        return true;
                    }
                }
            }
        }
        return false;
    }

    /** The nodes of erf(x / √2) + 1 giving {@code tensor}, or null. */
    private Node[] erfChain(String tensor, String x) {
        Node plus = only(tensor);
        if (!isConstant(plus, Binary.Op.ADD, 1, 0)) {
            return null;
        }
        Node erf = only(plus.inputs().get(0));
        if (erf == null || !(erf.layer() instanceof Activation a) || a.function() != Activation.Function.ERF) {
            return null;
        }
        Node scale = only(erf.inputs().get(0));
        boolean byRoot = isConstant(scale, Binary.Op.DIV, SQRT2, 1e-6)
                && !((Binary) scale.layer()).constantFirst();
        boolean byInverse = isConstant(scale, Binary.Op.MUL, 1 / SQRT2, 1e-6);
        if (!(byRoot || byInverse) || !scale.inputs().get(0).equals(x)) {
            return null;
        }
        return new Node[] {scale, erf, plus};
    }

    private static Binary binary(Node n, Binary.Op op, boolean constant) {
        return n != null && n.layer() instanceof Binary b && b.op() == op && (b.constant() != null) == constant
                && (!constant || !b.constantFirst()) ? b : null;
    }

    /** LayerNorm's operations ending at node k: (d / sqrt(mean(d²) + ε)) · γ + β with d = x − mean(x). */
    private boolean layerNorm(int k) {
        Node last = nodes.get(k);
        Binary shift = binary(last, Binary.Op.ADD, true);
        Node scaleNode = shift == null ? null : only(last.inputs().get(0));
        Binary scale = binary(scaleNode, Binary.Op.MUL, true);
        Node divNode = scale == null ? null : only(scaleNode.inputs().get(0));
        if (binary(divNode, Binary.Op.DIV, false) == null) {
            return false;
        }
        Node sqrt = only(divNode.inputs().get(1));
        if (sqrt == null || !(sqrt.layer() instanceof Activation a) || a.function() != Activation.Function.SQRT) {
            return false;
        }
        Node epsNode = only(sqrt.inputs().get(0));
        Binary eps = binary(epsNode, Binary.Op.ADD, true);
        Node varNode = eps == null || eps.constant().data().length != 1 ? null : only(epsNode.inputs().get(0));
        Node squareNode = varNode == null ? null : only(varNode.inputs().get(0));
        String d = divNode.inputs().get(0);
        boolean product = squareNode != null && binary(squareNode, Binary.Op.MUL, false) != null
                && squareNode.inputs().equals(List.of(d, d));
        boolean square = product || isConstant(squareNode, Binary.Op.POW, 2, 0) && squareNode.inputs().get(0).equals(d);
        Integer centred = producer.get(d);
        Node sub = centred == null || uses.getOrDefault(d, 0) != (product ? 3 : 2) ? null : nodes.get(centred);
        if (!square || binary(sub, Binary.Op.SUB, false) == null) {
            return false;
        }
        String x = sub.inputs().get(0);
        Node meanNode = only(sub.inputs().get(1));
        if (meanNode == null || !meanNode.inputs().get(0).equals(x) || !(meanNode.layer() instanceof Reduce mean)
                || !(varNode.layer() instanceof Reduce var)) {
            return false;
        }
        TensorShape in = shapes.apply(x);
        int rank = in.rank();
        int[] axes = normalized(mean, rank);
        if (axes == null || !mean.keepDims() || !var.keepDims() || var.op() != Reduce.Op.MEAN
                || !Arrays.equals(axes, normalized(var, rank))) {
            return false;
        }
        int[] normalisedDims = Arrays.copyOfRange(in.dims(), axes[0], rank);
        float[] gamma = perPosition(scale, normalisedDims);
        float[] beta = perPosition(shift, normalisedDims);
        if (gamma == null || beta == null) {
            return false;
        }
        replace(k, new LayerNorm(axes[0] - rank, gamma, beta, eps.constant().data()[0]), x, meanNode, sub,
                squareNode, varNode, epsNode, sqrt, divNode, scaleNode);
        return true;
    }

    /** A mean's axes, non-negative, when they are the last axes of a rank-{@code rank} tensor; else null. */
    private static int[] normalized(Reduce r, int rank) {
        if (r.op() != Reduce.Op.MEAN) {
            return null;
        }
        int[] a = Arrays.stream(r.axes()).map(x -> x < 0 ? x + rank : x).sorted().toArray();
        for (int i = 0; i < a.length; i++) {
            if (a[i] != rank - a.length + i) {
                return null;
            }
        }
        return a;
    }

    /** A constant operand's values, one per normalised position, when it holds exactly that many; else null. */
    private static float[] perPosition(Binary b, int[] dims) {
        int[] c = b.constant().shape();
        int from = 0;
        while (from < c.length - dims.length && c[from] == 1) {
            from++;
        }
        int[] tail = Arrays.copyOfRange(c, from, c.length);
        int[] want = Arrays.copyOfRange(dims, Math.max(0, dims.length - tail.length), dims.length);
        long size = 1;
        for (int d : dims) {
            size = d < 0 ? -1 : size * d;
        }
        return Arrays.equals(tail, want) && b.constant().data().length == size ? b.constant().data().clone() : null;
    }
}
