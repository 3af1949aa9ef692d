package org.sham4j.report;

import java.math.BigDecimal;
import java.math.MathContext;
import java.util.ArrayList;
import java.util.List;

/**
 * A titled table written two ways: Markdown for people (numbers as formatted text) and CSV for programs (numbers
 * in full). Each cell holds both; a missing value is "–" in Markdown and empty in CSV.
 */
final class Table {
    /** One cell: what Markdown shows and what CSV holds. */
    record Cell(String text, String csv) {
        static final Cell NONE = new Cell("–", "");

        static Cell of(String s) {
            return s == null ? NONE : new Cell(s, s);
        }

        /** A number shown with {@code format} (a {@link String#format} pattern), held in full. */
        static Cell number(double v, String format) {
            return Double.isFinite(v) ? new Cell(String.format(format, v), Double.toString(v)) : NONE;
        }

        /** A number shown to {@code digits} significant digits without trailing zeros, held in full. */
        static Cell significant(double v, int digits) {
            if (!Double.isFinite(v)) {
                return NONE;
            }
            double a = Math.abs(v);
            String text = a != 0 && (a < 1e-4 || a >= 1e7) ? String.format("%." + (digits - 1) + "e", v)
                    : new BigDecimal(v).round(new MathContext(digits)).stripTrailingZeros().toPlainString();
            return new Cell(text, Double.toString(v));
        }

        static Cell integer(long v) {
            return new Cell(Long.toString(v), Long.toString(v));
        }
    }

    private final String title;
    private final String file;
    private final List<String> header;
    private final List<List<Cell>> rows = new ArrayList<>();

    /** A table saved as {@code file}.csv beside the report. */
    Table(String title, String file, List<String> header) {
        this.title = title;
        this.file = file;
        this.header = List.copyOf(header);
    }

    String title() {
        return title;
    }

    /** File name of the CSV, without extension. */
    String file() {
        return file;
    }

    List<String> header() {
        return header;
    }

    List<List<Cell>> rows() {
        return rows;
    }

    void add(List<Cell> row) {
        if (row.size() != header.size()) {
            throw new IllegalArgumentException("row of " + row.size() + " cells in a table of " + header.size());
        }
        rows.add(List.copyOf(row));
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    String markdown() {
        StringBuilder sb = new StringBuilder();
        line(sb, header);
        sb.append('|');
        for (int c = 0; c < header.size(); c++) {
            sb.append(c == 0 ? "---|" : "---:|");
        }
        sb.append('\n');
        for (List<Cell> r : rows) {
            line(sb, r.stream().map(Cell::text).toList());
        }
        return sb.toString();
    }

    private static void line(StringBuilder sb, List<String> cells) {
        sb.append('|');
        for (String c : cells) {
            sb.append(' ').append(c.replace("|", "\\|")).append(" |");
        }
        sb.append('\n');
    }

    String csv() {
        StringBuilder sb = new StringBuilder();
        csvLine(sb, header);
        for (List<Cell> r : rows) {
            csvLine(sb, r.stream().map(Cell::csv).toList());
        }
        return sb.toString();
    }

    private static void csvLine(StringBuilder sb, List<String> cells) {
        for (int k = 0; k < cells.size(); k++) {
            String s = cells.get(k);
            if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
                s = "\"" + s.replace("\"", "\"\"") + "\"";
            }
            sb.append(k == 0 ? "" : ",").append(s);
        }
        sb.append('\n');
    }
}
