package org.sham4j.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.stream.Stream;
import org.sham4j.core.io.NpyArrays;
import org.sham4j.core.io.NpyWriter;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.onnx.TensorProtos;

/**
 * The input sets {@code sham run} reads: an ONNX test-data folder ({@code input_0.pb}, ... with the expected
 * {@code output_0.pb}, ...), a folder of such folders ({@code test_data_set_*}), or {@code .npy} files, one
 * per model input.
 *
 * @param label     names the set in messages and, for folders of sets, the subfolder of the outputs
 * @param inputs    the input files, in model input order
 * @param expected  the expected output files present, by output index (null where absent)
 * @param protobuf  whether outputs are written as {@code output_N.pb} (else {@code output_N.npy})
 */
record TestVectors(String label, List<Path> inputs, List<Path> expected, boolean protobuf) {
    /** The sets named by {@code --inputs}. */
    static List<TestVectors> find(List<Path> specs) throws IOException {
        if (specs.size() == 1 && Files.isDirectory(specs.get(0))) {
            Path dir = specs.get(0);
            if (Files.exists(dir.resolve("input_0.pb"))) {
                return List.of(folder(dir, ""));
            }
            List<TestVectors> sets = new ArrayList<>();
            try (Stream<Path> children = Files.list(dir)) {
                for (Path d : children.filter(p -> Files.isDirectory(p) && Files.exists(p.resolve("input_0.pb")))
                        .sorted().toList()) {
                    sets.add(folder(d, d.getFileName().toString()));
                }
            }
            if (sets.isEmpty()) {
                throw new IllegalArgumentException(dir + ": no input_0.pb, nor folders holding one");
            }
            return sets;
        }
        for (Path p : specs) {
            if (!p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".npy")) {
                throw new UsageException(p + ": expected a test-data folder or .npy files");
            }
        }
        return List.of(new TestVectors("", specs, List.of(), false));
    }

    private static TestVectors folder(Path dir, String label) {
        List<Path> in = new ArrayList<>();
        for (int i = 0; Files.exists(dir.resolve("input_" + i + ".pb")); i++) {
            in.add(dir.resolve("input_" + i + ".pb"));
        }
        List<Path> out = new ArrayList<>();
        for (int i = 0; Files.exists(dir.resolve("output_" + i + ".pb")); i++) {
            out.add(dir.resolve("output_" + i + ".pb"));
        }
        return new TestVectors(label, in, out, true);
    }

    /** Reads input {@code i}. */
    Tensor input(int i) throws IOException {
        Path p = inputs.get(i);
        if (protobuf) {
            return TensorProtos.read(p);
        }
        try (InputStream in = Files.newInputStream(p)) {
            return NpyArrays.read(new java.io.BufferedInputStream(in), p.toString());
        }
    }

    /** Writes output {@code i} of this set under {@code dir}; returns the file. */
    Path write(Path dir, int i, String name, Tensor t) throws IOException {
        Path folder = label.isEmpty() ? dir : dir.resolve(label);
        if (protobuf) {
            Path f = folder.resolve("output_" + i + ".pb");
            TensorProtos.write(f, t, name);
            return f;
        }
        Path f = folder.resolve("output_" + i + ".npy");
        NpyWriter.write(f, t);
        return f;
    }
}
