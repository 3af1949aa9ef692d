package org.sham4j.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.sham4j.core.energy.EnergyCosts;
import org.sham4j.core.energy.OperationCounts;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * The energy of one product on a 4 x 3 matrix, counted by hand for every format. Every array but gsham's entry
 * table (16 KB: 10 pJ per 32 bits) is under 8 KB, so a 32-bit access costs 5 pJ (a w-bit one 5w/32 pJ); an add
 * 0.9 pJ, a multiply 3.7 pJ.
 */
class ProductCountsTest {
    /**
     * s = 5 non-zeros (value 2 four times, 1 once), 7 zeros; in column order (row, value): column 0 (1, 2), (3, 2);
     * column 1 (0, 2); column 2 (1, 2), (2, 1).
     */
    private static final SparseMatrix W = SparseMatrix.fromDense(new DenseMatrix(4, 3, new float[] {
        0, 2, 0,
        2, 0, 2,
        0, 0, 1,
        2, 0, 0}));
    /** Column sums of s = 5 non-zeros: 5 multiplies, 5 adds. */
    private static final double SUMS = 5 * 3.7 + 5 * 0.9;

    /** Picojoules of one product, by format, with the hand count behind each. */
    private static final Map<String, Double> HAND = Map.of(
            // 12 weights, 5 x, 3 y: 20 accesses
            "dense", 20 * 5 + SUMS,
            // 4 column pointers, 5 row indices, 5 values, 5 x, 3 y: 22 accesses
            "csc", 22 * 5 + SUMS,
            // 5 row pointers, 4 x, 5 column indices, 5 values; y cleared (3) then read and written 5 times (10)
            "csr", (5 + 4 + 5 + 5 + 13) * 5 + SUMS,
            // 5 rows, 5 columns, 5 values, 5 x, 13 y
            "coo", (5 + 5 + 5 + 5 + 13) * 5 + SUMS,
            // k = 3 (0, 1, 2): 12 two-bit indices at 5 * 2/32 pJ; codebook read for 5 non-zeros; 5 x; 3 y
            "im", 12 * 5 * 2 / 32.0 + (5 + 5 + 3) * 5 + SUMS,
            // Huffman 0 -> 1 bit (7), 2 and 1 -> 2 bits (4 + 1): 17 bits, one 64-bit word (10 pJ); zero is "0",
            // so each run of zeros is counted over and only the 5 non-zeros looked up in a 4-entry table; codebook
            // for 5 non-zeros; 5 x; 3 y
            "ham", 10 + (5 + 5 + 5 + 3) * 5 + SUMS,
            // 1-bit codewords in 4 lanes of 2, 1, 1, 1 bits; 4 column pointers (3 columns + 1 block) of 3 bits;
            // 5 row indices as 16-bit values (4 rows); a chunk of 5 is too short for run lookups (4 lanes x 4
            // codewords), so 5 single lookups, each from a 64-bit window of the lanes' bits (5 x 10 pJ), and 5
            // codebook reads; 5 values written to the chunk buffer and read back (10); 5 x; 3 y
            "sham", 5 * 10 + 4 * 5 * 3 / 32.0 + 5 * 5 * 16 / 32.0 + (5 + 5 + 10 + 5 + 3) * 5 + SUMS,
            // gaps 1, 1, 0, 4, 0; the cheapest gap code has 1 mantissa bit (47 bits against 49 and 50): gap
            // symbols 1, 1, 0, 3, 0, one raw bit for the 4; 8 + 1 + 5 = 14 bits, one word (10 pJ); every non-zero
            // (at most 2 + 1 + 1 bits) resolved by one 64-bit lookup in the 16 KB entry table (2 x 10 pJ), then a
            // codebook read; 5 x; 3 y
            "gsham", 10 + 5 * (20 + 5) + (5 + 3) * 5 + SUMS,
            // implicit 0; groups: row 0 {2: [1]}, row 1 {2: [0, 2]}, row 2 {1: [2]}, row 3 {2: [0]}: 4 groups, 5
            // listed; 5 row pointers, 4 x, 4 group values, 4 codebook, 5 group pointers, 5 columns, 3 + 10 y;
            // 4 multiplies (one per group), 5 adds
            "cser", (5 + 4 + 4 + 4 + 5 + 5 + 13) * 5 + 4 * 3.7 + 5 * 0.9);

    @TestFactory
    Stream<DynamicTest> everyFormatMatchesTheHandCount() {
        assertEquals(Formats.all().size(), HAND.size(), "a hand count for every format");
        return Formats.all().stream().map(f -> DynamicTest.dynamicTest(f.name(), () -> assertEquals(
                HAND.get(f.name()), EnergyCosts.HOROWITZ_45NM.picojoules(f.encode(W).productCounts()), 1e-9)));
    }

    @Test
    void cserWithANonZeroImplicitValueAddsItTimesTheSumOfX() {
        // [[3, 3], [3, 0]]: implicit 3; one group (value 0, delta -3) of one entry in row 1
        CompressedMatrix c = Formats.byName("cser").encode(new DenseMatrix(2, 2, new float[] {3, 3, 3, 0}));
        OperationCounts n = c.productCounts();
        assertEquals(2 + 1 + 2, n.adds(), "sum of x, one listed update, omega * sum(x) into 2 outputs");
        assertEquals(1 + 1, n.multiplies(), "one per group, one for omega * sum(x)");
        assertEquals(2 + 2 * 3, n.accessCount("y"));
        // 3 row pointers, 2 x, 1 group value, 1 codebook, 2 group pointers, 1 column, 8 y
        assertEquals(18 * 5 + 2 * 3.7 + 5 * 0.9, EnergyCosts.HOROWITZ_45NM.picojoules(n), 1e-9);
    }

