package org.sham4j.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.sham4j.cli.Main;
import org.sham4j.core.io.NpyWriter;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.keras.KerasImporter;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.io.ModelFile;
import org.sham4j.onnx.OnnxImporter;

/**
 * The promise on small files: a file of at most 1 KB never makes a {@code sham} command take more than one second
 * or more than 64 MB of heap. Run in a JVM with {@code -Xmx64m} ({@link SmallFilesTest} does): every input of at
 * most 1 KB in the fuzz corpus (seeds, regressions, findings) and {@code mutants} mutated ones go through the
 * commands that read their kind of file (info, decode, run, export, bench, encode), each timed in process. A
 * command slower than a second, an OutOfMemoryError (as opposed to the memory budget's one-line refusal) or an
 * internal error is a failure. Usage: {@code SmallFiles INPUTS_DIR [MUTANTS]}.
 */
public final class SmallFiles {
    private static final int MAX_BYTES = 1024;
    private static final long MAX_NANOS = 1_000_000_000L;

    private final Path work;
    private final List<String> failures = new ArrayList<>();
    private final Map<Integer, Integer> exits = new TreeMap<>();
    private boolean measure;
    private long commands;
    private long slowest;
    private String slowestCommand = "";

    private SmallFiles(Path work) {
        this.work = work;
    }

    public static void main(String[] args) throws Exception {
        Path root = Path.of(args[0]);
        int mutants = args.length > 1 ? Integer.parseInt(args[1]) : 1000;
        SmallFiles check = new SmallFiles(Files.createTempDirectory("sham4j-small"));
        List<Path> inputs;
        try (Stream<Path> s = Files.walk(root)) {
            inputs = s.filter(Files::isRegularFile).sorted().toList();
        }
        List<byte[]> seeds = new ArrayList<>();
        List<String> kinds = new ArrayList<>();
        int files = 0;
        for (int pass = 0; pass < 2; pass++) {
            // The first pass warms the JVM up (class loading, JIT) and is not counted.
            check.measure = pass == 1;
            for (Path p : inputs) {
                String kind = kindOf(root.relativize(p));
                byte[] data = Files.readAllBytes(p);
                if (kind == null) {
                    continue;
                }
                if (kind.startsWith("shm:")) {
                    data = ShmFuzzTest.frame(kind.substring(4), data);
                    kind = ".shm";
                }
                if (pass == 1) {
                    seeds.add(data);
                    kinds.add(kind);
                }
                if (data.length <= MAX_BYTES) {
                    check.file(data, kind);
                    files += pass;
                }
            }
        }
        Random rnd = new Random(7);
        for (int t = 0; t < mutants; t++) {
            int pick = rnd.nextInt(seeds.size());
            byte[] m = mutate(seeds.get(pick), rnd);
            String kind = kinds.get(pick);
            if (kind.equals(".shm")) {
                m = Resign.container(m, Resign.SHM);
            } else if (kind.equals(".sham")) {
                m = Resign.container(m, Resign.SHAM);
            }
            if (m.length <= MAX_BYTES) {
                check.file(m, kind);
                files++;
            }
        }
        System.out.printf("%d files of at most %d bytes, %d commands, exit codes %s, slowest %.0f ms (%s)%n", files,
                MAX_BYTES, check.commands, check.exits, check.slowest / 1e6, check.slowestCommand);
        check.failures.forEach(f -> System.out.println("FAILURE " + f));
        System.exit(check.failures.isEmpty() ? 0 : 1);
    }

    /** The extension of the inputs of a fuzz test folder ("shm:FORMAT" for format bodies), or null. */
    private static String kindOf(Path rel) {
        String dir = rel.getNameCount() > 1 ? rel.getName(rel.getNameCount() - 2).toString() : "";
        String cls = rel.getNameCount() > 2 ? rel.getName(rel.getNameCount() - 3).toString() : "";
        return switch (dir) {
            case "shm", "shmMutated" -> ".shm";
            case "dense", "csc", "csr", "coo", "im", "cser", "ham", "gsham" -> "shm:" + dir;
            case "sham" -> cls.startsWith("ShmFuzzTest") ? "shm:sham" : ".sham";
            case "onnx" -> ".onnx";
            case "tensorPb" -> ".pb";
            case "h5" -> ".h5";
            case "npy" -> ".npy";
            case "npz" -> ".npz";
            case "mtx" -> ".mtx";
            case "mtxGz" -> ".mtx.gz";
            default -> null;
        };
    }

