package org.sham4j.core.format;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.sham4j.core.format.coo.CooFormat;
import org.sham4j.core.format.cser.CserFormat;
import org.sham4j.core.format.csc.CscFormat;
import org.sham4j.core.format.csr.CsrFormat;
import org.sham4j.core.format.dense.DenseFormat;
import org.sham4j.core.format.gsham.GshamFormat;
import org.sham4j.core.format.ham.HamFormat;
import org.sham4j.core.format.im.ImFormat;
import org.sham4j.core.format.sham.ShamFormat;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.SparseMatrix;

/** Every storage format, by name and by id. */
public final class Formats {
    private static final List<MatrixFormat> ALL = List.of(DenseFormat.INSTANCE, CscFormat.INSTANCE,
            CsrFormat.INSTANCE, CooFormat.INSTANCE, ImFormat.INSTANCE, CserFormat.INSTANCE, HamFormat.INSTANCE,
            ShamFormat.INSTANCE, GshamFormat.INSTANCE);

    private Formats() {
    }

    public static List<MatrixFormat> all() {
        return ALL;
    }

    /** The format of that name (case-insensitive); the message lists the known names otherwise. */
    public static MatrixFormat byName(String name) {
        for (MatrixFormat f : ALL) {
            if (f.name().equalsIgnoreCase(name.trim())) {
                return f;
            }
        }
        throw new IllegalArgumentException("unknown format '" + name + "', expected one of " + names());
    }

    /** Formats named in a comma-separated list, or all of them for {@code all}. */
    public static List<MatrixFormat> parseList(String list) {
        if (list.trim().toLowerCase(Locale.ROOT).equals("all")) {
            return ALL;
        }
        List<MatrixFormat> out = new ArrayList<>();
        for (String name : list.split(",")) {
            if (!name.isBlank()) {
                MatrixFormat f = byName(name);
                if (!out.contains(f)) {
                    out.add(f);
                }
            }
        }
        if (out.isEmpty()) {
            throw new IllegalArgumentException("no format named in '" + list + "'");
        }
        return out;
    }

    static MatrixFormat byId(int id) throws InvalidInputException {
        for (MatrixFormat f : ALL) {
            if (f.id() == id) {
                return f;
            }
        }
        throw new InvalidInputException("unknown format id " + id);
    }

    /** The names of all formats, comma-separated. */
    public static String names() {
        StringBuilder sb = new StringBuilder();
        for (MatrixFormat f : ALL) {
            sb.append(sb.length() == 0 ? "" : ", ").append(f.name());
        }
        return sb.toString();
    }

    /** The format whose encoding of {@code m} is smallest, and that encoding. */
    public static CompressedMatrix smallest(SparseMatrix m) {
        CompressedMatrix best = null;
        long bestBytes = Long.MAX_VALUE;
        for (MatrixFormat f : ALL) {
            CompressedMatrix c = f.encode(m);
            long bytes = c.size().totalBytes();
            if (bytes < bestBytes) {
                bestBytes = bytes;
                best = c;
            }
        }
        return best;
    }
}
