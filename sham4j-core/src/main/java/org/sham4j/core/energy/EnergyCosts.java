package org.sham4j.core.energy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What each counted operation costs, in picojoules: a float32 addition, a float32 multiplication, and a 32-bit
 * memory access by the size of the array it touches (tiers of increasing size); an access of w bits costs w/32
 * of a 32-bit one.
 *
 * @param addPicojoules      one float32 addition
 * @param multiplyPicojoules one float32 multiplication
 * @param tiers              memory tiers by increasing size; the last one holds arrays of any size
 */
public record EnergyCosts(double addPicojoules, double multiplyPicojoules, List<MemoryTier> tiers) {
    /**
     * Horowitz's 45 nm figures (ISSCC 2014), as the sHAM papers use them: add 0.9 pJ, multiply 3.7 pJ; a 32-bit
     * access 5 pJ to an array of at most 8 KB, 10 pJ up to 32 KB, 50 pJ up to 1 MB, and 1000 pJ (DRAM) beyond.
     */
    public static final EnergyCosts HOROWITZ_45NM = new EnergyCosts(0.9, 3.7, List.of(
            new MemoryTier(8L << 10, 5), new MemoryTier(32L << 10, 10), new MemoryTier(1L << 20, 50),
            new MemoryTier(Long.MAX_VALUE, 1000)));

    /** Arrays of at most {@code maxBytes} bytes (and more than the previous tier's) cost this per 32-bit access. */
    public record MemoryTier(long maxBytes, double picojoulesPer32Bits) {
        public MemoryTier {
            if (maxBytes < 0 || !(picojoulesPer32Bits >= 0) || Double.isInfinite(picojoulesPer32Bits)) {
                throw new IllegalArgumentException("memory tier up to " + maxBytes + " bytes at "
                        + picojoulesPer32Bits + " pJ");
            }
        }
    }

    public EnergyCosts {
        if (!(addPicojoules >= 0) || !(multiplyPicojoules >= 0) || Double.isInfinite(addPicojoules)
                || Double.isInfinite(multiplyPicojoules)) {
            throw new IllegalArgumentException("operation costs must be finite and non-negative: add "
                    + addPicojoules + " pJ, multiply " + multiplyPicojoules + " pJ");
        }
        tiers = List.copyOf(tiers);
        if (tiers.isEmpty() || tiers.get(tiers.size() - 1).maxBytes() != Long.MAX_VALUE) {
            throw new IllegalArgumentException("the last memory tier must hold arrays of any size");
        }
        for (int t = 1; t < tiers.size(); t++) {
            if (tiers.get(t).maxBytes() <= tiers.get(t - 1).maxBytes()) {
                throw new IllegalArgumentException("memory tiers must grow in size");
            }
        }
    }

    /** One access of {@code widthBits} bits to an array of {@code arrayBytes} bytes. */
    public double accessPicojoules(long arrayBytes, int widthBits) {
        for (MemoryTier t : tiers) {
            if (arrayBytes <= t.maxBytes()) {
                return t.picojoulesPer32Bits() * widthBits / 32.0;
            }
        }
        throw new AssertionError("the last tier holds any size");
    }

    /** The arithmetic of {@code c}. */
    public double arithmeticPicojoules(OperationCounts c) {
        return c.adds() * addPicojoules + c.multiplies() * multiplyPicojoules;
    }

    /** The memory accesses of {@code c}. */
    public double memoryPicojoules(OperationCounts c) {
        double pj = 0;
        for (MemoryAccess a : c.accesses()) {
            pj += a.count() * accessPicojoules(a.arrayBytes(), a.widthBits());
        }
        return pj;
    }

    /** All of {@code c}: arithmetic and memory. */
    public double picojoules(OperationCounts c) {
        return arithmeticPicojoules(c) + memoryPicojoules(c);
    }

    /** Picojoules of {@code c} by part: {@code arithmetic}, then each array in order of first access. */
    public Map<String, Double> breakdown(OperationCounts c) {
        Map<String, Double> parts = new LinkedHashMap<>();
        parts.put("arithmetic", arithmeticPicojoules(c));
        for (MemoryAccess a : c.accesses()) {
            parts.merge(a.array(), a.count() * accessPicojoules(a.arrayBytes(), a.widthBits()), Double::sum);
        }
        return parts;
    }
}