    private static byte[] mutate(byte[] seed, Random rnd) {
        byte[] b = seed.length > MAX_BYTES ? java.util.Arrays.copyOf(seed, rnd.nextInt(MAX_BYTES) + 1) : seed.clone();
        int changes = 1 + rnd.nextInt(4);
        for (int c = 0; c < changes && b.length > 0; c++) {
            int at = rnd.nextInt(b.length);
            switch (rnd.nextInt(4)) {
                case 0 -> b[at] ^= (byte) (1 << rnd.nextInt(8));
                case 1 -> b[at] = (byte) (rnd.nextBoolean() ? 0xff : 0x7f);
                case 2 -> b[at] = (byte) rnd.nextInt(256);
                default -> b = java.util.Arrays.copyOf(b, Math.max(1, b.length - 1 - rnd.nextInt(4)));
            }
        }
        return b;
    }

    private void file(byte[] data, String kind) throws IOException {
        Path f = work.resolve("input" + kind);
        Files.write(f, data);
        String out = work.resolve("out").toString();
        switch (kind) {
            case ".shm" -> {
                run("info", f.toString());
                run("info", f.toString(), "--json");
                run("decode", f.toString(), "--out", out + ".npy");
                run("decode", f.toString(), "--out", out + ".mtx");
            }
            case ".sham", ".onnx", ".h5" -> {
                run("info", f.toString());
                run("export", f.toString(), "--onnx", out + ".onnx");
                List<String> feed = inputs(f, kind);
                if (feed != null) {
                    List<String> args = new ArrayList<>(List.of("run", f.toString(), "--threads", "2", "--inputs"));
                    args.addAll(feed);
                    run(args.toArray(new String[0]));
                }
            }
            case ".pb" -> {
                Path dir = Files.createDirectories(work.resolve("vectors"));
                Files.write(dir.resolve("input_0.pb"), data);
                Path model = work.resolve("model.onnx");
                if (!Files.exists(model)) {
                    Files.write(model, org.sham4j.onnx.OnnxExporter.toModel(Models.model(0, "dense", 0)).toByteArray());
                }
                run("run", model.toString(), "--inputs", dir.toString());
            }
            default -> {
                run("bench", f.toString(), "--repeat", "0", "-q");
                run("encode", f.toString(), "--format", "auto", "--out", out + ".shm");
            }
        }
    }

    /** One .npy of zeros per model input, of a batch of one, or null when the model does not load or is large. */
    private List<String> inputs(Path model, String kind) {
        try {
            Graph g = switch (kind) {
                case ".sham" -> ModelFile.load(model);
                case ".onnx" -> OnnxImporter.read(model);
                default -> KerasImporter.read(model);
            };
            List<String> out = new ArrayList<>();
            for (InputSpec in : g.inputs()) {
                int[] shape = new int[in.shape().length + 1];
                shape[0] = 1;
                long size = 1;
                for (int k = 0; k < in.shape().length; k++) {
                    shape[k + 1] = Math.max(1, in.shape()[k]);
                    size *= shape[k + 1];
                }
                if (size > 4096) {
                    return null;
                }
                Path p = work.resolve("x" + out.size() + ".npy");
                NpyWriter.write(p, new Tensor(shape, new float[(int) size]));
                out.add(p.toString());
            }
            return out;
        } catch (Exception | Error e) {
            return null;
        }
    }

    private void run(String... args) {
        PrintStream oldOut = System.out;
        PrintStream oldErr = System.err;
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int exit;
        long t0 = System.nanoTime();
        try {
            System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
            System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
            var cl = Main.commandLine();
            cl.setOut(new PrintWriter(System.out, true));
            cl.setErr(new PrintWriter(System.err, true));
            exit = cl.execute(args);
        } catch (Throwable e) {
            exit = -1;
            err.writeBytes(("escaped: " + e).getBytes(StandardCharsets.UTF_8));
        } finally {
            System.setOut(oldOut);
            System.setErr(oldErr);
        }
        long nanos = System.nanoTime() - t0;
        if (!measure) {
            return;
        }
        commands++;
        exits.merge(exit, 1, Integer::sum);
        String command = String.join(" ", args).replace(work.toString() + "/", "");
        if (nanos > slowest) {
            slowest = nanos;
            slowestCommand = command;
        }
        String message = err.toString(StandardCharsets.UTF_8).strip();
        if (nanos > MAX_NANOS) {
            failures.add(String.format("%.0f ms: %s", nanos / 1e6, command));
        }
        if (exit < 0 || exit == 5 || message.contains("out of memory (the heap")) {
            failures.add("exit " + exit + ": " + command + ": " + message);
        }
    }
}
