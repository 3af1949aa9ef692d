package org.sham4j.core.format.im;

import java.util.Arrays;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.sham4j.core.bits.ByteBits;

/**
 * The row-by-row index-map product on the Vector API: L entries of a row at a time (L float lanes), their indices
 * unpacked by one byte permutation (each lane gets the four bytes that hold its index), one variable shift and a
 * mask; their codebook values looked up by lane permutations of the codebook held in up to eight vectors (codebooks
 * of at most 128 values, on JDK 25 or later, where a permutation is one instruction) or else gathered from the
 * codebook; then multiplied by each vector's input and added to its sums (in a sparse matrix, runs of L zero
 * entries are skipped). Indices of up to 24 bits; wider ones, and rows' last entries, go the scalar way. Same bits
 * as {@link ScalarImRowProduct} for finite inputs: each term is the codebook value times the input, rounded, added
 * in row order.
 */
final class VectorImRowProduct extends ImRowProduct {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.vectorBitSize() > 512
            ? FloatVector.SPECIES_512 : FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED.withShape(F.vectorShape());
    /** 4L bytes: four per lane. */
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_PREFERRED.withShape(VectorShape.forBitSize(32 * L));
    /** Widest index: a lane's four bytes hold it at any of the eight bit offsets. */
    private static final int MAX_WIDTH = 24;
    /** Vectors of codebook values a permutation lookup takes at most (each one more permutation and blend). */
    private static final int MAX_TABLES = 8;
    /** QUADS[w][s]: for an index width w and a row starting at bit s of its first byte, each lane's four bytes. */
    private static final VectorShuffle<Byte>[][] QUADS = quads();
    /** SHIFTS[w][s]: how far each lane's 32 bits are shifted right to leave its index at the bottom. */
    private static final IntVector[][] SHIFTS = shifts();

    /** Whether codebooks of up to MAX_TABLES * L values are looked up by permutation rather than gathered. */
    private final boolean permute;

