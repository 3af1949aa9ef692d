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
 * shift and a mask, then, for each vector of the batch, looked up in the codebook scaled by its input, held in one
 * or two vectors (codebooks of at most 2L values; larger ones, and rows' last entries, go the scalar way). Same
 * bits as {@link ScalarImRowProduct}.
 */
final class VectorImRowProduct extends ImRowProduct {
    private static final VectorSpecies<Float> F = FloatVector.SPECIES_PREFERRED.vectorBitSize() > 512
            ? FloatVector.SPECIES_512 : FloatVector.SPECIES_PREFERRED;
    private static final int L = F.length();
    private static final VectorSpecies<Integer> I = IntVector.SPECIES_PREFERRED.withShape(F.vectorShape());
    /** L 16-bit lanes: one pair of bytes per entry. */
    private static final VectorSpecies<Short> S = ShortVector.SPECIES_PREFERRED.withShape(pairShape());
    private static final VectorSpecies<Byte> B = ByteVector.SPECIES_PREFERRED.withShape(pairShape());
    /** Widest index the lookup takes: a codebook of 2L values. */
    private static final int MAX_WIDTH = Integer.numberOfTrailingZeros(2 * L);
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
        // Eight lanes at least (AVX2 or better); the bytes of L entries (at most L * MAX_WIDTH / 8 + 2) fit in 2L.
        return L >= 8 && S.length() == L && B.length() == 2 * L && I.length() == L;
    }

    @Override
    void multiply(byte[] bits, int width, int rows, int cols, float[] codebook, float[] xt, int batch, float[] y,
                  int c0, int c1, boolean sparse) {
        if (width > MAX_WIDTH || codebook.length > 2 * L || !usable()) {
            scalar().multiply(bits, width, rows, cols, codebook, xt, batch, y, c0, c1, sparse);
            return;
        }
        float[] table = Arrays.copyOf(codebook, 2 * L);
        FloatVector low = FloatVector.fromArray(F, table, 0);
        FloatVector high = FloatVector.fromArray(F, table, L);
        boolean two = codebook.length > L;
        short mask = (short) ((1 << width) - 1);
        int step = L * width;
        int down = 64 - width;
        if (batch == 1) {
            one(bits, width, rows, cols, low, high, two, codebook, xt, y, c0, c1);
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
                    IntVector index = unpack(bits, pos, pair, shift, mask);
                    if (two) {
                        VectorShuffle<Float> lane = index.and(L - 1).toShuffle().cast(F);
                        VectorMask<Float> upper = index.compare(VectorOperators.GE, L).cast(F);
                        for (int b = 0, a = t; b < batch; b++, a += tile) {
                            float x = xt[xi + b];
                            FloatVector c = low.mul(x).rearrange(lane).blend(high.mul(x).rearrange(lane), upper);
                            FloatVector.fromArray(F, acc, a).add(c).intoArray(acc, a);
                        }
                    } else {
                        VectorShuffle<Float> lane = index.toShuffle().cast(F);
                        for (int b = 0, a = t; b < batch; b++, a += tile) {
                            FloatVector c = low.mul(xt[xi + b]).rearrange(lane);
                            FloatVector.fromArray(F, acc, a).add(c).intoArray(acc, a);
                        }
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

    /** One vector: each row's codebook scaled once, then a lookup and an add per L entries. */
    private static void one(byte[] bits, int width, int rows, int cols, FloatVector low, FloatVector high, boolean two,
                            float[] codebook, float[] x, float[] y, int c0, int c1) {
        int n = c1 - c0;
        float[] acc = new float[n];
        short mask = (short) ((1 << width) - 1);
        int step = L * width;
        int down = 64 - width;
        for (int i = 0; i < rows; i++) {
            float xi = x[i];
            FloatVector scaledLow = low.mul(xi);
            FloatVector scaledHigh = high.mul(xi);
            long pos = ((long) i * cols + c0) * width;
            int s = (int) pos & 7;
            VectorShuffle<Byte> pair = PAIRS[width][s];
            ShortVector shift = SHIFTS[width][s];
            int t = 0;
            for (; t + L <= n; t += L, pos += step) {
                IntVector index = unpack(bits, pos, pair, shift, mask);
                FloatVector c;
                if (two) {
                    VectorShuffle<Float> lane = index.and(L - 1).toShuffle().cast(F);
                    c = scaledLow.rearrange(lane).blend(scaledHigh.rearrange(lane),
                            index.compare(VectorOperators.GE, L).cast(F));
                } else {
                    c = scaledLow.rearrange(index.toShuffle().cast(F));
                }
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
}
