package org.sham4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.File;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.core.io.NpyWriter;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.core.quant.QuantizerSpec;
import org.sham4j.model.compress.Encoding;
import org.sham4j.model.compress.LayerSelection;
import org.sham4j.model.compress.Pruning;
import org.sham4j.model.compress.SharedLayers;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.io.ModelFile;
import org.sham4j.model.runtime.GraphRunner;
import org.sham4j.model.zoo.Zoo;

/**
 * A compressed model runs with nothing but sham4j-core and sham4j-model on the class path
 * ({@code examples/java/LightRun.java} in a JVM of its own), and gives the outputs it gives here.
 */
class LightModulesTest {
    @TempDir
    Path dir;

    @Test
    void aCompressedModelRunsOnTheLightModulesAlone() throws Exception {
        Graph g = Zoo.build("lenet-5", 2);
        List<String> layers = LayerSelection.ALL.select(g);
        Graph pruned = Pruning.prune(g, layers, 90, true).graph();
        Graph shared = SharedLayers.quantize(pruned, layers, QuantizerSpec.parse("cws:16"), true).apply(pruned);
        Graph compressed = Encoding.encode(shared, layers, null);
        Path model = dir.resolve("m.sham");
        ModelFile.save(model, compressed);
        Random r = new Random(4);
        float[] x = new float[3 * 784];
        for (int i = 0; i < x.length; i++) {
            x[i] = r.nextFloat();
        }
        Tensor input = new Tensor(new int[] {3, 1, 28, 28}, x);
        Path npy = dir.resolve("x.npy");
        NpyWriter.write(npy, input);

        Path root = Path.of("").toAbsolutePath().getParent();
        String classPath = root.resolve("sham4j-core/target/classes") + File.pathSeparator
                + root.resolve("sham4j-model/target/classes");
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), "-cp", classPath,
                root.resolve("examples/java/LightRun.java").toString(), model.toString(), npy.toString())
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(120, TimeUnit.SECONDS), "LightRun did not finish");
        assertEquals(0, p.exitValue(), out);

        Tensor want;
        try (GraphRunner runner = new GraphRunner(ModelFile.load(model), 1)) {
            want = runner.run(input);
        }
        List<String> lines = out.strip().lines().toList();
        assertEquals(3, lines.size(), out);
        for (int i = 0; i < 3; i++) {
            String[] values = lines.get(i).substring(lines.get(i).indexOf('[') + 1, lines.get(i).length() - 1)
                    .split(", ");
            float[] got = new float[values.length];
            for (int j = 0; j < got.length; j++) {
                got[j] = Float.parseFloat(values[j]);
            }
            assertEquals(Arrays.toString(Arrays.copyOfRange(want.data(), i * 10, i * 10 + 10)), Arrays.toString(got));
        }
        assertTrue(Files.size(model) < 4 * 430_500 / 5, "the model is stored compressed: " + Files.size(model));
    }
}
