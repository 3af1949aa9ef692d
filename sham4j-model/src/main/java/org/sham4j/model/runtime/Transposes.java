package org.sham4j.model.runtime;

/** Transposing copies of row-major blocks, tile by tile so that both sides stay in cache. */
final class Transposes {
    private static final int TILE = 16;

    private Transposes() {
    }

    /**
     * dst[dOff + j*ldd + i] = src[sOff + i*lds + j] for i &lt; rows, j &lt; cols: the rows x cols block of src
     * (row stride lds) written transposed into dst (row stride ldd).
     */
    static void copy(float[] src, int sOff, int lds, int rows, int cols, float[] dst, int dOff, int ldd) {
        for (int i0 = 0; i0 < rows; i0 += TILE) {
            int i1 = Math.min(rows, i0 + TILE);
            for (int j0 = 0; j0 < cols; j0 += TILE) {
                int j1 = Math.min(cols, j0 + TILE);
                for (int i = i0; i < i1; i++) {
                    int s = sOff + i * lds;
                    for (int j = j0; j < j1; j++) {
                        dst[dOff + j * ldd + i] = src[s + j];
                    }
                }
            }
        }
    }
}
