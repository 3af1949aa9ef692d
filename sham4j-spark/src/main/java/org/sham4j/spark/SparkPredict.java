package org.sham4j.spark;

import java.io.IOException;
import java.io.PrintStream;
import java.io.Serializable;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.broadcast.Broadcast;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.SaveMode;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;
import org.apache.spark.util.LongAccumulator;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.io.ModelFile;
import org.sham4j.predict.Bindings;
import org.sham4j.predict.ChunkScorer;
import org.sham4j.predict.LocalPrediction;
import org.sham4j.predict.NpyInputs;
import org.sham4j.predict.PredictBackend;
import org.sham4j.predict.PredictRequest;
import org.sham4j.predict.Predictor;
import org.sham4j.predict.TableWriter;

/**
 * {@code sham predict --master}: the input read as a Spark table (CSV as text, Parquet as typed, {@code .npy} from
 * the driver), scored partition by partition in chunks by the same {@link ChunkScorer} as the local run, the model
 * broadcast once and loaded once per executor JVM (its branch cache shared by that executor's tasks). Parquet
 * output is Spark's (a directory of part files, in input order); CSV and {@code .npy} output are collected in
 * order and written by the local writers, so they are the bytes a local run writes.
 */
public final class SparkPredict implements PredictBackend {
    /** The scorers of this JVM, by broadcast payload. */
    private static final ConcurrentHashMap<String, ChunkScorer> SCORERS = new ConcurrentHashMap<>();

    /** What every task needs: the model file's bytes and how cells decode. */
    record Payload(String id, byte[] model, Bindings bindings, List<int[]> sampleShapes, boolean preprocess,
                   long cacheBytes, int chunkRows) implements Serializable {
        private static final long serialVersionUID = 1L;

        ChunkScorer scorer() {
            return SCORERS.computeIfAbsent(id, k -> {
                try {
                    return new ChunkScorer(new Predictor(ModelFile.fromBytes(model), preprocess, cacheBytes), bindings,
                            sampleShapes);
                } catch (IOException e) {
                    throw new IllegalStateException("the broadcast model does not read back: " + e.getMessage(), e);
                }
            });
        }
    }

    @Override
    public LocalPrediction.Summary predict(PredictRequest request, String master, PrintStream err)
            throws IOException {
        long start = System.nanoTime();
        LocalPrediction.checkOutput(request.output(), request.overwrite());
        TableWriter.Kind kind = TableWriter.Kind.of(request.output());
        SparkSession spark = Sessions.open(master, "sham predict");
        try {
            JavaSparkContext sc = JavaSparkContext.fromSparkContext(spark.sparkContext());
            int width;
            try (Predictor local = new Predictor(request.graph(), request.preprocess(), 0)) {
                width = local.width();
            }
            Input in = request.npyInputs() ? npy(spark, sc, request) : table(spark, sc, request);
            Payload payload = new Payload(UUID.randomUUID().toString(), ModelFile.toBytes(request.graph()),
                    in.bindings(), in.shapes(), request.preprocess(), request.cacheBytes(), request.chunkRows());
            Broadcast<Payload> b = sc.broadcast(payload);
            LongAccumulator rows = sc.sc().longAccumulator("rows");
            int[] inputAt = in.inputAt();
            int[] keptAt = in.keptAt();
            String source = in.source();
            JavaRDD<Row> scored = in.rows().mapPartitionsWithIndex((p, it) -> new Scored(b.value(), it, inputAt,
                    keptAt, source + " (partition " + p + ")", rows), true);
            List<StructField> fields = new ArrayList<>();
            for (int c : keptAt) {
                fields.add(in.schema().fields()[c]);
            }
            List<String> valueColumns = PredictRequest.valueColumns(width);
            for (String v : valueColumns) {
                fields.add(DataTypes.createStructField(v, DataTypes.FloatType, false));
            }
            Dataset<Row> out = spark.createDataFrame(scored, DataTypes.createStructType(fields));
            if (!request.quiet()) {
                err.printf("predict: %d partition(s) on %s%n", in.rows().getNumPartitions(), master);
            }
            try {
                if (kind == TableWriter.Kind.PARQUET) {
                    out.write().mode(request.overwrite() ? SaveMode.Overwrite : SaveMode.ErrorIfExists)
                            .parquet(request.output().toString());
                } else {
                    collect(out, kind, request.output(), keptAt.length, valueColumns, in.keptNames());
                }
            } catch (IOException e) {
                throw e;
            } catch (Exception e) { // Spark's SparkException is checked, but Scala does not declare it
                throw Sessions.unwrap(e);
            }
            long n = rows.value();
            b.destroy();
            return new LocalPrediction.Summary(n, width, (System.nanoTime() - start) / 1e9, -1);
        } finally {
            spark.stop();
        }
    }

    /** The input as rows, with the columns feeding each model input and those kept. */
    private record Input(JavaRDD<Row> rows, StructType schema, int[] inputAt, int[] keptAt, List<String> keptNames,
                         Bindings bindings, List<int[]> shapes, String source) {
    }

