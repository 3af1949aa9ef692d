package org.sham4j.model.graph;

import org.sham4j.core.format.CompressedMatrix;

/**
 * The recurrence of an LSTM or GRU layer, time-major as in ONNX: it reads (T, N, gates·H), the input's
 * projections x·W + b already computed (by a Dense node before it), and gives every step's hidden state
 * (T, N, H), from zero initial states, forward or in reverse. The weight matrix is the recurrent one, H x
 * gates·H (the state times it adds to the gates), with an optional bias of gates·H added after the product.
 * Gates are in ONNX's order: LSTM i, o, f, c (σ, σ, σ, tanh; no peepholes); GRU z, r, h, where the new
 * state's candidate takes r ⊙ (h·R + b) when {@code linearBeforeReset} (PyTorch's GRU) or (r ⊙ h)·R + b.
 */
public record Recurrent(Cell cell, CompressedMatrix weights, float[] bias, int hidden, boolean reverse,
                        boolean linearBeforeReset) implements Layer, WeightedLayer {
    /** The kind of cell, with its number of gates. */
    public enum Cell {
        LSTM(4), GRU(3);

        private final int gates;

        Cell(int gates) {
            this.gates = gates;
        }

        public int gates() {
            return gates;
        }
    }

    public Recurrent {
        long cols = (long) cell.gates() * hidden;
        if (hidden < 1 || weights.rows() != hidden || weights.cols() != cols) {
            throw new IllegalArgumentException(cell + " recurrent weights " + weights.rows() + "x" + weights.cols()
                    + ", expected " + hidden + "x" + cols);
        }
        if (bias != null && bias.length != cols) {
            throw new IllegalArgumentException(cell + " bias of " + bias.length + ", expected " + cols);
        }
        if (linearBeforeReset && cell != Cell.GRU) {
            throw new IllegalArgumentException("linearBeforeReset is a GRU option");
        }
    }

    /** Width of the input projections: gates·H. */
    public int gateWidth() {
        return cell.gates() * hidden;
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.recurrent(this);
    }

    @Override
    public Family family() {
        return Family.RECURRENT;
    }

    @Override
    public String kind() {
        return cell.name();
    }

    @Override
    public Layer withParameters(CompressedMatrix w, float[] b) {
        return new Recurrent(cell, w, b, hidden, reverse, linearBeforeReset);
    }
}
