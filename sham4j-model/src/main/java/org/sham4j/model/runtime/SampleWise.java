package org.sham4j.model.runtime;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sham4j.model.graph.Activation;
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
import org.sham4j.model.graph.LayerNorm;
import org.sham4j.model.graph.LayerVisitor;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Pad;
import org.sham4j.model.graph.Pool;
import org.sham4j.model.graph.Recurrent;
import org.sham4j.model.graph.Reduce;
import org.sham4j.model.graph.Reshape;
import org.sham4j.model.graph.Slice;
import org.sham4j.model.graph.Softmax;
import org.sham4j.model.graph.TensorShape;
import org.sham4j.model.graph.Transpose;

/**
 * Whether a graph computes each sample on its own, so that a batch may be cut into parts run apart: every
 * tensor keeps the batch alone on axis 0 (the shapes say so), and no layer mixes values along that axis while
 * keeping its size (a softmax over it, a constant with a row per sample, operands of
 * different ranks broadcast against it). A layer is asked with its input shapes.
 */
final class SampleWise implements LayerVisitor<Boolean> {
    private final List<TensorShape> in;

    private SampleWise(List<TensorShape> in) {
        this.in = in;
    }

    /** Whether every node of {@code graph} computes each sample apart from the others. */
    static boolean of(Graph graph) {
        Map<String, TensorShape> shapes = graph.shapes();
        for (TensorShape s : shapes.values()) {
            if (!batchOnFirstAxisOnly(s)) {
                return false;
            }
        }
        for (Node node : graph.nodes()) {
            List<TensorShape> in = new ArrayList<>();
            for (String name : node.inputs()) {
                in.add(shapes.get(name));
            }
            if (!node.layer().accept(new SampleWise(in))) {
                return false;
            }
        }
        return true;
    }

    /** Axis 0 is the batch N; no other axis is a multiple of it. */
    private static boolean batchOnFirstAxisOnly(TensorShape s) {
        if (s.rank() == 0 || s.dim(0) != TensorShape.N) {
            return false;
        }
        for (int k = 1; k < s.rank(); k++) {
            int d = s.dim(k);
            if (d < 0 && d != TensorShape.UNKNOWN) {
                return false;
            }
        }
        return true;
    }

    /** Whether {@code axis} (negative from the end) of the first input is another axis than the batch's. */
    private boolean notBatchAxis(int axis) {
        return Math.floorMod(axis, in.get(0).rank()) != 0;
    }

    /** Whether all inputs have the same rank, so that broadcasting aligns their batch axes. */
    private boolean sameRanks() {
        return in.stream().mapToInt(TensorShape::rank).distinct().count() == 1;
    }

    @Override
    public Boolean dense(Dense layer) {
        return true;
    }

    @Override
    public Boolean conv(Conv layer) {
        return true;
    }

    @Override
    public Boolean pool(Pool layer) {
        return true;
    }

    @Override
    public Boolean globalPool(GlobalPool layer) {
        return true;
    }

    @Override
    public Boolean flatten(Flatten layer) {
        return notBatchAxis(layer.axis());
    }

    @Override
    public Boolean reshape(Reshape layer) {
        // Row-major: an output that keeps N on axis 0 (the shapes checked it) keeps each sample's values in place.
        return true;
    }

    @Override
    public Boolean transpose(Transpose layer) {
        // An output with N on axis 0 only comes from a permutation that leaves axis 0 in place.
        return true;
    }

    @Override
    public Boolean embedding(Embedding layer) {
        return true;
    }

    @Override
    public Boolean concat(Concat layer) {
        return notBatchAxis(layer.axis());
    }

    @Override
    public Boolean add(Add layer) {
        return sameRanks();
    }

    @Override
    public Boolean batchNorm(BatchNorm layer) {
        return true;
    }

    @Override
    public Boolean dropout(Dropout layer) {
        return true;
    }

    @Override
    public Boolean activation(Activation layer) {
        return true;
    }

    @Override
    public Boolean softmax(Softmax layer) {
        return notBatchAxis(layer.axis());
    }

    @Override
    public Boolean binary(Binary layer) {
        if (layer.constant() == null) {
            return sameRanks();
        }
        int[] c = layer.constant().shape();
        return c.length < in.get(0).rank() || c[0] == 1;
    }

    @Override
    public Boolean reduce(Reduce layer) {
        for (int axis : layer.axes()) {
            if (!notBatchAxis(axis)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public Boolean layerNorm(LayerNorm layer) {
        // Its scale holds one value per normalised position: the shapes refuse normalising over the batch.
        return true;
    }

    @Override
    public Boolean pad(Pad layer) {
        // The shapes refuse padding the batch axis.
        return true;
    }

    @Override
    public Boolean slice(Slice layer) {
        // The shapes refuse slicing the batch axis.
        return true;
    }

    @Override
    public Boolean convTranspose(ConvTranspose layer) {
        return true;
    }

    @Override
    public Boolean recurrent(Recurrent layer) {
        // Time-major: its input holds the batch on axis 1, which the shapes already refuse.
        return false;
    }
}
