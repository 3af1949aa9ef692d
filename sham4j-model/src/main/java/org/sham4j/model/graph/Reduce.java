package org.sham4j.model.graph;

import java.util.Arrays;

/**
 * Mean, sum, max or min over some axes (negative counts from the end), which are kept with size 1 when
 * {@code keepDims}.
 */
public record Reduce(Op op, int[] axes, boolean keepDims) implements Layer {
    /** The reductions, each with its ONNX op name. */
    public enum Op {
        MEAN("ReduceMean"), SUM("ReduceSum"), MAX("ReduceMax"), MIN("ReduceMin");

        private final String op;

        Op(String op) {
            this.op = op;
        }

        public String op() {
            return op;
        }
    }

    public Reduce {
        if (axes.length == 0 || Arrays.stream(axes).distinct().count() != axes.length) {
            throw new IllegalArgumentException("a reduction needs distinct axes, got " + Arrays.toString(axes));
        }
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.reduce(this);
    }

    @Override
    public String kind() {
        return op.op();
    }
}
