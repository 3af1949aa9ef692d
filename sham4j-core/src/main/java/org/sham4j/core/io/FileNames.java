package org.sham4j.core.io;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;

/** How files are named in messages and in the names of the matrices read from them. */
final class FileNames {
    private static final List<String> EXTENSIONS = List.of(".mtx.gz", ".mtx", ".npy", ".npz", ".gz");

    private FileNames() {
    }

    /** The file name alone, as messages show it. */
    static String display(Path file) {
        Path name = file.getFileName();
        return name == null ? file.toString() : name.toString();
    }

    /** The file name without a known extension: {@code orsreg_1} for {@code orsreg_1.mtx.gz}. */
    static String stem(Path file) {
        String name = display(file);
        String lower = name.toLowerCase(Locale.ROOT);
        for (String ext : EXTENSIONS) {
            if (lower.endsWith(ext) && lower.length() > ext.length()) {
                return name.substring(0, name.length() - ext.length());
            }
        }
        return name;
    }

    /** Shows a token of an input in a one-line message: control characters replaced, long tokens cut. */
    static String quote(String token) {
        StringBuilder b = new StringBuilder("'");
        int n = Math.min(token.length(), 40);
        for (int k = 0; k < n; k++) {
            char c = token.charAt(k);
            b.append(c < ' ' || c == 0x7f ? '?' : c);
        }
        return b.append(token.length() > n ? "...'" : "'").toString();
    }
}
