package org.sham4j.core.quant;

/** A fitted codebook and the rule that maps a weight to one of its entries. */
interface Codes {
    /** The shared values, strictly ascending. */
    float[] codebook();

    /** Index in the codebook of the value that replaces weight w (w is one of the fitted weights). */
    int code(float w);

    /** Index of the last entry of a strictly ascending array that is at most x; 0 if none is. */
    static int floorIndex(float[] sorted, float x) {
        int lo = 0;
        int hi = sorted.length - 1;
        while (lo < hi) {
            int mid = (lo + hi + 1) >>> 1;
            if (sorted[mid] <= x) {
                lo = mid;
            } else {
                hi = mid - 1;
            }
        }
        return lo;
    }
}
