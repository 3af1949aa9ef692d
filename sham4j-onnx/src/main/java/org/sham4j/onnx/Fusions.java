package org.sham4j.onnx;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.sham4j.model.graph.Activation;
import org.sham4j.model.graph.Binary;
import org.sham4j.model.graph.Node;

/**
 * Rewrites the operations exporters write for activations ONNX long had no op for into those activations, so
 * they run, train and export as one layer: SiLU, x · sigmoid(x); the exact GELU, written by PyTorch as
 * ((erf(x / √2) + 1) · x) · 0.5 (or x · 0.5 first, or x · (1/√2)). Only chains whose intermediate results
 * nothing else reads are rewritten; the fused node takes the name and output of the chain's last node.
 */
final class Fusions {
    private static final double SQRT2 = Math.sqrt(2);
    private final List<Node> nodes;
    private final Map<String, Integer> producer = new HashMap<>();
    private final Map<String, Integer> uses = new HashMap<>();

    private Fusions(List<Node> nodes, Set<String> outputs) {
        this.nodes = new ArrayList<>(nodes);
        for (int k = 0; k < nodes.size(); k++) {
            producer.put(nodes.get(k).output(), k);
            nodes.get(k).inputs().forEach(in -> uses.merge(in, 1, Integer::sum));
        }
        outputs.forEach(out -> uses.merge(out, 1, Integer::sum));
    }

    /** The nodes with every recognised chain fused. */
    static List<Node> apply(List<Node> nodes, Set<String> outputs) {
        Fusions f = new Fusions(nodes, outputs);
        for (int k = 0; k < f.nodes.size(); k++) {
            if (f.nodes.get(k) != null && !f.gelu(k)) {
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
        Node last = nodes.get(at);
        for (Node r : removed) {
            nodes.set(producer.get(r.output()), null);
        }
        nodes.set(at, new Node(last.name(), new Activation(f), List.of(input), last.output()));
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
}
