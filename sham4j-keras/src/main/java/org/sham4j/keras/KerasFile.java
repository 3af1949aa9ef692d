package org.sham4j.keras;

import io.jhdf.HdfFile;
import io.jhdf.api.Attribute;
import io.jhdf.api.Dataset;
import io.jhdf.api.Group;
import io.jhdf.api.Node;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.io.WholeFile;
import org.sham4j.core.memory.MemoryBudget;

/**
 * A Keras 2 / tf.keras {@code .h5} file: the {@code model_config} attribute and the weights of each layer,
 * found through the {@code layer_names} and {@code weight_names} attributes. jHDF, a third party, is bounded: it
 * reads the file through a read-only memory map (so a forged size or address slices past the end and fails,
 * where reading through a channel would allocate what the file claims), a dataset's declared size is checked
 * against what the file could hold and against the {@link MemoryBudget} before it is read, and every exception
 * and error jHDF throws (an OutOfMemoryError or a StackOverflowError included) becomes a one-line
 * {@link InvalidInputException}.
 */
final class KerasFile implements AutoCloseable {
    private final HdfFile hdf;
    private final Group weightsRoot;

    private KerasFile(HdfFile hdf, Group weightsRoot) {
        this.hdf = hdf;
        this.weightsRoot = weightsRoot;
    }

    /** Opens the file and finds its weights group: {@code model_weights}, or the root of a weights-only file. */
    static KerasFile open(Path file) throws IOException {
        HdfFile hdf;
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            long size = channel.size();
            if (size > WholeFile.MAX_BYTES) {
                throw new InvalidInputException("file of " + size + " bytes is too large");
            }
            hdf = HdfFile.fromByteBuffer(channel.map(FileChannel.MapMode.READ_ONLY, 0, size));
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new InvalidInputException("not a readable HDF5 file (" + describe(e) + ")", e);
        }
        try {
            long declared = hdf.getUserBlockSize() + hdf.getHdfBackingStorage().getSuperblock().getEndOfFileAddress();
            if (hdf.size() < declared) {
                throw new InvalidInputException("truncated HDF5 file: " + hdf.size() + " of its " + declared
                        + " bytes");
            }
            Node weights = hdf.getChildren().get("model_weights");
            Group root = weights instanceof Group g ? g : hdf;
            return new KerasFile(hdf, root);
        } catch (InvalidInputException e) {
            hdf.close();
            throw e;
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            hdf.close();
            throw new InvalidInputException("corrupt HDF5 file (" + describe(e) + ")", e);
        }
    }

    /** The JSON of the {@code model_config} root attribute. */
    String modelConfig() throws InvalidInputException {
        try {
            Attribute a = hdf.getAttribute("model_config");
            if (a == null) {
                throw new InvalidInputException("no model_config attribute: not a Keras model file (a weights-only "
                        + "file holds no architecture)");
            }
            Object data = a.getData();
            if (data instanceof String s) {
                return s;
            }
            throw new InvalidInputException("model_config attribute is not a string");
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw new InvalidInputException("cannot read model_config (" + describe(e) + ")", e);
        }
    }

    /** The weights of one layer (none when the file holds no group for it). */
    LayerWeights weights(LayerConfig layer) throws InvalidInputException {
        try {
            Node node = weightsRoot.getChildren().get(layer.name());
            Map<String, Dataset> found = new LinkedHashMap<>();
            if (node instanceof Group g) {
                List<String> names = strings(g.getAttribute("weight_names"));
                if (names.isEmpty()) {
                    collect(g, found);
                } else {
                    for (String n : names) {
                        Node d = g.getByPath(n);
                        if (!(d instanceof Dataset ds)) {
                            throw layer.invalid("weight " + n + " is not a dataset");
                        }
                        found.put(shortName(n), ds);
                    }
                }
            }
            return new LayerWeights(layer, found, hdf.size());
        } catch (RuntimeException | OutOfMemoryError | StackOverflowError e) {
            throw layer.invalid("cannot read its weights (" + describe(e) + ")");
        }
    }

    private static void collect(Group g, Map<String, Dataset> found) {
        for (Node child : g) {
            if (child instanceof Dataset d) {
                found.put(shortName(child.getName()), d);
            } else if (child instanceof Group sub) {
                collect(sub, found);
            }
        }
    }

    /** "model/dense/kernel:0" -> "kernel". */
    private static String shortName(String weightName) {
        String s = weightName.substring(weightName.lastIndexOf('/') + 1);
        int colon = s.lastIndexOf(':');
        return colon < 0 ? s : s.substring(0, colon);
    }

    private static List<String> strings(Attribute a) {
        List<String> out = new ArrayList<>();
        if (a == null) {
            return out;
        }
        Object data = a.getData();
        if (data instanceof String s) {
            out.add(s);
        } else if (data instanceof String[] arr) {
            out.addAll(List.of(arr));
        }
        return out;
    }

    /** A jHDF exception or error in a few words: its message, or its class when it has none. */
    static String describe(Throwable e) {
        if (e instanceof OutOfMemoryError) {
            return "it asks for more memory than there is";
        }
        if (e instanceof StackOverflowError) {
            return "its structure nests without end";
        }
        String m = e.getMessage();
        return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
    }

    @Override
    public void close() {
        hdf.close();
    }
}
