package org.sham4j.predict;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.io.NpyArrays;
import org.sham4j.core.matrix.Tensor;

/**
 * The {@code .npy} inputs of a prediction, one array of samples (N, ...) per model input, all of the same N; each
 * read as numbers by an {@link InputDecoder.Numbers} of its sample's size.
 */
public record NpyInputs(List<Tensor> arrays, List<int[]> shapes, List<InputDecoder> decoders) {
    /** Reads {@code files} in the model's input order; a file of another sample count is one line naming both. */
    public static NpyInputs read(List<Path> files) throws IOException {
        List<Tensor> arrays = new ArrayList<>();
        List<int[]> shapes = new ArrayList<>();
        List<InputDecoder> decoders = new ArrayList<>();
        for (Path p : files) {
            Tensor t = readNpy(p);
            if (!arrays.isEmpty() && t.dim(0) != arrays.get(0).dim(0)) {
                throw new InvalidInputException(p + ": " + t.dim(0) + " samples, " + files.get(0) + " "
                        + arrays.get(0).dim(0));
            }
            arrays.add(t);
            int[] sample = Arrays.copyOfRange(t.shape(), 1, t.rank());
            shapes.add(sample);
            decoders.add(new InputDecoder.Numbers((int) Tensor.size(sample)));
        }
        return new NpyInputs(List.copyOf(arrays), List.copyOf(shapes), List.copyOf(decoders));
    }

    /** A {@code .npy} array of samples (N, ...): float16/32/64, C or Fortran order, at least one axis, finite. */
    public static Tensor readNpy(Path p) throws IOException {
        Tensor t;
        try (var in = new BufferedInputStream(Files.newInputStream(p), 1 << 16)) {
            t = NpyArrays.read(in, p.toString());
        }
        if (t.rank() < 1) {
            throw new InvalidInputException(p + ": a scalar, expected an array of samples (N, ...)");
        }
        for (float v : t.data()) {
            if (!Float.isFinite(v)) {
                throw new InvalidInputException(p + ": holds " + v + ", expected finite numbers");
            }
        }
        return t;
    }

    /** The number of samples N. */
    public int samples() {
        return arrays.get(0).dim(0);
    }

    /** Sample {@code i} of input {@code k}, a copy. */
    public float[] sample(int k, int i) {
        int per = (int) Tensor.size(shapes.get(k));
        return Arrays.copyOfRange(arrays.get(k).data(), i * per, (i + 1) * per);
    }
}
