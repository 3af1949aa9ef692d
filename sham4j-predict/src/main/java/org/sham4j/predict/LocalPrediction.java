package org.sham4j.predict;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.sham4j.core.matrix.Tensor;

/**
 * {@code sham predict} in this JVM, without Spark: reads the input in chunks of rows, scores them on the
 * request's threads (a {@link ChunkScorer} each, sharing one {@link Predictor} and its branch cache), and writes
 * the outputs in input order to one file, atomically. Reads CSV and {@code .npy}; Parquet input needs Spark.
 */
public final class LocalPrediction {
    /** What a run did: rows scored, values per row, seconds, branch results cached. */
    public record Summary(long rows, int width, double seconds, int branchValues) {
    }

    private LocalPrediction() {
    }

    /** Runs the request; progress (unless quiet) goes to {@code err}. */
    public static Summary run(PredictRequest request, PrintStream err) throws IOException, InterruptedException {
        long start = System.nanoTime();
        checkOutput(request.output(), request.overwrite());
        if (request.parquetInput()) {
            throw new IllegalArgumentException(request.inputs().get(0) + ": Parquet input is read through Spark: "
                    + "add --master local[N] (or convert it to CSV)");
        }
        try (Predictor predictor = new Predictor(request.graph(), request.preprocess(), request.cacheBytes())) {
            int width = predictor.width();
            Source source = request.npyInputs() ? npy(request, predictor) : csv(request, predictor);
            Progress progress = new Progress(err, request.quiet());
            long rows;
            try (source; TableWriter out = TableWriter.open(TableWriter.Kind.of(request.output()), request.output(),
                    source.textColumns(), PredictRequest.valueColumns(width))) {
                rows = pipeline(source, out, request.threads(), progress);
                out.commit();
            }
            progress.done(rows);
            return new Summary(rows, width, (System.nanoTime() - start) / 1e9, predictor.cachedValues());
        }
    }

    /** Refuses an output that exists unless it may be replaced. */
    public static void checkOutput(Path output, boolean overwrite) {
        if (Files.exists(output) && !overwrite) {
            throw new IllegalArgumentException(output + " exists: give --overwrite to replace it");
        }
    }

    /**
     * The text columns an output keeps from a table of {@code header}: {@code keep} (each checked), or every column
     * but those whose cells are model inputs themselves (ids read through a lookup table are kept).
     */
    public static List<String> textColumns(List<String> header, Bindings bindings, List<String> keep, String source) {
        if (keep == null) {
            return header.stream().filter(c -> {
                int k = bindings.columns().indexOf(c);
                return k < 0 || bindings.decoders().get(k) instanceof InputDecoder.Sequence s && s.lookup() != null;
            }).toList();
        }
        for (String c : keep) {
            if (!header.contains(c)) {
                throw new IllegalArgumentException(source + ": --keep names column '" + c + "', the table has "
                        + String.join(", ", header));
            }
        }
        return keep;
    }

    /** A chunk read: cells of each model input's column and the text columns kept. */
    private record Chunk(long firstRow, int n, Object[][] cells, String[][] text) {
    }

    /** Where chunks come from. */
    private interface Source extends AutoCloseable {
        List<String> textColumns();

        /** The next chunk, or null at the end. */
        Chunk next() throws IOException;

        ChunkScorer scorer();

        String name();

        @Override
        void close() throws IOException;
    }

    private static Source csv(PredictRequest request, Predictor predictor) throws IOException {
        Path file = request.inputs().get(0);
        CsvReader in = CsvReader.open(file);
        try {
            int[] at = request.bindings().positions(in.header(), file.toString());
            List<String> text = textColumns(in.header(), request.bindings(), request.keep(), file.toString());
            int[] textAt = text.stream().mapToInt(in.header()::indexOf).toArray();
            ChunkScorer scorer = new ChunkScorer(predictor, request.bindings());
            int size = request.chunkRows();
            return new Source() {
                long read;

                @Override
                public List<String> textColumns() {
                    return text;
                }

                @Override
                public Chunk next() throws IOException {
                    Object[][] cells = new Object[at.length][size];
                    String[][] kept = new String[textAt.length][size];
                    int n = 0;
                    for (String[] row = n < size ? in.read() : null; row != null; row = n < size ? in.read() : null) {
                        for (int k = 0; k < at.length; k++) {
                            cells[k][n] = row[at[k]];
                        }
                        for (int c = 0; c < textAt.length; c++) {
                            kept[c][n] = row[textAt[c]];
                        }
                        n++;
                    }
                    if (n == 0) {
                        return null;
                    }
                    long first = read + 1;
                    read += n;
                    return new Chunk(first, n, cells, kept);
                }

                @Override
                public ChunkScorer scorer() {
                    return scorer;
                }

                @Override
                public String name() {
                    return file.toString();
                }

                @Override
                public void close() throws IOException {
                    in.close();
                }
            };
        } catch (RuntimeException e) {
            in.close();
            throw e;
        }
    }

