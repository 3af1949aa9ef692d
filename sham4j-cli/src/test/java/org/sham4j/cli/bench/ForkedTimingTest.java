package org.sham4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;
import org.sham4j.core.memory.MemoryBudgetException;

/** The timing JVM's heap and what its failures say. */
class ForkedTimingTest {
    private static final long MB = 1L << 20;

    @Test
    void childHeapHoldsEightBytesPerNonZeroBesideTheFileAndIsCappedByTheBenchs() {
        // The census stand-in in COO: a 1.14 GB file, 95 M non-zeros (its reader keeps each entry's column).
        long heap = ForkedTiming.childHeap(1_142_795_760L, 95_232_978L, 2_458_285, 8, 68, 12_288 * MB);
        assertTrue(heap > 3 * 1_142_795_760L + 8 * 95_232_978L, heap + " bytes");
        assertEquals(256 * MB + 3 * 1000 + 8 * 10 + 12 * 5 + 12 * 2 * 3,
                ForkedTiming.childHeap(1000, 10, 5, 2, 3, Long.MAX_VALUE));
        assertEquals(512 * MB, ForkedTiming.childHeap(1L << 40, 1L << 35, 5, 2, 3, 512 * MB));
    }

    @Test
    void aChildOutOfHeapIsARefusalNamingItsHeap() {
        String out = "Exception in thread \"main\" java.lang.OutOfMemoryError: Java heap space\n"
                + "\tat org.sham4j.core.format.gsham.GshamStored.validate(GshamStored.java:291)\n"
                + "\tat org.sham4j.cli.bench.ForkedTiming.main(ForkedTiming.java:102)";
        RuntimeException e = ForkedTiming.failure(1, out, 450 * MB);
        assertInstanceOf(MemoryBudgetException.class, e);
        assertEquals("the timing JVM ran out of its 450 MB heap (raise the bench's with -Xmx)", e.getMessage());
    }

    @Test
    void anyOtherFailureNamesTheExceptionNotTheLastFrame() {
        String out = "Exception in thread \"main\" java.io.IOException: matrix.shm: truncated\n"
                + "\tat org.sham4j.core.format.ShmFile.load(ShmFile.java:40)\n"
                + "\tat org.sham4j.cli.bench.ForkedTiming.main(ForkedTiming.java:102)";
        RuntimeException e = ForkedTiming.failure(1, out, 450 * MB);
        assertInstanceOf(IllegalStateException.class, e);
        assertEquals("the timing JVM failed (exit 1): Exception in thread \"main\" java.io.IOException: "
                + "matrix.shm: truncated", e.getMessage());
        assertEquals("the timing JVM failed (exit 137): no output", ForkedTiming.failure(137, "", MB).getMessage());
    }
}
