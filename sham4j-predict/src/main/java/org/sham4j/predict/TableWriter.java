package org.sham4j.predict;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/**
 * Writes the output of a prediction in chunks, in input order, to one file written atomically: the text columns
 * passed through from the input, then the model's outputs as float32 columns. {@link #commit()} moves the finished
 * file into place; closing without it leaves nothing under the output's name.
 */
public interface TableWriter extends AutoCloseable {
    /** The file kinds by name: {@code .csv}, {@code .npy} (the outputs alone) or {@code .parquet}. */
    enum Kind {
        CSV, NPY, PARQUET;

        /** The kind a file name asks for, or an IllegalArgumentException naming the choices. */
        public static Kind of(Path file) {
            String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
            if (name.endsWith(".csv")) {
                return CSV;
            }
            if (name.endsWith(".npy")) {
                return NPY;
            }
            if (name.endsWith(".parquet")) {
                return PARQUET;
            }
            throw new IllegalArgumentException(file + ": unknown output kind, expected .csv, .npy or .parquet");
        }
    }

    /**
     * Appends {@code n} rows: {@code text[c][i]} is text column c of row i (null: no value), {@code values} the
     * outputs row-major (n, output columns).
     */
    void write(String[][] text, float[] values, int n) throws IOException;

    /** Finishes the file and moves it to its name. */
    void commit() throws IOException;

    @Override
    void close() throws IOException;

    /** A writer of {@code kind} to {@code file} with these text and float column names. */
    static TableWriter open(Kind kind, Path file, List<String> textColumns, List<String> valueColumns)
            throws IOException {
        return switch (kind) {
            case CSV -> new CsvTableWriter(file, textColumns, valueColumns);
            case NPY -> new NpyTableWriter(file, valueColumns.size());
            case PARQUET -> new ParquetTableWriter(file, textColumns, valueColumns);
        };
    }
}
