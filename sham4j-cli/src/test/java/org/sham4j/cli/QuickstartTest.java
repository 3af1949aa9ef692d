package org.sham4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The README's first command (the main job) runs on the bundled network and data alone, in a JVM of its own from
 * the repository root, and compresses the network at least 30 times with at most 0.3 points of accuracy lost.
 * Only its output paths are moved to a temporary folder.
 */
class QuickstartTest {
    private static final Path ROOT = Path.of("").toAbsolutePath().getParent();

    @TempDir
    Path dir;

    @Test
    void theReadmesMainJobCompressesTheBundledNetwork() throws Exception {
        List<String> args = readmeMainJob();
        assertEquals(List.of("./sham", "compress"), args.subList(0, 2), "the README's first command: " + args);
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx2g", "-Doffline=true", "-cp", System.getProperty("java.class.path"),
                Main.class.getName()));
        Path out = dir.resolve("model.sham");
        Path json = dir.resolve("compress.json");
        assertTrue(!args.contains("--json"), "the test adds its own --json");
        for (int i = 1; i < args.size(); i++) {
            command.add(args.get(i));
            if (args.get(i).equals("--out")) {
                command.add(out.toString());
                i++;
            }
        }
        command.addAll(List.of("--json", json.toString()));
        if (!args.contains("--quiet")) {
            command.add("--quiet");
        }
        Process p = new ProcessBuilder(command).directory(ROOT.toFile()).redirectErrorStream(true).start();
        String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(p.waitFor(15, TimeUnit.MINUTES), "the main job did not finish");
        assertEquals(0, p.exitValue(), output);
        assertTrue(output.contains("original") && output.contains("compressed"), output);

        JsonNode r = new ObjectMapper().readTree(json.toFile());
        double times = r.get("denseBytes").asDouble() / r.get("bytes").asDouble();
        double lost = 100 * (r.get("baseline").asDouble() - r.get("accuracy").asDouble());
        assertTrue(times >= 30, "weights only " + times + "x smaller\n" + output);
        assertTrue(lost <= 0.3, lost + " points of accuracy lost\n" + output);
        assertTrue(Files.size(out) * 30 < Files.size(ROOT.resolve(args.get(2))), "the model file is 30x smaller");
    }

    /** The first command of the README's first shell block, continuation lines joined, comment dropped. */
    private static List<String> readmeMainJob() throws Exception {
        List<String> lines = Files.readAllLines(ROOT.resolve("README.md"));
        int start = lines.indexOf("```sh") + 1;
        assertTrue(start > 0, "README.md has no ```sh block");
        StringBuilder sb = new StringBuilder();
        for (int i = start; i < lines.size(); i++) {
            String line = lines.get(i).strip();
            int comment = line.indexOf(" #");
            if (comment >= 0) {
                line = line.substring(0, comment).strip();
            }
            if (!line.endsWith("\\")) {
                sb.append(line);
                break;
            }
            sb.append(line, 0, line.length() - 1).append(' ');
        }
        return Arrays.stream(sb.toString().trim().split("\\s+")).toList();
    }
}
