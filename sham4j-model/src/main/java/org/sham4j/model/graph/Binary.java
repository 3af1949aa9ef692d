package org.sham4j.model.graph;

import org.sham4j.core.matrix.Tensor;

/**
 * An elementwise operation of two operands with ONNX (numpy) broadcasting: the node's two inputs, or its one
 * input and a constant tensor, first or second operand as {@code constantFirst} says (x − c or c − x).
 */
public record Binary(Op op, Tensor constant, boolean constantFirst) implements Layer {
    /** The operations, each with its ONNX op name. */
    public enum Op {
        ADD("Add"), SUB("Sub"), MUL("Mul"), DIV("Div"), POW("Pow"), MAX("Max"), MIN("Min");

        private final String op;

        Op(String op) {
            this.op = op;
        }

        public String op() {
            return op;
        }

        /** a op b. */
        public float apply(float a, float b) {
            return switch (this) {
                case ADD -> a + b;
                case SUB -> a - b;
                case MUL -> a * b;
                case DIV -> a / b;
                case POW -> (float) Math.pow(a, b);
                case MAX -> Math.max(a, b);
                case MIN -> Math.min(a, b);
            };
        }
    }

    /** The operation of the node's two inputs. */
    public Binary(Op op) {
        this(op, null, false);
    }

    /** The operation of the node's input and a constant. */
    public static Binary withConstant(Op op, Tensor constant, boolean constantFirst) {
        return new Binary(op, constant, constantFirst);
    }

    /** How many inputs the node reads: 1 with a constant, else 2. */
    public int arity() {
        return constant == null ? 2 : 1;
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.binary(this);
    }

    @Override
    public String kind() {
        return op.op();
    }
}
