package org.sham4j.core.energy;

import java.util.ArrayList;
import java.util.List;

/**
 * The arithmetic and memory traffic of a computation: float32 additions and multiplications, and the accesses to
 * each array it reads or writes (one entry per array and access width). Integer and bit operations (indexing,
 * shifts, comparisons) are not counted.
 */
public record OperationCounts(long adds, long multiplies, List<MemoryAccess> accesses) {
    /** Nothing at all. */
    public static final OperationCounts NONE = new OperationCounts(0, 0, List.of());

    public OperationCounts {
        if (adds < 0 || multiplies < 0) {
            throw new IllegalArgumentException("negative operation count: " + adds + " adds, " + multiplies
                    + " multiplies");
        }
        accesses = List.copyOf(accesses);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Accesses of every array. */
    public long accessCount() {
        long n = 0;
        for (MemoryAccess a : accesses) {
            n += a.count();
        }
        return n;
    }

    /** Accesses to the arrays of that name (any size or width). */
    public long accessCount(String array) {
        long n = 0;
        for (MemoryAccess a : accesses) {
            if (a.array().equals(array)) {
                n += a.count();
            }
        }
        return n;
    }

    /** Both computations, one after the other. */
    public OperationCounts plus(OperationCounts other) {
        Builder b = builder().add(adds + other.adds).multiply(multiplies + other.multiplies);
        accesses.forEach(b::access);
        other.accesses.forEach(b::access);
        return b.build();
    }

    /** The computation run {@code times} times. */
    public OperationCounts times(long times) {
        if (times < 0) {
            throw new IllegalArgumentException("negative repeat count " + times);
        }
        Builder b = builder().add(Math.multiplyExact(adds, times)).multiply(Math.multiplyExact(multiplies, times));
        for (MemoryAccess a : accesses) {
            b.access(a.array(), a.arrayBytes(), a.widthBits(), Math.multiplyExact(a.count(), times));
        }
        return b.build();
    }

    /** Collects counts; accesses to the same array at the same width add up, and zero counts are dropped. */
    public static final class Builder {
        private long adds;
        private long multiplies;
        private final List<MemoryAccess> accesses = new ArrayList<>();

        private Builder() {
        }

        /** Adds {@code n} float32 additions. */
        public Builder add(long n) {
            adds = Math.addExact(adds, n);
            return this;
        }

        /** Adds {@code n} float32 multiplications. */
        public Builder multiply(long n) {
            multiplies = Math.addExact(multiplies, n);
            return this;
        }

        /** Adds {@code count} accesses of {@code widthBits} bits to an array of {@code arrayBytes} bytes. */
        public Builder access(String array, long arrayBytes, int widthBits, long count) {
            return access(new MemoryAccess(array, arrayBytes, widthBits, count));
        }

        /** Adds the accesses of {@code a}. */
        public Builder access(MemoryAccess a) {
            if (a.count() == 0) {
                return this;
            }
            for (int k = 0; k < accesses.size(); k++) {
                MemoryAccess old = accesses.get(k);
                if (old.sameArray(a)) {
                    accesses.set(k, new MemoryAccess(a.array(), a.arrayBytes(), a.widthBits(),
                            Math.addExact(old.count(), a.count())));
                    return this;
                }
            }
            accesses.add(a);
            return this;
        }

        public OperationCounts build() {
            return new OperationCounts(adds, multiplies, accesses);
        }
    }
}
