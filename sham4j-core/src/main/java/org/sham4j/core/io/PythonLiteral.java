package org.sham4j.core.io;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Parses the Python literal a NumPy {@code .npy} header holds into Java values: a dict becomes a
 * {@link Map}, a tuple or list a {@link List}, a string a {@link String}, an integer a {@link Long}
 * (Python 2 {@code L} suffix allowed), {@code True}/{@code False} a {@link Boolean} and {@code None} null.
 * Nothing is evaluated; nesting is limited so that a hostile header cannot exhaust the stack.
 */
final class PythonLiteral {
    private static final int MAX_DEPTH = 16;

    private final String text;
    private final String source;
    private int pos;

    private PythonLiteral(String text, String source) {
        this.text = text;
        this.source = source;
    }

    /** Parses {@code text}, which must hold exactly one literal; {@code source} names it in messages. */
    static Object parse(String text, String source) throws InvalidInputException {
        PythonLiteral p = new PythonLiteral(text, source);
        Object value = p.value(0);
        p.skipSpaces();
        if (p.pos < text.length()) {
            throw p.error("unexpected " + p.rest() + " after the literal");
        }
        return value;
    }

    private InvalidInputException error(String problem) {
        return new InvalidInputException(source + ": bad header: " + problem);
    }

    /** The text from the current position to the next space, quoted for a message. */
    private String rest() {
        int end = pos;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        return FileNames.quote(text.substring(pos, end));
    }

    private void skipSpaces() {
        while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
            pos++;
        }
    }

    private Object value(int depth) throws InvalidInputException {
        if (depth > MAX_DEPTH) {
            throw error("nested more than " + MAX_DEPTH + " deep");
        }
        skipSpaces();
        if (pos == text.length()) {
            throw error("ends where a value was expected");
        }
        char c = text.charAt(pos);
        switch (c) {
            case '{':
                return dict(depth);
            case '(':
                return sequence(')', depth);
            case '[':
                return sequence(']', depth);
            case '\'':
            case '"':
                return string(c);
            default:
                return c == '-' || c == '+' || isDigit(c) ? integer() : word();
        }
    }

    private Map<Object, Object> dict(int depth) throws InvalidInputException {
        pos++;
        Map<Object, Object> map = new LinkedHashMap<>();
        while (!closes('}')) {
            Object key = value(depth + 1);
            skipSpaces();
            if (pos == text.length() || text.charAt(pos) != ':') {
                throw error("expected ':' after dict key " + key);
            }
            pos++;
            Object value = value(depth + 1);
            if (map.containsKey(key)) {
                throw error("dict key " + key + " repeated");
            }
            map.put(key, value);
            separator('}');
        }
        return map;
    }

    private List<Object> sequence(char close, int depth) throws InvalidInputException {
        pos++;
        List<Object> list = new ArrayList<>();
        while (!closes(close)) {
            list.add(value(depth + 1));
            separator(close);
        }
        return list;
    }

    /** Consumes {@code close} if it comes next. */
    private boolean closes(char close) throws InvalidInputException {
        skipSpaces();
        if (pos == text.length()) {
            throw error("ends before '" + close + "'");
        }
        if (text.charAt(pos) == close) {
            pos++;
            return true;
        }
        return false;
    }

    /** After an item: a comma, or the closing bracket (left for {@link #closes}). */
    private void separator(char close) throws InvalidInputException {
        skipSpaces();
        if (pos < text.length() && text.charAt(pos) == ',') {
            pos++;
        } else if (pos < text.length() && text.charAt(pos) != close) {
            throw error("expected ',' or '" + close + "', found " + rest());
        }
    }

    private String string(char quote) throws InvalidInputException {
        StringBuilder b = new StringBuilder();
        pos++;
        while (pos < text.length()) {
            char c = text.charAt(pos++);
            if (c == quote) {
                return b.toString();
            }
            if (c == '\\') {
                if (pos == text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                if (e != '\\' && e != '\'' && e != '"') {
                    throw error("unsupported escape \\" + e + " in a string");
                }
                c = e;
            }
            b.append(c);
        }
        throw error("unterminated string");
    }

    private static boolean isDigit(char c) {
        return c >= '0' && c <= '9';
    }

    private Long integer() throws InvalidInputException {
        int start = pos;
        if (text.charAt(pos) == '-' || text.charAt(pos) == '+') {
            pos++;
        }
        while (pos < text.length() && isDigit(text.charAt(pos))) {
            pos++;
        }
        String digits = text.substring(start, pos);
        if (pos < text.length() && (text.charAt(pos) == 'L' || text.charAt(pos) == 'l')) {
            pos++;
        }
        try {
            return Long.parseLong(digits);
        } catch (NumberFormatException e) {
            throw error("integer " + FileNames.quote(digits) + " is malformed or too large");
        }
    }

    private Object word() throws InvalidInputException {
        int start = pos;
        while (pos < text.length() && Character.isLetter(text.charAt(pos))) {
            pos++;
        }
        switch (text.substring(start, pos)) {
            case "True":
                return Boolean.TRUE;
            case "False":
                return Boolean.FALSE;
            case "None":
                return null;
            default:
                pos = start;
                throw error("unexpected " + rest());
        }
    }
}
