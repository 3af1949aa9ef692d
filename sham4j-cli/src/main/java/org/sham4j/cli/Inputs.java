package org.sham4j.cli;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.sham4j.core.io.MatrixReader;
import org.sham4j.core.io.NamedMatrix;

/** Reads the matrices named on a command line. */
final class Inputs {
    private Inputs() {
    }

    static List<NamedMatrix> read(List<String> specs) throws IOException {
        List<NamedMatrix> out = new ArrayList<>();
        for (String spec : specs) {
            out.addAll(MatrixReader.read(spec));
        }
        return out;
    }

    /** Refuses, before any work, a spec whose file is missing (a spec may end in {@code #KEY}). */
    static void requireFiles(List<String> specs) throws IOException {
        for (String spec : specs) {
            int hash = spec.lastIndexOf('#');
            boolean whole = java.nio.file.Files.isRegularFile(java.nio.file.Path.of(spec));
            if (!whole && !(hash > 0 && java.nio.file.Files.isRegularFile(java.nio.file.Path.of(spec.substring(0, hash))))) {
                throw new org.sham4j.core.io.InvalidInputException(spec + ": no such file");
            }
        }
    }

    /** The one matrix a spec names; an error if it holds several. */
    static NamedMatrix readOne(String spec) throws IOException {
        List<NamedMatrix> all = MatrixReader.read(spec);
        if (all.size() != 1) {
            StringBuilder names = new StringBuilder();
            for (NamedMatrix m : all) {
                names.append(names.length() == 0 ? "" : ", ").append(m.name());
            }
            throw new IllegalArgumentException(spec + " holds " + all.size() + " matrices (" + names
                    + "): name one as FILE.npz#KEY");
        }
        return all.get(0);
    }
}
