package org.sham4j.cli.bench;

import com.sun.management.HotSpotDiagnosticMXBean;
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
     * A matrix and its inputs handed to children: its {@code .shm} file and the inputs as raw floats, written once
     * when it is made and deleted when it is closed; the matrix itself is not kept, so that the bench's heap can be
     * given back to the machine while a child runs.
     */
    public static final class Saved implements AutoCloseable {
        private final Path dir;
        private final Path shm;
        private final Path in;
        private final int cols;
        private final int xLength;

        /** Writes {@code c} to a temporary {@code .shm} file and {@code x} beside it. */
        public Saved(CompressedMatrix c, float[] x) {
            Path d = null;
            try {
                d = Files.createTempDirectory("sham-bench");
                dir = d;
                shm = dir.resolve("matrix.shm");
                in = dir.resolve("x.f32");
                ShmFile.save(shm, c);
                try (DataOutputStream out = new DataOutputStream(
                        new java.io.BufferedOutputStream(Files.newOutputStream(in)))) {
                    out.writeInt(x.length);
                    for (float v : x) {
                        out.writeFloat(v);
                    }
                }
                cols = c.cols();
                xLength = x.length;
            } catch (IOException e) {
                deleteQuietly(d);
                throw new IllegalStateException("cannot write the matrix for the timing JVM: " + e.getMessage(), e);
            }
        }

        @Override
        public void close() {
            deleteQuietly(dir);
        }
    }

    /**
     * The product times of a matrix saved for a child measured in a fresh JVM, whose heap is what the file, its
     * reading and the vectors need (at most the bench's own); before a large one starts, this JVM gives its free
     * heap back, so a large matrix does not take the machine's memory twice. A child that runs out of its heap is
     * a MemoryBudgetException (the format is refused, the bench goes on). {@code nnz} is the matrix's number of
     * non-zeros.
     */
    public static ProductTimes measure(Saved saved, long nnz, int batch, int threads, int repeat) {
        try {
            long fileBytes = Files.size(saved.shm);
            if (fileBytes >= RELEASE_BYTES) {
                releaseHeap();
            }
            long heap = childHeap(fileBytes, nnz, saved.xLength, batch, saved.cols, Runtime.getRuntime().maxMemory());
            List<String> cmd = new ArrayList<>();
            cmd.add(ProcessHandle.current().info().command().orElse("java"));
            for (String a : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
                // The JIT's flags, the Vector API module and sham4j's own switches: the child runs the same kernels.
                if (a.startsWith("-XX:") || a.startsWith("--add-modules=") || a.startsWith("-Dsham4j.")) {
                    cmd.add(a);
                }
            }
            cmd.add("-Xmx" + (heap >> 20) + "m");
            cmd.add("-cp");
            cmd.add(System.getProperty("java.class.path"));
            cmd.add(ForkedTiming.class.getName());
            cmd.addAll(List.of(saved.shm.toString(), saved.in.toString(), Integer.toString(batch),
                    Integer.toString(threads), Integer.toString(repeat)));
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
        }
    }

    /**
     * The child's heap: three times the file (its bytes, the decoded form, a copy), 8 bytes per non-zero for what
     * a reader keeps beside its stored arrays (COO's column of each entry, sHAM's 16-bit row indices), the vectors
     * and 256 MB; at most {@code max}, the bench's own heap.
     */
    static long childHeap(long fileBytes, long nnz, int xLength, int batch, int cols, long max) {
        return Math.min(max, 3 * fileBytes + 8 * nnz + 12L * xLength + 12L * batch * cols + (256L << 20));
    }

    /** Files from this size on make the bench give its free heap back to the machine before the child starts. */
    static final long RELEASE_BYTES = 64L << 20;

    /**
     * Gives the bench's free heap back to the machine (a full collection that shrinks the heap to what is live),
     * so that the bench and its child do not hold the memory of a large matrix twice.
     */
    private static void releaseHeap() {
        HotSpotDiagnosticMXBean hs = ManagementFactory.getPlatformMXBean(HotSpotDiagnosticMXBean.class);
        String min = hs.getVMOption("MinHeapFreeRatio").getValue();
        String max = hs.getVMOption("MaxHeapFreeRatio").getValue();
        try {
            hs.setVMOption("MinHeapFreeRatio", "0");
            hs.setVMOption("MaxHeapFreeRatio", "10");
            System.gc();
        } catch (IllegalArgumentException e) {
            // a JVM whose collector ignores the ratios keeps its heap; the child's is sized without counting on it
        } finally {
            hs.setVMOption("MaxHeapFreeRatio", max);
            hs.setVMOption("MinHeapFreeRatio", min);
        }
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
