package org.sham4j.cli.report;

import java.util.List;

/** RFC 4180 CSV lines. */
public final class Csv {
    private Csv() {
    }

    public static String line(List<?> cells) {
        StringBuilder sb = new StringBuilder();
        for (int k = 0; k < cells.size(); k++) {
            Object v = cells.get(k);
            String s = v == null ? "" : v.toString();
            if (v instanceof Double && !Double.isFinite((Double) v)) {
                s = "";
            }
            if (s.contains(",") || s.contains("\"") || s.contains("\n")) {
                s = "\"" + s.replace("\"", "\"\"") + "\"";
            }
            sb.append(k == 0 ? "" : ",").append(s);
        }
        return sb.append('\n').toString();
    }
}
