package org.sham4j.data;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sham4j.core.io.InvalidInputException;

/**
 * A small JSON parser for the data sets' metadata: objects become {@link LinkedHashMap}s (keys in file order),
 * arrays {@link List}s, numbers {@link Double}s, strings, booleans and null. Nesting is limited.
 */
public final class JsonText {
    private static final int MAX_DEPTH = 64;
    private final String text;
    private final String source;
    private int pos;

    private JsonText(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /** Parses the one value {@code text} holds; {@code source} names it in messages. */
    public static Object parse(String text, String source) throws InvalidInputException {
        JsonText p = new JsonText(text, source);
        Object v = p.value(0);
        p.spaces();
        if (p.pos < text.length()) {
            throw p.error("unexpected text after the value");
        }
        return v;
    }

    private InvalidInputException error(String problem) {
        return new InvalidInputException(source + ": bad JSON at character " + pos + ": " + problem);
    }

    private void spaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private Object value(int depth) throws InvalidInputException {
        if (depth > MAX_DEPTH) {
            throw error("nested too deeply");
        }
        spaces();
        if (pos >= text.length()) {
            throw error("unexpected end");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return object(depth);
            case '[':
                return array(depth);
            case '"':
                return string();
            default:
                break;
        }
        for (String word : new String[] {"true", "false", "null"}) {
            if (text.startsWith(word, pos)) {
                pos += word.length();
                return word.equals("null") ? null : Boolean.valueOf(word);
            }
        }
        int start = pos;
        while (pos < text.length() && "+-.eE0123456789".indexOf(text.charAt(pos)) >= 0) {
            pos++;
        }
        try {
            return Double.valueOf(text.substring(start, pos));
        } catch (NumberFormatException e) {
            pos = start;
            throw error("expected a value");
        }
    }

    private Map<String, Object> object(int depth) throws InvalidInputException {
        Map<String, Object> out = new LinkedHashMap<>();
        pos++;
        spaces();
        if (pos < text.length() && text.charAt(pos) == '}') {
            pos++;
            return out;
        }
        while (true) {
            spaces();
            if (pos >= text.length() || text.charAt(pos) != '"') {
                throw error("expected a key");
            }
            String key = string();
            expect(':');
            out.put(key, value(depth + 1));
            spaces();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
            } else {
                expect('}');
                return out;
            }
        }
    }

    private List<Object> array(int depth) throws InvalidInputException {
        List<Object> out = new ArrayList<>();
        pos++;
        spaces();
        if (pos < text.length() && text.charAt(pos) == ']') {
            pos++;
            return out;
        }
        while (true) {
            out.add(value(depth + 1));
            spaces();
            if (pos < text.length() && text.charAt(pos) == ',') {
                pos++;
            } else {
                expect(']');
                return out;
            }
        }
    }

    private void expect(char c) throws InvalidInputException {
        spaces();
        if (pos >= text.length() || text.charAt(pos) != c) {
            throw error("expected '" + c + "'");
        }
        pos++;
    }

    private String string() throws InvalidInputException {
        StringBuilder sb = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char c = text.charAt(pos++);
            if (c == '"') {
                return sb.toString();
            }
            if (c != '\\') {
                sb.append(c);
                continue;
            }
            if (pos >= text.length()) {
                throw error("unterminated string");
            }
            char e = text.charAt(pos++);
            switch (e) {
                case 'n' -> sb.append('\n');
                case 't' -> sb.append('\t');
                case 'r' -> sb.append('\r');
                case 'b' -> sb.append('\b');
                case 'f' -> sb.append('\f');
                case 'u' -> {
                    if (pos + 4 > text.length()) {
                        throw error("short \\u escape");
                    }
                    try {
                        sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                    } catch (NumberFormatException ex) {
                        throw error("bad \\u escape");
                    }
                    pos += 4;
                }
                default -> sb.append(e);
            }
        }
    }
}
