package org.sham4j.cli;

import java.util.LinkedHashMap;
import java.util.Map;
import org.sham4j.core.io.NamedMatrix;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.core.quant.MatrixCompression;
import org.sham4j.core.quant.QuantizerSpec;
import picocli.CommandLine.Option;

/** {@code --prune P} and {@code --quantize METHOD:K}: the lossy steps applied to a matrix before encoding. */
final class PrepareOptions {
    @Option(names = "--prune", paramLabel = "P",
            description = "magnitude-prune to P percent zeros (0-100) before encoding")
    Double prune;

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

    Prepared apply(NamedMatrix in) {
        if (!active()) {
            return new Prepared(in.matrix(), Map.of());
        }
        double p = prune == null ? 0 : prune;
        if (!(p >= 0 && p <= 100)) {
            throw new UsageException("--prune must be a percentage between 0 and 100, got " + prune);
        }
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
