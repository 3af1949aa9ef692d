package org.sham4j.model.runtime;

import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Recurrent;

/**
 * An LSTM or GRU recurrence, step by step: the state of the batch times the recurrent matrix (a
 * {@link WeightProduct}) plus the step's input projections gives the gates, which update the state.
 */
final class RecurrentOperator implements Operator {
    private final Recurrent layer;
    private final WeightProduct weights;

    RecurrentOperator(Recurrent layer, WeightProducts products) {
        this.layer = layer;
        this.weights = WeightProduct.of(layer.weights(), products);
    }

    @Override
    public Tensor apply(Tensor[] inputs, ProductExecutor executor) {
        int[] shape = inputs[0].shape();
        int width = layer.gateWidth();
        if (shape.length != 3 || shape[2] != width) {
            throw new IllegalArgumentException("input shape " + Shapes.of(shape) + ", the layer expects (T, N, "
                    + width + ")");
        }
        int steps = shape[0];
        int n = shape[1];
        int hidden = layer.hidden();
        WeightProduct r = weights;
        float[] bias = layer.bias();
        float[] x = inputs[0].data();
        float[] y = new float[Math.toIntExact((long) steps * n * hidden)];
        float[] h = new float[n * hidden];
        float[] c = new float[n * hidden];
        float[] gates = new float[n * width];
        float[] reset = layer.linearBeforeReset() || layer.cell() == Recurrent.Cell.LSTM ? null : new float[n * width];
        float[] rh = reset == null ? null : new float[n * hidden];
        for (int s = 0; s < steps; s++) {
            int t = layer.reverse() ? steps - 1 - s : s;
            r.multiply(h, n, gates, executor);
            if (bias != null) {
                Bias.add(gates, n, bias);
            }
            int in = t * n * width;
            if (layer.cell() == Recurrent.Cell.LSTM) {
                for (int b = 0; b < n; b++) {
                    for (int j = 0; j < hidden; j++) {
                        int g = b * width + j;
                        float i = sigmoid(gates[g] + x[in + g]);
                        float o = sigmoid(gates[g + hidden] + x[in + g + hidden]);
                        float f = sigmoid(gates[g + 2 * hidden] + x[in + g + 2 * hidden]);
                        float cc = (float) Math.tanh(gates[g + 3 * hidden] + x[in + g + 3 * hidden]);
                        int q = b * hidden + j;
                        c[q] = f * c[q] + i * cc;
                        h[q] = o * (float) Math.tanh(c[q]);
                    }
                }
            } else {
                float[] z = new float[n * hidden];
                for (int b = 0; b < n; b++) {
                    for (int j = 0; j < hidden; j++) {
                        int g = b * width + j;
                        int q = b * hidden + j;
                        z[q] = sigmoid(gates[g] + x[in + g]);
                        float rr = sigmoid(gates[g + hidden] + x[in + g + hidden]);
                        if (reset == null) {
                            c[q] = (float) Math.tanh(x[in + g + 2 * hidden] + rr * gates[g + 2 * hidden]);
                        } else {
                            rh[q] = rr * h[q];
                        }
                    }
                }
                if (reset != null) {
                    r.multiply(rh, n, reset, executor);
                    for (int b = 0; b < n; b++) {
                        for (int j = 0; j < hidden; j++) {
                            int g = b * width + 2 * hidden + j;
                            float add = bias == null ? 0f : bias[2 * hidden + j];
                            c[b * hidden + j] = (float) Math.tanh(x[in + g] + reset[g] + add);
                        }
                    }
                }
                for (int q = 0; q < n * hidden; q++) {
                    h[q] = (1 - z[q]) * c[q] + z[q] * h[q];
                }
            }
            System.arraycopy(h, 0, y, t * n * hidden, n * hidden);
        }
        return new Tensor(new int[] {steps, n, hidden}, y);
    }

    private static float sigmoid(float v) {
        return (float) (1.0 / (1.0 + Math.exp(-v)));
    }
}
