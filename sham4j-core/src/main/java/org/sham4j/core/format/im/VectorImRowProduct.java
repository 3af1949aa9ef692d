package org.sham4j.core.format.im;

import java.util.Arrays;
import jdk.incubator.vector.ByteVector;
import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.IntVector;
import jdk.incubator.vector.ShortVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorShape;
import jdk.incubator.vector.VectorShuffle;
import jdk.incubator.vector.VectorSpecies;
import org.sham4j.core.bits.ByteBits;

/**
 * The row-by-row index-map product on the Vector API: L entries of a row at a time (L float lanes), their
 * indices unpacked by one byte permutation (each lane gets the two bytes that hold its index), one variable
 * shift and a mask, their codebook values looked up by lane permutations of the codebook held in up to eight
 * vectors (codebooks of at most 8L values, at most 128; larger ones, and rows' last entries, go the scalar way),
 * then multiplied by each vector's input and added to its sums. Same bits as {@link ScalarImRowProduct}: each
 * term is the codebook value times the input, rounded, added in row order.
 */
final class VectorImRowProduct extends ImRowProduct {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.vectorBitSize() > 512
            ? FloatVector.SPECIES_512 : FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED.withShape(F.vectorShape());
    /** L 16-bit lanes: one pair of bytes per entry. */
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_PREFERRED.withShape(pairShape());
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_PREFERRED.withShape(pairShape());
    /** Vectors of codebook values a lookup takes at most (each one more permutation and blend). */
    private static final int MAX_TABLES = 8;
    /** Widest index the lookup takes: a codebook of 8L values, and at most 7 bits (a lane's byte pair holds it). */
    private static final int MAX_WIDTH = Math.min(7, Integer.numberOfTrailingZeros(MAX_TABLES * L));
    /** PAIRS[w][s]: for an index width w and a row starting at bit s of its first byte, each lane's byte pair. */
    private static final VectorShuffle<Byte>[][] PAIRS = pairs();
    /** SHIFTS[w][s]: how far each lane's 16 bits are shifted right to leave its index at the bottom. */
    private static final ShortVector[][] SHIFTS = shifts();

    private static VectorShape pairShape() {
        return VectorShape.forBitSize(16 * L);
    }

    @SuppressWarnings("unchecked")
    private static VectorShuffle<Byte>[][] pairs() {
        VectorShuffle<Byte>[][] p = new VectorShuffle[MAX_WIDTH + 1][8];
        for (int w = 1; w <= MAX_WIDTH; w++) {
            for (int s = 0; s < 8; s++) {
                int[] src = new int[2 * L];
                for (int t = 0; t < L; t++) {
                    int first = (s + t * w) >>> 3;
                    // A 16-bit lane is little-endian: its low byte is the later one in the MSB-first stream.
                    src[2 * t] = first + 1;
                    src[2 * t + 1] = first;
                }
                p[w][s] = VectorShuffle.fromArray(B, src, 0);
            }
        }
        return p;
    }

    private static ShortVector[][] shifts() {
        ShortVector[][] v = new ShortVector[MAX_WIDTH + 1][8];
        for (int w = 1; w <= MAX_WIDTH; w++) {
            for (int s = 0; s < 8; s++) {
                short[] sh = new short[L];
                for (int t = 0; t < L; t++) {
                    sh[t] = (short) (16 - w - ((s + t * w) & 7));
                }
                v[w][s] = ShortVector.fromArray(S, sh, 0);
            }
        }
        return v;
    }

    @Override
    boolean usable() {
        // Eight lanes at least (AVX2 or better); the bytes of L entries (at most (7 + (L - 1) * 7) / 8 + 2) fit in 2L.
        return L >= 8 && S.length() == L && B.length() == 2 * L && I.length() == L;
    }

    @Override
    void multiply(byte[] bits, int width, int rows, int cols, float[] codebook, float[] xt, int batch, float[] y,
                  int c0, int c1, boolean sparse) {
        int tables = (codebook.length + L - 1) / L;
        if (width > MAX_WIDTH || tables > MAX_TABLES || !usable()) {
            scalar().multiply(bits, width, rows, cols, codebook, xt, batch, y, c0, c1, sparse);
            return;
        }
        float[] table = Arrays.copyOf(codebook, tables * L);
        short mask = (short) ((1 << width) - 1);
        int step = L * width;
        int down = 64 - width;
        if (batch == 1) {
            one(bits, width, rows, cols, table, tables, codebook, xt, y, c0, c1);
            return;
        }
        int tile = tile(c1 - c0, batch);
        float[] acc = new float[batch * tile];
        for (int j0 = c0; j0 < c1; j0 += tile) {
            int n = Math.min(tile, c1 - j0);
            Arrays.fill(acc, 0f);
            for (int i = 0; i < rows; i++) {
                long pos = ((long) i * cols + j0) * width;
                int s = (int) pos & 7;
                VectorShuffle<Byte> pair = PAIRS[width][s];
                ShortVector shift = SHIFTS[width][s];
                int xi = i * batch;
                int t = 0;
                for (; t + L <= n; t += L, pos += step) {
                    FloatVector c = lookup(table, tables, unpack(bits, pos, pair, shift, mask));
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

    /** One vector: each row's codebook scaled by its input once, then a lookup and an add per L entries. */
    private static void one(byte[] bits, int width, int rows, int cols, float[] table, int tables, float[] codebook,
                            float[] x, float[] y, int c0, int c1) {
        int n = c1 - c0;
        float[] acc = new float[n];
        float[] scaled = new float[table.length];
        short mask = (short) ((1 << width) - 1);
        int step = L * width;
        int down = 64 - width;
        for (int i = 0; i < rows; i++) {
            float xi = x[i];
            for (int q = 0; q < table.length; q += L) {
                FloatVector.fromArray(F, table, q).mul(xi).intoArray(scaled, q);
            }
            long pos = ((long) i * cols + c0) * width;
            int s = (int) pos & 7;
            VectorShuffle<Byte> pair = PAIRS[width][s];
            ShortVector shift = SHIFTS[width][s];
            int t = 0;
            for (; t + L <= n; t += L, pos += step) {
                FloatVector c = lookup(scaled, tables, unpack(bits, pos, pair, shift, mask));
                FloatVector.fromArray(F, acc, t).add(c).intoArray(acc, t);
            }
            for (; t < n; t++, pos += width) {
                acc[t] += xi * codebook[(int) (ByteBits.window(bits, pos) >>> down)];
            }
        }
        System.arraycopy(acc, 0, y, c0, n);
    }

    /** The L indices from bit {@code pos}: each lane's byte pair, shifted and masked. */
    private static IntVector unpack(byte[] bits, long pos, VectorShuffle<Byte> pair, ShortVector shift, short mask) {
        ShortVector sv = ByteVector.fromArray(B, bits, (int) (pos >>> 3)).rearrange(pair)
                .reinterpretAsShorts().lanewise(VectorOperators.LSHR, shift).and(mask);
        return (IntVector) sv.convertShape(VectorOperators.S2I, I, 0);
    }

    /** table[index] per lane: a permutation of each L values of the table, the lanes past each kept from it. */
    private static FloatVector lookup(float[] table, int tables, IntVector index) {
        VectorShuffle<Float> lane = index.and(L - 1).toShuffle().cast(F);
        FloatVector c = FloatVector.fromArray(F, table, 0).rearrange(lane);
        for (int q = 1; q < tables; q++) {
            VectorMask<Float> past = index.compare(VectorOperators.GE, q * L).cast(F);
            c = c.blend(FloatVector.fromArray(F, table, q * L).rearrange(lane), past);
        }
        return c;
    }
}
