package org.sham4j.cli.report;

/** Text from files (node names, paths, messages) made safe to print: one line, no control characters. */
public final class Text {
    private Text() {
    }

    /**
     * {@code s} on one line, printable: line breaks as {@code \n} and {@code \r}, tabs as spaces, other control
     * characters (a terminal escape, say) as {@code \\u} and four hex digits.
     */
    public static String printable(String s) {
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                case '\t' -> b.append(' ');
                default -> {
                    if (Character.isISOControl(c) || c == '\u2028' || c == '\u2029') {
                        b.append(String.format("\\u%04x", (int) c));
                    } else {
                        b.append(c);
                    }
                }
            }
        }
        return b.toString();
    }
}
