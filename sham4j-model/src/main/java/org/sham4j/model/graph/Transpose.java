package org.sham4j.model.graph;

/** Permutes the axes: output axis i is input axis perm[i]; an empty perm reverses them, as in ONNX. */
public record Transpose(int[] perm) implements Layer {
    public Transpose {
        boolean[] seen = new boolean[perm.length];
        for (int p : perm) {
            if (p < 0 || p >= perm.length || seen[p]) {
                throw new IllegalArgumentException("perm " + java.util.Arrays.toString(perm)
                        + " is not a permutation");
            }
            seen[p] = true;
        }
    }

    @Override
    public <R> R accept(LayerVisitor<R> visitor) {
        return visitor.transpose(this);
    }

    @Override
    public String kind() {
        return "Transpose";
    }
}
