package org.sham4j.predict;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.zip.GZIPInputStream;
import org.sham4j.core.io.InvalidInputException;

/**
 * Reads a CSV file (RFC 4180: comma-separated, fields in double quotes may hold commas, quotes doubled and line
 * breaks; gzip when the name ends in {@code .gz}) row by row: a header of column names, then rows of as many
 * fields. Fields are text, as written (no trimming); an empty field is the empty string.
 */
public final class CsvReader implements AutoCloseable {
    private final Path file;
    private final BufferedReader in;
    private final List<String> header;
    private long line;
    private long rows;

    private CsvReader(Path file, BufferedReader in) throws IOException {
        this.file = file;
        this.in = in;
        List<String> h = next();
        if (h == null) {
            throw new InvalidInputException(file + ": empty file, expected a header of column names");
        }
        if (!h.isEmpty() && h.get(0).startsWith("\uFEFF")) {
            h.set(0, h.get(0).substring(1));
        }
        for (int i = 0; i < h.size(); i++) {
            if (h.get(i).isEmpty()) {
                throw new InvalidInputException(file + ": column " + (i + 1) + " of the header has no name");
            }
            if (h.indexOf(h.get(i)) != i) {
                throw new InvalidInputException(file + ": column '" + h.get(i) + "' appears twice in the header");
            }
        }
        this.header = List.copyOf(h);
    }

    /** Opens {@code file} and reads its header. */
    public static CsvReader open(Path file) throws IOException {
        InputStream raw = Files.newInputStream(file);
        try {
            InputStream s = file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(raw, 1 << 16) : raw;
            return new CsvReader(file, new BufferedReader(new InputStreamReader(s, StandardCharsets.UTF_8), 1 << 16));
        } catch (IOException | RuntimeException e) {
            raw.close();
            throw e;
        }
    }

    /** The column names. */
    public List<String> header() {
        return header;
    }

    /** The next row's fields (as many as the header's), or null at the end. */
    public String[] read() throws IOException {
        long at = line + 1;
        List<String> fields = next();
        if (fields == null) {
            return null;
        }
        rows++;
        if (fields.size() != header.size()) {
            throw new InvalidInputException(file + ": line " + at + " has " + fields.size() + " fields, the header "
                    + header.size());
        }
        return fields.toArray(new String[0]);
    }

    /** Rows read so far. */
    public long rows() {
        return rows;
    }

    /** The fields of the next record, or null at the end of the file; blank lines are skipped. */
    private List<String> next() throws IOException {
        String text;
        do {
            text = in.readLine();
            if (text == null) {
                return null;
            }
            line++;
        } while (text.isEmpty());
        List<String> fields = new ArrayList<>();
        StringBuilder field = new StringBuilder();
        int i = 0;
        long start = line;
        while (true) {
            if (i < text.length() && text.charAt(i) == '"' && field.length() == 0) {
                i++;
                while (true) {
                    if (i >= text.length()) {
                        String more = in.readLine();
                        if (more == null) {
                            throw new InvalidInputException(file + ": line " + start + ": a quoted field is not closed");
                        }
                        line++;
                        field.append('\n');
                        text = more;
                        i = 0;
                        continue;
                    }
                    char c = text.charAt(i++);
                    if (c == '"') {
                        if (i < text.length() && text.charAt(i) == '"') {
                            field.append('"');
                            i++;
                        } else {
                            break;
                        }
                    } else {
                        field.append(c);
                    }
                }
                if (i < text.length() && text.charAt(i) != ',') {
                    throw new InvalidInputException(file + ": line " + line + ": text after a closing quote");
                }
            } else {
                while (i < text.length() && text.charAt(i) != ',') {
                    char c = text.charAt(i++);
                    if (c == '"') {
                        throw new InvalidInputException(file + ": line " + line + ": a quote inside an unquoted "
                                + "field (quote the field and double the quote)");
                    }
                    field.append(c);
                }
            }
            fields.add(field.toString());
            field.setLength(0);
            if (i >= text.length()) {
                return fields;
            }
            i++; // the comma
            if (i == text.length()) {
                fields.add("");
                return fields;
            }
        }
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
