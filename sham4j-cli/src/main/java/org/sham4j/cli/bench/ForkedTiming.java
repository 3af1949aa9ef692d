package org.sham4j.cli.bench;

import java.io.DataInputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.ProductExecutor;
import org.sham4j.core.format.ShmFile;
import org.sham4j.core.io.WholeFile;
import org.sham4j.core.memory.MemoryBudgetException;

/**
 * Times a matrix's products in a JVM of its own, as JMH forks: the JIT's state (what it compiled, inlined and
 * deoptimised for the formats timed before) then cannot slow or speed up the next format. The matrix goes to the
 * child as its {@code .shm} file and the inputs as raw floats; the child prints the four times on one line. The
 * child gets the parent's class path and {@code -XX} options, a heap sized to the matrix, and inherits its CPU affinity
 * ({@code taskset}).
 */
public final class ForkedTiming {
    private ForkedTiming() {
    }

    /** Whether a matrix whose {@code .shm} file takes {@code bytes} can go to a child: files are read back whole. */
    public static boolean fits(long bytes) {
        return bytes <= WholeFile.MAX_BYTES;
    }

    /**
     * The product times of {@code c} measured in a fresh JVM, whose heap is what the file, its reading and the
     * vectors need (at most the bench's own): a large matrix then does not take the machine's memory twice. A
     * child that runs out of its heap is a MemoryBudgetException (the format is refused, the bench goes on).
     * {@code nnz} is the matrix's number of non-zeros.
     */
    public static ProductTimes measure(CompressedMatrix c, long nnz, float[] x, int batch, int threads,
                                       int repeat) {
        Path dir = null;
        try {
            dir = Files.createTempDirectory("sham-bench");
            Path shm = dir.resolve("matrix.shm");
            Path in = dir.resolve("x.f32");
            ShmFile.save(shm, c);
            long heap = childHeap(Files.size(shm), nnz, x.length, batch, c.cols(),
                    Runtime.getRuntime().maxMemory());
            try (DataOutputStream out = new DataOutputStream(new java.io.BufferedOutputStream(Files.newOutputStream(in)))) {
                out.writeInt(x.length);
                for (float v : x) {
                    out.writeFloat(v);
                }
            }
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                if (a.startsWith("-XX:")) {
                    cmd.add(a);
                }
            }
            cmd.add("-Xmx" + (heap >> 20) + "m");
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(ForkedTiming.class.getName());
            cmd.addAll(List.of(shm.toString(), in.toString(), Integer.toString(batch), Integer.toString(threads),
                    Integer.toString(repeat)));
            Process p = new ProcessBuilder(cmd).redirectErrorStream(true).start();
            String out;
            try (InputStream s = p.getInputStream()) {
                out = new String(s.readAllBytes(), StandardCharsets.UTF_8).trim();
            }
            int exit = p.waitFor();
            String last = out.isEmpty() ? "" : out.substring(out.lastIndexOf('\n') + 1);
            if (exit != 0) {
                throw failure(exit, out, heap);
            }
            return ProductTimes.parse(last);
        } catch (IOException e) {
            throw new IllegalStateException("cannot run the timing JVM: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while timing", e);
        } finally {
            deleteQuietly(dir);
        }
    }

    /**
     * The child's heap: three times the file (its bytes, the decoded form, a copy), 16 bytes per non-zero of
     * margin for a reader's checks (gsham's reader once kept every gap; it now counts them in bounded memory),
     * the vectors and 256 MB; at most {@code max}, the bench's own heap.
     */
    static long childHeap(long fileBytes, long nnz, int xLength, int batch, int cols, long max) {
        return Math.min(max, 3 * fileBytes + 16 * nnz + 12L * xLength + 12L * batch * cols + (256L << 20));
    }

    /**
     * What a child's failure says: out of heap, a MemoryBudgetException naming the heap; otherwise the line of
     * its output that names the exception (not the last line of its stack trace).
     */
    static RuntimeException failure(int exit, String output, long heap) {
        List<String> lines = output.lines().map(String::strip).toList();
        if (lines.stream().anyMatch(l -> l.contains("OutOfMemoryError"))) {
            return new MemoryBudgetException("the timing JVM ran out of its " + (heap >> 20)
                    + " MB heap (raise the bench's with -Xmx)");
        }
        String why = lines.stream().filter(l -> !l.isEmpty() && !l.startsWith("at ") && !l.startsWith("..."))
                .reduce((a, b) -> b).orElse("no output");
        return new IllegalStateException("the timing JVM failed (exit " + exit + "): " + why);
    }

    private static void deleteQuietly(Path dir) {
        if (dir == null) {
            return;
        }
        try (Stream<Path> s = Files.walk(dir)) {
            s.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
        } catch (IOException e) {
            // a temporary directory left behind is harmless
        }
    }

    /** The child: {@code SHM X BATCH THREADS REPEAT}; prints the four times on one line. */
    public static void main(String[] args) throws IOException {
        CompressedMatrix c = ShmFile.load(Path.of(args[0]));
        float[] x;
        try (DataInputStream in = new DataInputStream(new java.io.BufferedInputStream(Files.newInputStream(Path.of(args[1]))))) {
            x = new float[in.readInt()];
            for (int k = 0; k < x.length; k++) {
                x[k] = in.readFloat();
            }
        }
        int batch = Integer.parseInt(args[2]);
        try (ProductExecutor executor = new ProductExecutor(Integer.parseInt(args[3]))) {
            System.out.println(ProductTimes.measure(c, x, batch, executor, Integer.parseInt(args[4])).line());
        }
    }
}
