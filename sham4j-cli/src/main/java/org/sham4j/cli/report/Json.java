package org.sham4j.cli.report;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A minimal JSON builder for reports: objects keep key order; non-finite numbers become null. */
public final class Json {
    private Json() {
    }

    public static Obj object() {
        return new Obj();
    }

    public static Arr array() {
        return new Arr();
    }

    /** An object of the map's entries, in its order; lists among the values become arrays. */
    public static Obj of(Map<String, ?> fields) {
        Obj o = new Obj();
        fields.forEach((k, v) -> o.put(k, v instanceof List<?> l ? arrayOf(l) : v));
        return o;
    }

    private static Arr arrayOf(List<?> items) {
        Arr a = new Arr();
        items.forEach(a::add);
        return a;
    }

    /** A JSON object. */
    public static final class Obj {
        private final Map<String, Object> fields = new LinkedHashMap<>();

        public Obj put(String key, Object value) {
            fields.put(key, value);
            return this;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            write(sb, this, 0);
            return sb.toString();
        }
    }

    /** A JSON array. */
    public static final class Arr {
        private final List<Object> items = new ArrayList<>();

        public Arr add(Object value) {
            items.add(value);
            return this;
        }

        @Override
        public String toString() {
            StringBuilder sb = new StringBuilder();
            write(sb, this, 0);
            return sb.toString();
        }
    }

    private static void indent(StringBuilder sb, int depth) {
        sb.append('\n');
        for (int d = 0; d < depth; d++) {
            sb.append("  ");
        }
    }

    private static void write(StringBuilder sb, Object v, int depth) {
        if (v == null) {
            sb.append("null");
        } else if (v instanceof Obj) {
            Map<String, Object> f = ((Obj) v).fields;
            sb.append('{');
            int k = 0;
            for (Map.Entry<String, Object> e : f.entrySet()) {
                sb.append(k++ == 0 ? "" : ",");
                indent(sb, depth + 1);
                string(sb, e.getKey());
                sb.append(": ");
                write(sb, e.getValue(), depth + 1);
            }
            if (!f.isEmpty()) {
                indent(sb, depth);
            }
            sb.append('}');
        } else if (v instanceof Arr) {
            List<Object> items = ((Arr) v).items;
            sb.append('[');
            for (int k = 0; k < items.size(); k++) {
                sb.append(k == 0 ? "" : ",");
                indent(sb, depth + 1);
                write(sb, items.get(k), depth + 1);
            }
            if (!items.isEmpty()) {
                indent(sb, depth);
            }
            sb.append(']');
        } else if (v instanceof Double || v instanceof Float) {
            double d = ((Number) v).doubleValue();
            sb.append(Double.isFinite(d) ? Double.toString(d) : "null");
        } else if (v instanceof Number || v instanceof Boolean) {
            sb.append(v);
        } else {
            string(sb, v.toString());
        }
    }

    private static void string(StringBuilder sb, String s) {
        sb.append('"');
        for (int k = 0; k < s.length(); k++) {
            char c = s.charAt(k);
            switch (c) {
                case '"' -> sb.append("\\\"");
                case '\\' -> sb.append("\\\\");
                case '\n' -> sb.append("\\n");
                case '\r' -> sb.append("\\r");
                case '\t' -> sb.append("\\t");
                default -> {
                    if (c < 0x20) {
                        sb.append(String.format("\\u%04x", (int) c));
                    } else {
                        sb.append(c);
                    }
                }
            }
        }
        sb.append('"');
    }
}
