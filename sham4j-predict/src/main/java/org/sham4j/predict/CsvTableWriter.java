package org.sham4j.predict;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.channels.Channels;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** CSV output: a header, then one line per row; text quoted when it needs to be, floats in Java's shortest form. */
final class CsvTableWriter implements TableWriter {
    private final OutputFile file;
    private final Writer out;
    private final int width;

    CsvTableWriter(Path path, List<String> textColumns, List<String> valueColumns) throws IOException {
        this.file = new OutputFile(path);
        this.out = new BufferedWriter(new OutputStreamWriter(Channels.newOutputStream(file.channel),
                StandardCharsets.UTF_8), 1 << 16);
        this.width = valueColumns.size();
        List<String> names = new ArrayList<>(textColumns);
        names.addAll(valueColumns);
        for (int c = 0; c < names.size(); c++) {
            out.write(c == 0 ? "" : ",");
            out.write(quote(names.get(c)));
        }
        out.write('\n');
    }

    @Override
    public void write(String[][] text, float[] values, int n) throws IOException {
        for (int i = 0; i < n; i++) {
            boolean first = true;
            for (String[] column : text) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                out.write(column[i] == null ? "" : quote(column[i]));
            }
            for (int j = 0; j < width; j++) {
                if (!first) {
                    out.write(',');
                }
                first = false;
                out.write(Float.toString(values[i * width + j]));
            }
            out.write('\n');
        }
    }

    static String quote(String s) {
        boolean needs = s.isEmpty() ? false : s.indexOf(',') >= 0 || s.indexOf('"') >= 0 || s.indexOf('\n') >= 0
                || s.indexOf('\r') >= 0;
        return needs ? '"' + s.replace("\"", "\"\"") + '"' : s;
    }

    @Override
    public void commit() throws IOException {
        out.flush();
        file.commit();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