    private static Source npy(PredictRequest request, Predictor predictor) throws IOException {
        NpyInputs in = NpyInputs.read(request.inputs());
        List<String> names = request.inputs().stream().map(Path::toString).toList();
        ChunkScorer scorer = new ChunkScorer(predictor, new Bindings(names, in.decoders()), in.shapes());
        int total = in.samples();
        int size = request.chunkRows();
        return new Source() {
            int read;

            @Override
            public List<String> textColumns() {
                return List.of();
            }

            @Override
            public Chunk next() {
                int n = Math.min(size, total - read);
                if (n <= 0) {
                    return null;
                }
                Object[][] cells = new Object[in.arrays().size()][n];
                for (int k = 0; k < cells.length; k++) {
                    for (int i = 0; i < n; i++) {
                        cells[k][i] = in.sample(k, read + i);
                    }
                }
                Chunk c = new Chunk(read, n, cells, new String[0][]);
                read += n;
                return c;
            }

            @Override
            public ChunkScorer scorer() {
                return scorer;
            }

            @Override
            public String name() {
                return request.inputs().toString();
            }

            @Override
            public void close() {
            }
        };
    }

    /** Reads chunks, scores up to 2 x threads at once, writes them in order; the rows written. */
    private static long pipeline(Source source, TableWriter out, int threads, Progress progress)
            throws IOException, InterruptedException {
        ExecutorService pool = Executors.newFixedThreadPool(threads, r -> {
            Thread t = new Thread(r, "predict");
            t.setDaemon(true);
            return t;
        });
        Deque<Future<Object[]>> pending = new ArrayDeque<>();
        long rows = 0;
        try {
            Chunk c = source.next();
            while (c != null || !pending.isEmpty()) {
                while (c != null && pending.size() < 2 * threads) {
                    Chunk chunk = c;
                    pending.add(pool.submit(() -> new Object[] {chunk, source.scorer().score(chunk.cells(),
                            chunk.n(), chunk.firstRow(), source.name())}));
                    c = source.next();
                }
                Object[] done = get(pending.poll());
                Chunk chunk = (Chunk) done[0];
                out.write(chunk.text(), ((Tensor) done[1]).data(), chunk.n());
                rows += chunk.n();
                progress.rows(rows);
            }
        } finally {
            pool.shutdownNow();
        }
        return rows;
    }

    private static Object[] get(Future<Object[]> f) throws IOException, InterruptedException {
        try {
            return f.get();
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            if (cause instanceof IOException io) {
                throw io;
            }
            if (cause instanceof RuntimeException re) {
                throw re;
            }
            if (cause instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(cause);
        }
    }

    /** Rows done, every few seconds on standard error. */
    private static final class Progress {
        private final PrintStream err;
        private final boolean quiet;
        private final long start = System.nanoTime();
        private long last = System.nanoTime();

        Progress(PrintStream err, boolean quiet) {
            this.err = err;
            this.quiet = quiet;
        }

        void rows(long rows) {
            long now = System.nanoTime();
            if (!quiet && now - last > 5_000_000_000L) {
                last = now;
                double s = (now - start) / 1e9;
                err.printf("predict: %,d rows in %.0f s (%,.0f rows/s)%n", rows, s, rows / s);
            }
        }

        void done(long rows) {
            if (!quiet) {
                double s = (System.nanoTime() - start) / 1e9;
                err.printf("predict: %,d rows in %.1f s%n", rows, s);
            }
        }
    }
}
