package org.sham4j.core.format;

import java.io.IOException;
import org.sham4j.core.bits.BitWriter;
import org.sham4j.core.bits.Bits;

/**
 * Where each block of consecutive columns starts in a sequentially coded stream, so that threads can
 * decode blocks independently. Columns are split evenly into blocks; for every block but the first (whose
 * values are all 0) it records a few non-decreasing fields, such as a bit offset, each stored as the steps
 * between consecutive blocks packed at the fewest bits that hold the largest step.
 */
public final class BlockIndex {
    /** Coded bits per block the index aims at: its cost stays near 0.02 % of the stream. */
    private static final long BITS_PER_BLOCK = 1 << 17;
    private static final int MAX_BLOCKS = 64;

    private final int cols;
    private final long[][] fields;

    private BlockIndex(int cols, long[][] fields) {
        this.cols = cols;
        this.fields = fields;
    }

    /** How many blocks a stream of {@code codedBits} bits over {@code cols} columns gets. */
    public static int blocksFor(int cols, long codedBits) {
        long b = Math.min(MAX_BLOCKS, Math.max(1, codedBits / BITS_PER_BLOCK));
        return (int) Math.max(1, Math.min(cols, b));
    }

    /** First column of block b (b may equal the block count, giving cols). */
    public static int startColumn(int cols, int blocks, int b) {
        return (int) ((long) cols * b / blocks);
    }

    /** An index over {@code fields[f][b]}, b in 0..blocks-1, where fields[f][0] must be 0. */
    public static BlockIndex of(int cols, long[][] fields) {
        return new BlockIndex(cols, fields);
    }

    /** Refuses an index whose block count is not the one {@link #blocksFor} gives for the stream. */
    public void checkBlockCount(long codedBits) throws IOException {
        PayloadInput.check(blocks() == blocksFor(cols, codedBits), "block count " + blocks() + ", the writer makes "
                + blocksFor(cols, codedBits) + " for " + codedBits + " coded bits");
    }

    public int blocks() {
        return fields[0].length;
    }

    public int startColumn(int b) {
        return startColumn(cols, blocks(), b);
    }

    public long get(int field, int block) {
        return fields[field][block];
    }

    public void write(PayloadOutput out) {
        out.part(SizeBreakdown.CODE_TABLES);
        out.writeVarLong(blocks());
        for (long[] f : fields) {
            long max = 0;
            for (int b = 1; b < f.length; b++) {
                max = Math.max(max, f[b] - f[b - 1]);
            }
            int width = Bits.widthFor(max);
            out.writeByte(width);
            BitWriter w = new BitWriter();
            for (int b = 1; b < f.length; b++) {
                w.write(f[b] - f[b - 1], width);
            }
            out.writeBits(w.toWords(), w.bitLength());
        }
    }

    /**
     * Reads an index of {@code maxValues.length} fields, checking each value lies in 0..maxValues[f] and
     * never decreases from block to block.
     */
    public static BlockIndex read(PayloadInput in, int cols, long[] maxValues) throws IOException {
        int blocks = in.readCount("block count", Math.min(MAX_BLOCKS, Math.max(1, cols)));
        PayloadInput.check(blocks >= 1, "block count 0");
        long[][] fields = new long[maxValues.length][blocks];
        for (int f = 0; f < maxValues.length; f++) {
            int width = in.readByte();
            PayloadInput.check(width <= 63, "block index width " + width);
            long[] words = in.readBits((long) (blocks - 1) * width, "block index");
            long largest = 0;
            for (int b = 1; b < blocks; b++) {
                long step = width == 0 ? 0 : Bits.read(words, (long) (b - 1) * width, width);
                long v = fields[f][b - 1] + step;
                PayloadInput.check(step <= maxValues[f] && v <= maxValues[f], "block index value out of range");
                fields[f][b] = v;
                largest = Math.max(largest, step);
            }
            PayloadInput.check(width == Bits.widthFor(largest), "block index width " + width + " is not the fewest "
                    + "bits of its largest step");
        }
        return new BlockIndex(cols, fields);
    }
}