    @TestFactory
    Stream<DynamicTest> countsComeFromTheStoredStructureAlone() {
        List<DynamicTest> tests = new ArrayList<>();
        SparseMatrix[] cases = {RandomMatrices.random(21, 300, 200, 0.9, 16),
            RandomMatrices.random(22, 64, 700, 0.3, 200), RandomMatrices.random(23, 5, 0, 0, 4)};
        for (SparseMatrix m : cases) {
            for (MatrixFormat f : Formats.all()) {
                tests.add(DynamicTest.dynamicTest(f.name() + " " + m.rows() + "x" + m.cols(), () -> {
                    CompressedMatrix built = f.encode(m);
                    assertEquals(built.productCounts(), ShmFile.fromBytes(ShmFile.toBytes(built)).productCounts());
                }));
            }
        }
        return tests.stream();
    }

    @Test
    void columnFormatsMultiplyOncePerNonZero() {
        SparseMatrix m = RandomMatrices.random(24, 120, 90, 0.8, 8);
        for (String name : List.of("dense", "im", "ham", "sham", "gsham", "csc", "csr", "coo")) {
            OperationCounts n = Formats.byName(name).encode(m).productCounts();
            assertEquals(m.nnz(), n.multiplies(), name);
        }
    }

    @Test
    void hamLooksUpTheNonZerosWhereZeroIsOneBitAndEveryCodewordElsewhere() {
        // Half zeros: zero is codeword "0", and with 8 values no run of zeros outgrows a window's room.
        SparseMatrix half = RandomMatrices.random(27, 300, 200, 0.5, 8);
        OperationCounts a = Formats.byName("ham").encode(half).productCounts();
        assertEquals(half.nnz(), a.accessCount("decode table"));
        assertEquals(half.nnz(), a.accessCount("codebook"));
        // 99.5 % zeros with skewed values (codewords up to ~20 bits): runs past a window's room end in one more.
        SparseMatrix sparse = RandomMatrices.random(28, 3000, 300, 0.995, 60);
        OperationCounts b = Formats.byName("ham").encode(sparse).productCounts();
        long lookups = b.accessCount("decode table");
        assertTrue(lookups > sparse.nnz() && lookups < 2L * sparse.nnz(), lookups + " for " + sparse.nnz());
        // A tenth zeros: every entry's codeword is looked up.
        SparseMatrix dense = RandomMatrices.random(29, 100, 80, 0.1, 3);
        assertEquals(100 * 80, Formats.byName("ham").encode(dense).productCounts().accessCount("decode table"));
    }

    @Test
    void shamCountsRunLookupsSixteenBitRowsAndSingleCodewordsAsItsKernelDecodes() {
        // Two values: 1-bit codewords, so a run lookup (10-bit prefix) resolves 4 of them.
        SparseMatrix m = RandomMatrices.random(25, 200, 100, 0.5, 2);
        OperationCounts n = Formats.byName("sham").encode(m).productCounts();
        long runs = n.accessCount("run table");
        long singles = n.accessCount("codebook");
        assertEquals(4 * runs, n.accessCount("run values"), "four values read per run lookup");
        assertEquals(m.nnz(), 4 * runs + singles, "every codeword by a run of 4 or alone");
        assertTrue(runs > 0.9 * m.nnz() / 4, runs + " run lookups for " + m.nnz());
        assertEquals(runs + singles, n.accessCount("codewords"), "one window per lookup (none misses here) and per codeword decoded after them");
        assertEquals(m.nnz(), n.accessCount("row indices (16-bit)"));
        assertEquals(0, n.accessCount("row indices"));
        SparseMatrix tall = RandomMatrices.random(17, 70_000, 2, 0.97, 40);
        OperationCounts t = Formats.byName("sham").encode(tall).productCounts();
        assertEquals(tall.nnz(), t.accessCount("row indices"), "packed past 65,536 rows");
        assertEquals(0, t.accessCount("row indices (16-bit)"));
    }

    @Test
    void gshamCountsOneEntryLookupPerNonZeroAndTheChainOnlyForLongOnes() {
        // No zeros, two values: every gap 0, every value codeword 1 bit.
        SparseMatrix shortCodes = RandomMatrices.random(26, 60, 50, 0, 2);
        OperationCounts a = Formats.byName("gsham").encode(shortCodes).productCounts();
        assertEquals(shortCodes.nnz(), a.accessCount("entry table"));
        assertEquals(0, a.accessCount("gap bases"), "every non-zero fits the entry table");
        SparseMatrix longCodes = RandomMatrices.random(14, 400, 400, 0.1, 100_000);
        OperationCounts b = Formats.byName("gsham").encode(longCodes).productCounts();
        assertEquals(longCodes.nnz(), b.accessCount("entry table"));
        long slow = b.accessCount("gap bases");
        assertTrue(slow > longCodes.nnz() / 2 && slow < longCodes.nnz(), slow + " of " + longCodes.nnz()
                + " through the chain: most of 100,000 values have codewords longer than 11 bits, the commonest not");
        assertEquals(slow, b.accessCount("gap raw bits"));
    }
}
