package org.sham4j.cli;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.sham4j.core.io.NamedMatrix;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.core.quant.MatrixCompression;
import org.sham4j.core.quant.QuantizerSpec;
import picocli.CommandLine.Option;

/**
 * {@code --prune P} (or a list of levels, where a command takes several) and {@code --quantize METHOD:K}: the lossy
 * steps applied to a matrix before encoding.
 */
final class PrepareOptions {
    @Option(names = "--prune", paramLabel = "P[,P...]", split = ",",
            description = "magnitude-prune to P percent zeros (0-100) before encoding; bench takes a list of levels "
                    + "and reports every format at each")
    List<Double> prune;

    @Option(names = "--quantize", paramLabel = "METHOD:K",
            description = "share weights before encoding: cws, cws-linear, cws-density, cws-random, cws-kmeans++, "
                    + "cws-dp, pws, uq or ecsq, with at most K non-zero values (zeros stay zero)")
    String quantize;

    /** A matrix ready to encode, with what was done to it (empty when nothing was). */
    record Prepared(SparseMatrix matrix, Map<String, Object> report) {
    }

    boolean active() {
        return prune != null || quantize != null;
    }

    /** The matrix prepared at the one pruning level given (a list is refused). */
    Prepared apply(NamedMatrix in) {
        if (levels() > 1) {
            throw new UsageException("--prune takes one level here, got " + prune.size() + ": " + prune);
        }
        return apply(in, 0);
    }

    /** Pruning levels asked for: at least 1 (the matrix as it is, or only quantized). */
    int levels() {
        return prune == null ? 1 : prune.size();
    }

    /** The matrix prepared at pruning level {@code level} of {@link #levels()}, in the order given. */
    Prepared apply(NamedMatrix in, int level) {
        check();
        if (!active()) {
            return new Prepared(in.matrix(), Map.of());
        }
        return prepare(in, prune == null ? 0 : prune.get(level));
    }

    /** Checks the levels before any work: each a percentage, none repeated. */
    void check() {
        if (prune == null) {
            return;
        }
        for (int k = 0; k < prune.size(); k++) {
            double p = prune.get(k);
            if (!(p >= 0 && p <= 100)) {
                throw new UsageException("--prune must be a percentage between 0 and 100, got " + p);
            }
            if (prune.subList(0, k).contains(p)) {
                throw new UsageException("--prune level " + p + " is given twice");
            }
        }
        if (quantize != null) {
            UsageException.parse(() -> QuantizerSpec.parse(quantize));
        }
    }

    private Prepared prepare(NamedMatrix in, double p) {
        QuantizerSpec spec = quantize == null ? null : UsageException.parse(() -> QuantizerSpec.parse(quantize));
        MatrixCompression.Result r = MatrixCompression.apply(in.matrix().toDense(), p, spec);
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("prune", p);
        report.put("sparsity", r.sparsity());
        report.put("quantizer", r.quantizer());
        report.put("k", r.k());
        report.put("mse", r.mse());
        report.put("entropy", r.entropy());
        report.put("quantizeNanos", r.nanos());
        return new Prepared(SparseMatrix.fromDense(r.matrix()), report);
    }
}
