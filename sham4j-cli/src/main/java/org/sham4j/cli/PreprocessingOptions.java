package org.sham4j.cli;

import java.io.PrintStream;
import java.util.Locale;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Preprocessing;
import picocli.CommandLine.Option;

/**
 * {@code --scale}, {@code --mean}, {@code --std} and {@code --layout}: how a data set's raw samples become model
 * inputs, for every command that feeds data. The model's recorded preprocessing holds unless a flag overrides a
 * part of it; the command says on standard error what it uses and, when the model records none and no flag is
 * given, warns once that raw values are fed.
 */
final class PreprocessingOptions {
    @Option(names = "--scale", paramLabel = "S", description = "multiply raw values by S first, e.g. 0.00392157 for "
            + "1/255 (overrides what the model records)")
    Float scale;

    @Option(names = "--mean", split = ",", paramLabel = "M[,M...]",
            description = "then subtract a mean, one for all channels or one per channel (overrides)")
    float[] mean;

    @Option(names = "--std", split = ",", paramLabel = "D[,D...]",
            description = "then divide by a standard deviation, one or one per channel (overrides)")
    float[] std;

    @Option(names = "--layout", paramLabel = "NCHW|NHWC|FLAT",
            description = "how the data's samples are laid out: channels first, channels last (transposed to the "
                    + "model's channels first) or flat (overrides)")
    String layout;

    /** Whether any flag is given. */
    boolean given() {
        return scale != null || mean != null || std != null || layout != null;
    }

    /**
     * The preprocessing for a model that records {@code recorded}: its values with the flags given instead,
     * recorded when the model's were or a flag is given.
     */
    Preprocessing resolve(Preprocessing recorded) {
        Preprocessing.Layout l = recorded.layout();
        if (layout != null) {
            try {
                l = Preprocessing.Layout.valueOf(layout.trim().toUpperCase(Locale.ROOT));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("unknown layout '" + layout + "', expected NCHW, NHWC or FLAT");
            }
        }
        return new Preprocessing(scale != null ? scale : recorded.scale(), mean != null ? mean : recorded.mean(),
                std != null ? std : recorded.std(), l, recorded.recorded() || given());
    }

    /** Where the values come from, for the line that says what is used. */
    String source(Preprocessing recorded) {
        if (!given()) {
            return recorded.recorded() ? "as the model records" : "none recorded, no flag";
        }
        return recorded.recorded() ? "the model's, with the flags given" : "from the flags";
    }

    /**
     * The graph with the preprocessing to use; says which on {@code err} (one line, prefixed by the command),
     * plus one warning line when the model records none and no flag is given.
     */
    Graph apply(Graph graph, String what, String command, PrintStream err) {
        Preprocessing recorded = graph.preprocessing();
        Preprocessing p = resolve(recorded);
        err.println("sham " + command + ": " + what + " preprocessing: " + p + " (" + source(recorded) + ")");
        if (!p.recorded()) {
            err.println("sham " + command + ": warning: " + what + " records no preprocessing and no --scale, --mean, "
                    + "--std or --layout is given: raw data values are fed to it");
        }
        return graph.withPreprocessing(p);
    }

    /**
     * Two models fed the same way, as a comparison needs: the flags over what the models record; when only one
     * records preprocessing, both take it; when they record different ones, the flags must settle every part.
     */
    Graph[] applyBoth(Graph original, Graph compressed, String command, PrintStream err) {
        Preprocessing a = original.preprocessing();
        Preprocessing b = compressed.preprocessing();
        Preprocessing base = a;
        String note = "";
        if (a.recorded() && b.recorded() && !a.toString().equals(b.toString())) {
            if (scale == null || mean == null || std == null || layout == null) {
                throw new IllegalArgumentException("the models record different preprocessing (" + a + "; " + b
                        + "): give --scale, --mean, --std and --layout to feed both the same");
            }
        } else if (!a.recorded() && b.recorded()) {
            base = b;
            note = "; the original records none and takes the compressed model's";
        } else if (a.recorded() && !b.recorded()) {
            note = "; the compressed model records none and takes the original's";
        }
        Preprocessing p = resolve(base);
        err.println("sham " + command + ": preprocessing of both models: " + p + " (" + source(base) + note + ")");
        if (!p.recorded()) {
            err.println("sham " + command + ": warning: the models record no preprocessing and no --scale, --mean, "
                    + "--std or --layout is given: raw data values are fed to them");
        }
        return new Graph[] {original.withPreprocessing(p), compressed.withPreprocessing(p)};
    }
}