    private static Input table(SparkSession spark, JavaSparkContext sc, PredictRequest request) {
        Path file = request.inputs().get(0);
        // about four partitions a core, in file order (byte ranges of the file, no shuffle)
        spark.conf().set("spark.sql.files.minPartitionNum", String.valueOf(4 * sc.defaultParallelism()));
        spark.conf().set("spark.sql.files.openCostInBytes", String.valueOf(8 << 10));
        Dataset<Row> df;
        try {
            df = request.parquetInput() ? spark.read().parquet(file.toString())
                    : spark.read().option("header", "true").option("escape", "\"").option("mode", "FAILFAST")
                            .csv(file.toString()).na().fill("");
        } catch (Exception e) { // a missing file, a malformed header: Spark's AnalysisException
            throw Sessions.unwrap(e);
        }
        List<String> header = Arrays.asList(df.columns());
        int[] inputAt = request.bindings().positions(header, file.toString());
        List<String> kept = LocalPrediction.textColumns(header, request.bindings(), request.keep(), file.toString());
        int[] keptAt = kept.stream().mapToInt(header::indexOf).toArray();
        List<int[]> shapes = request.graph().inputs().stream().map(s -> s.shape()).toList();
        return new Input(df.javaRDD(), df.schema(), inputAt, keptAt, kept, request.bindings(), shapes, file.toString());
    }

    /** .npy inputs: read on the driver and spread over the cluster as rows of arrays, in order. */
    private static Input npy(SparkSession spark, JavaSparkContext sc, PredictRequest request) throws IOException {
        NpyInputs in = NpyInputs.read(request.inputs());
        int inputs = in.arrays().size();
        List<String> names = new ArrayList<>();
        List<StructField> fields = new ArrayList<>();
        for (int k = 0; k < inputs; k++) {
            names.add("input_" + k);
            fields.add(DataTypes.createStructField("input_" + k, DataTypes.createArrayType(DataTypes.FloatType),
                    false));
        }
        int n = in.samples();
        List<Row> rows = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            Object[] cells = new Object[inputs];
            for (int k = 0; k < inputs; k++) {
                cells[k] = in.sample(k, i);
            }
            rows.add(RowFactory.create(cells));
        }
        int slices = Math.max(1, Math.min(n, 4 * sc.defaultParallelism()));
        int[] inputAt = new int[inputs];
        Arrays.setAll(inputAt, k -> k);
        return new Input(sc.parallelize(rows, slices), DataTypes.createStructType(fields), inputAt, new int[0],
                List.of(), new Bindings(names, in.decoders()), in.shapes(), request.inputs().toString());
    }

    /** Collects the scored rows in order into one local file, written as a local run writes it. */
    private static void collect(Dataset<Row> out, TableWriter.Kind kind, Path file, int kept,
            List<String> valueColumns, List<String> keptNames) throws IOException {
        int width = valueColumns.size();
        int chunk = 8192;
        try (TableWriter w = TableWriter.open(kind, file, keptNames, valueColumns)) {
            Iterator<Row> it = out.toLocalIterator();
            String[][] text = new String[kept][chunk];
            float[] values = new float[chunk * width];
            int n = 0;
            while (it.hasNext()) {
                Row r = it.next();
                for (int c = 0; c < kept; c++) {
                    Object v = r.get(c);
                    text[c][n] = v == null ? null : String.valueOf(v);
                }
                for (int j = 0; j < width; j++) {
                    values[n * width + j] = r.getFloat(kept + j);
                }
                if (++n == chunk) {
                    w.write(text, values, n);
                    n = 0;
                }
            }
            w.write(text, values, n);
            w.commit();
        }
    }

    /** A partition's rows scored chunk by chunk: the kept cells, then the model's values. */
    private static final class Scored implements Iterator<Row> {
        private final Payload payload;
        private final Iterator<Row> in;
        private final int[] inputAt;
        private final int[] keptAt;
        private final String source;
        private final LongAccumulator count;
        private final List<Row> buffer = new ArrayList<>();
        private float[] values;
        private int width;
        private int next;
        private long done;

        Scored(Payload payload, Iterator<Row> in, int[] inputAt, int[] keptAt, String source, LongAccumulator count) {
            this.payload = payload;
            this.in = in;
            this.inputAt = inputAt;
            this.keptAt = keptAt;
            this.source = source;
            this.count = count;
        }

        @Override
        public boolean hasNext() {
            if (next < buffer.size()) {
                return true;
            }
            fill();
            return next < buffer.size();
        }

        @Override
        public Row next() {
            if (!hasNext()) {
                throw new NoSuchElementException();
            }
            Row r = buffer.get(next);
            Object[] cells = new Object[keptAt.length + width];
            for (int c = 0; c < keptAt.length; c++) {
                cells[c] = r.get(keptAt[c]);
            }
            for (int j = 0; j < width; j++) {
                cells[keptAt.length + j] = values[next * width + j];
            }
            next++;
            return RowFactory.create(cells);
        }

        private void fill() {
            buffer.clear();
            next = 0;
            while (buffer.size() < payload.chunkRows() && in.hasNext()) {
                buffer.add(in.next());
            }
            int n = buffer.size();
            if (n == 0) {
                return;
            }
            Object[][] cells = new Object[inputAt.length][n];
            for (int i = 0; i < n; i++) {
                Row r = buffer.get(i);
                for (int k = 0; k < inputAt.length; k++) {
                    cells[k][i] = cell(r, inputAt[k]);
                }
            }
            Tensor out;
            try {
                out = payload.scorer().score(cells, n, done + 1, source);
            } catch (InvalidInputException e) {
                throw new IllegalArgumentException(e.getMessage(), e);
            }
            values = out.data();
            width = out.dim(1);
            done += n;
            count.add(n);
        }

        /** A cell as the decoders take it: text, a number, or an array of numbers as float[]. */
        private static Object cell(Row r, int i) {
            Object v = r.get(i);
            if (v instanceof scala.collection.Seq<?>) {
                List<Object> list = r.getList(i);
                float[] f = new float[list.size()];
                for (int j = 0; j < f.length; j++) {
                    Object e = list.get(j);
                    f[j] = e instanceof Number num ? num.floatValue() : Float.NaN;
                }
                return f;
            }
            return v;
        }
    }
}
