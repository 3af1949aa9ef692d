/**
 * An energy model of products on stored matrices, after the sHAM papers: a computation is counted as float32
 * additions, multiplications and memory accesses ({@link org.sham4j.core.energy.OperationCounts}), which a cost
 * table prices ({@link org.sham4j.core.energy.EnergyCosts#HOROWITZ_45NM}: add 0.9 pJ, multiply 3.7 pJ, a 32-bit
 * access 5, 10, 50 or 1000 pJ for an array of at most 8 KB, 32 KB, 1 MB or more; a w-bit access w/32 of that).
 * Each format counts one product y = x<sup>T</sup>W from its own stored structure
 * ({@link org.sham4j.core.format.CompressedMatrix#productCounts()}).
 *
 * <p>Assumptions, for an n x m matrix W with s stored non-zeros, x of n floats and y of m floats:
 * <ul>
 * <li>An array costs by its size in bytes as the format holds it; registers (accumulators, loop counters, the
 *     current words of a bit stream) are free; integer work, comparisons and branches are not counted.</li>
 * <li>A zero that a format stores (dense, IM, HAM, CSER's implicit value) costs the reads that find it but no
 *     arithmetic and no read of x.</li>
 * <li>Every 64-bit word of a bit stream is read once. A Huffman codeword costs one lookup in its decoder's table
 *     of 2<sup>t</sup> int32 entries (t = min(longest codeword, 11)), a second one for a codeword longer than t,
 *     and two reads per length tried for the rare codewords longer than the second-level table.</li>
 * <li>Column formats (dense, IM, HAM, sHAM, gsham, CSC) sum each output in a register and write it once; row
 *     formats (CSR, COO, CSER) clear y, then each update reads, adds to and writes one y[j].</li>
 * <li>What serves threads or speed only (block indexes, per-thread accumulators, multi-codeword decoding tables,
 *     batch layouts) is not counted: the counts are those of the format's algorithm on one thread.</li>
 * </ul>
 * Unlike the reference implementation, HAM's figure has no stray n·m term.
 */
package org.sham4j.core.energy;