    /** Permuting codebook values ({@code permute}: fast on JDK 25 or later) or gathering them. */
    VectorImRowProduct(boolean permute) {
        this.permute = permute;
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Byte>[][] quads() {
        VectorShuffle<Byte>[][] p = new VectorShuffle[MAX_WIDTH + 1][8];
        for (int w = 1; w <= MAX_WIDTH; w++) {
            for (int s = 0; s < 8; s++) {
                int[] src = new int[4 * L];
                for (int t = 0; t < L; t++) {
                    int first = (s + t * w) >>> 3;
                    // A 32-bit lane is little-endian: its low byte is the last of the four in the MSB-first stream.
                    for (int q = 0; q < 4; q++) {
                        src[4 * t + q] = first + 3 - q;
                    }
                }
                p[w][s] = VectorShuffle.fromArray(B, src, 0);
            }
        }
        return p;
    }

    private static IntVector[][] shifts() {
        IntVector[][] v = new IntVector[MAX_WIDTH + 1][8];
        for (int w = 1; w <= MAX_WIDTH; w++) {
            for (int s = 0; s < 8; s++) {
                int[] sh = new int[L];
                for (int t = 0; t < L; t++) {
                    sh[t] = 32 - w - ((s + t * w) & 7);
                }
                v[w][s] = IntVector.fromArray(I, sh, 0);
            }
        }
        return v;
    }

    @Override
    boolean usable() {
        // Eight lanes at least (AVX2 or better); the bytes of L entries, at most (7 + (L - 1) * 24) / 8 + 4, fit in 4L.
        return L >= 8 && B.length() == 4 * L && I.length() == L;
    }

    @Override
    void multiply(byte[] bits, int width, int rows, int cols, float[] codebook, float[] xt, int batch, float[] y,
                  int c0, int c1, double density) {
        if (width > MAX_WIDTH || !usable()) {
            scalar().multiply(bits, width, rows, cols, codebook, xt, batch, y, c0, c1, density);
            return;
        }
        int tables = (codebook.length + L - 1) / L;
        // Permuted tables (padded to whole vectors), or null: gathered from the codebook.
        float[] table = permute && tables <= MAX_TABLES ? Arrays.copyOf(codebook, tables * L) : null;
        // In a sparse map, runs of L zero entries are skipped (their terms add nothing to finite sums).
        int zero = density <= SPARSE ? zeroIndex(codebook) : -1;
        if (batch == 1) {
            one(bits, width, rows, cols, table, codebook, zero, xt, y, c0, c1);
            return;
        }
        int mask = (1 << width) - 1;
        int step = L * width;
        int down = 64 - width;
        int[] lanes = new int[L];
        int tile = tile(c1 - c0, batch);
        float[] acc = new float[batch * tile];
        for (int j0 = c0; j0 < c1; j0 += tile) {
            int n = Math.min(tile, c1 - j0);
            Arrays.fill(acc, 0f);
            for (int i = 0; i < rows; i++) {
                long pos = ((long) i * cols + j0) * width;
                int s = (int) pos & 7;
                VectorShuffle<Byte> quad = QUADS[width][s];
                IntVector shift = SHIFTS[width][s];
                int xi = i * batch;
                int t = 0;
                for (; t + L <= n; t += L, pos += step) {
                    IntVector index = unpack(bits, pos, quad, shift, mask);
                    if (zero >= 0 && index.compare(VectorOperators.EQ, zero).allTrue()) {
                        continue;
                    }
                    FloatVector c = lookup(table, codebook, lanes, index);
                    for (int b = 0, a = t; b < batch; b++, a += tile) {
                        FloatVector.fromArray(F, acc, a).add(c.mul(xt[xi + b])).intoArray(acc, a);
                    }
                }
                for (; t < n; t++, pos += width) {
                    float v = codebook[(int) (ByteBits.window(bits, pos) >>> down)];
                    for (int b = 0, a = t; b < batch; b++, a += tile) {
                        acc[a] += xt[xi + b] * v;
                    }
                }
            }
            store(acc, tile, batch, y, cols, j0, n);
        }
    }

    /**
     * One vector: permuted tables are scaled by each row's input once, then a lookup and an add per L entries;
     * gathered values are multiplied by it.
     */
    private static void one(byte[] bits, int width, int rows, int cols, float[] table, float[] codebook, int zero,
                            float[] x, float[] y, int c0, int c1) {
        int n = c1 - c0;
        float[] acc = new float[n];
        float[] scaled = table == null ? null : new float[table.length];
        int[] lanes = new int[L];
        int mask = (1 << width) - 1;
        int step = L * width;
        int down = 64 - width;
        for (int i = 0; i < rows; i++) {
            float xi = x[i];
            for (int q = 0; scaled != null && q < scaled.length; q += L) {
                FloatVector.fromArray(F, table, q).mul(xi).intoArray(scaled, q);
            }
            long pos = ((long) i * cols + c0) * width;
            int s = (int) pos & 7;
            VectorShuffle<Byte> quad = QUADS[width][s];
            IntVector shift = SHIFTS[width][s];
            int t = 0;
            for (; t + L <= n; t += L, pos += step) {
                IntVector index = unpack(bits, pos, quad, shift, mask);
                if (zero >= 0 && index.compare(VectorOperators.EQ, zero).allTrue()) {
                    continue;
                }
                FloatVector c = scaled != null ? permute(scaled, index)
                        : gather(codebook, lanes, index).mul(xi);
                FloatVector.fromArray(F, acc, t).add(c).intoArray(acc, t);
            }
            for (; t < n; t++, pos += width) {
                acc[t] += xi * codebook[(int) (ByteBits.window(bits, pos) >>> down)];
            }
        }
        System.arraycopy(acc, 0, y, c0, n);
    }

    /** The L indices from bit {@code pos}: each lane's four bytes, shifted and masked. */
    private static IntVector unpack(byte[] bits, long pos, VectorShuffle<Byte> quad, IntVector shift, int mask) {
        return ByteVector.fromArray(B, bits, (int) (pos >>> 3)).rearrange(quad).reinterpretAsInts()
                .lanewise(VectorOperators.LSHR, shift).and(mask);
    }

    /** codebook[index] per lane: permuted from the tables, or gathered when there are none. */
    private static FloatVector lookup(float[] table, float[] codebook, int[] lanes, IntVector index) {
        return table != null ? permute(table, index) : gather(codebook, lanes, index);
    }

    /** table[index] per lane: a permutation of each L values of the table, the lanes past each kept from it. */
    private static FloatVector permute(float[] table, IntVector index) {
        VectorShuffle<Float> lane = index.and(L - 1).toShuffle().cast(F);
        FloatVector c = FloatVector.fromArray(F, table, 0).rearrange(lane);
        for (int q = L; q < table.length; q += L) {
            VectorMask<Float> past = index.compare(VectorOperators.GE, q).cast(F);
            c = c.blend(FloatVector.fromArray(F, table, q).rearrange(lane), past);
        }
        return c;
    }

    /** codebook[index] per lane, gathered (the indices go through {@code lanes}). */
    private static FloatVector gather(float[] codebook, int[] lanes, IntVector index) {
        index.intoArray(lanes, 0);
        return FloatVector.fromArray(F, codebook, 0, lanes, 0);
    }
}
