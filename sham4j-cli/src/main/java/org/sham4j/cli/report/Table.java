package org.sham4j.cli.report;

import java.util.ArrayList;
import java.util.List;

/** A plain-text table with right-aligned columns (the first two, or the first {@code left}, left-aligned). */
public final class Table {
    private final List<String[]> rows = new ArrayList<>();
    private final int columns;
    private final int left;

    public Table(String... header) {
        this(2, header);
    }

    private Table(int left, String... header) {
        columns = header.length;
        this.left = left;
        rows.add(header);
    }

    /** A table whose first {@code left} columns are left-aligned and the others right-aligned. */
    public static Table leftAligned(int left, String... header) {
        return new Table(left, header);
    }

    public void add(String... cells) {
        if (cells.length != columns) {
            throw new IllegalArgumentException("row has " + cells.length + " cells, table " + columns);
        }
        String[] safe = new String[cells.length];
        for (int c = 0; c < cells.length; c++) {
            safe[c] = Text.printable(cells[c]);
        }
        rows.add(safe);
    }

    @Override
    public String toString() {
        int[] width = new int[columns];
        for (String[] r : rows) {
            for (int c = 0; c < columns; c++) {
                width[c] = Math.max(width[c], r[c].length());
            }
        }
        StringBuilder sb = new StringBuilder();
        for (int r = 0; r < rows.size(); r++) {
            String[] row = rows.get(r);
            for (int c = 0; c < columns; c++) {
                String cell = row[c];
                String pad = " ".repeat(width[c] - cell.length());
                sb.append(c == 0 ? "" : "  ").append(c < left ? cell + pad : pad + cell);
            }
            sb.append('\n');
            if (r == 0) {
                int total = 0;
                for (int w : width) {
                    total += w + 2;
                }
                sb.append("-".repeat(Math.max(0, total - 2))).append('\n');
            }
        }
        return sb.toString();
    }
}
