package org.sham4j.core.format;

/**
 * Base of the Huffman-coded formats (HAM, sHAM, gsham): the codebook of their values, and the
 * {@link BlockIndex} of where each block of columns starts in their coded streams, which sets the blocks
 * of a product.
 */
public abstract class HuffmanBlockedMatrix extends ColumnBlockedMatrix {
    protected final HuffmanCodebook codebook;
    protected final BlockIndex blocks;

    protected HuffmanBlockedMatrix(int rows, int cols, HuffmanCodebook codebook, BlockIndex blocks) {
        super(rows, cols);
        this.codebook = codebook;
        this.blocks = blocks;
    }

    @Override
    protected final int blockCount() {
        return blocks.blocks();
    }
}
