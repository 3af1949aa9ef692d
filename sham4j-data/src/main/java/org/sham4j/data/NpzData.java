package org.sham4j.data;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.io.NpyArrays;
import org.sham4j.core.matrix.Tensor;

/**
 * A data set in a NumPy {@code .npz}: samples under {@code X} (N, ...) and targets under {@code y} (N), which
 * then serve as both training and test set; or apart, under {@code x_train}, {@code y_train}, {@code x_test},
 * {@code y_test} (as Keras saves them). Targets that are all whole numbers 0..1023 are class ids (the class count
 * is the largest + 1); other targets are regression values.
 */
public final class NpzData {
    private static final int MAX_CLASSES = 1024;

    private NpzData() {
    }

    public static Dataset read(Path file) throws IOException {
        Map<String, Tensor> arrays = NpyArrays.readNpz(file);
        Samples train;
        Samples test;
        if (arrays.containsKey("X") && arrays.containsKey("y")) {
            train = samples(arrays, "X", "y", file);
            test = train;
        } else if (arrays.containsKey("x_train") && arrays.containsKey("x_test")) {
            train = samples(arrays, "x_train", "y_train", file);
            test = samples(arrays, "x_test", "y_test", file);
        } else {
            throw new InvalidInputException(file + ": expected arrays X and y, or x_train, y_train, x_test and "
                    + "y_test; the keys are " + arrays.keySet());
        }
        int classes = Math.max(classes(train.targets()), classes(test.targets()));
        boolean bothClasses = classes(train.targets()) > 0 && classes(test.targets()) > 0;
        return new Dataset(file.getFileName().toString(), train, test, bothClasses ? classes : 0);
    }

    private static Samples samples(Map<String, Tensor> arrays, String xKey, String yKey, Path file)
            throws InvalidInputException {
        Tensor x = arrays.get(xKey);
        Tensor y = arrays.get(yKey);
        if (y == null) {
            throw new InvalidInputException(file + ": array '" + xKey + "' has no '" + yKey + "' beside it");
        }
        if (x.rank() < 2 || y.rank() != 1 && !(y.rank() == 2 && y.dim(1) == 1) || x.dim(0) != y.dim(0)) {
            throw new InvalidInputException(file + ": '" + xKey + "' " + x + " and '" + yKey + "' " + y
                    + " do not match: expected (N, ...) and (N)");
        }
        return Samples.of(List.of(x), y.data());
    }

    /** Largest target + 1 when all targets are class ids, else 0. */
    private static int classes(float[] targets) {
        int max = -1;
        for (float t : targets) {
            if (t != Math.rint(t) || t < 0 || t >= MAX_CLASSES) {
                return 0;
            }
            max = Math.max(max, (int) t);
        }
        return max + 1;
    }
}
