package org.sham4j.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.MatrixChecks;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.core.memory.MemoryBudgetException;

/**
 * The failure classes a fuzzing campaign found, each as a small forged {@code .shm} file: refused with an
 * InvalidInputException, or read in time bounded by its bytes, never an index error or an OutOfMemoryError.
 */
class HostileFileTest {
    /** A .shm file of format {@code id}, shape rows x cols and the given payload, validly signed. */
    static byte[] shm(int id, long rows, long cols, PayloadOutput payload) {
        PayloadOutput body = new PayloadOutput();
        body.writeByte(id);
        body.writeVarLong(rows);
        body.writeVarLong(cols);
        body.append(payload);
        return Container.write(ShmFile.KIND, body).toByteArray();
    }

    private static int id(String format) {
        return Formats.byName(format).id();
    }

    private static String refused(byte[] file) {
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> ShmFile.fromBytes(file));
        assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aPointerInTheMiddleBeyondNnzIsRefusedByCscAndCsr() {
        for (String format : new String[] {"csc", "csr"}) {
            int id = Formats.byName(format).id();
            PayloadOutput p = new PayloadOutput();
            p.writeVarLong(1);
            p.writeInts(new int[] {0, 1000, 1}, 0, 3);
            p.writeInts(new int[] {0}, 0, 1);
            p.writeFloats(new float[] {1f}, 0, 1);
            String m = refused(shm(id, 2, 2, p));
            assertTrue(m.contains("1000"), m);
        }
    }

    @Test
    void ofCscThrowsWhatItDocuments() {
        assertThrows(IllegalArgumentException.class,
                () -> SparseMatrix.ofCsc(2, 2, new int[] {0, 1000, 1}, new int[] {0}, new float[] {1f}));
        assertThrows(IllegalArgumentException.class,
                () -> SparseMatrix.ofCsc(2, 2, new int[] {0, -5, 1}, new int[] {0}, new float[] {1f}));
        assertThrows(IllegalArgumentException.class,
                () -> SparseMatrix.ofCsc(2, 1, new int[] {0, -1}, new int[0], new float[0]));
    }

    @Test
    void cserPointersAreCheckedBeforeTheyAreFollowed() {
        PayloadOutput p = new PayloadOutput();
        p.writeVarLong(2); // codebook
        p.writeVarLong(0); // implicit
        p.writeVarLong(1); // groups
        p.writeVarLong(1); // listed
        p.writeFloats(new float[] {0f, 1f}, 0, 2);
        p.writeInts(new int[] {0, 5, 1}, 0, 3); // row pointers: 5 in the middle, beyond the 1 group
        p.writeInts(new int[] {1}, 0, 1);
        p.writeInts(new int[] {0, 1}, 0, 2);
        p.writeInts(new int[] {0}, 0, 1);
        assertTrue(refused(shm(id("cser"), 2, 2, p)).contains("row pointers"));
    }

    @Test
    void cserDeclaringTwoBillionColumnsAllocatesNothingForThem() {
        PayloadOutput p = new PayloadOutput();
        p.writeVarLong(2);
        p.writeVarLong(0);
        p.writeVarLong(1);
        p.writeVarLong(2);
        p.writeFloats(new float[] {0f, 1f}, 0, 2);
        p.writeInts(new int[] {0, 1}, 0, 2);
        p.writeInts(new int[] {1}, 0, 1);
        p.writeInts(new int[] {0, 2}, 0, 2);
        p.writeInts(new int[] {7, 7}, 0, 2);
        byte[] file = shm(id("cser"), 1, MatrixChecks.MAX_ENTRIES, p);
        assertTrue(refused(file).contains("out of order"));
    }

    /** The 28-byte file of the report: a ham of one value, whose codeword has no bits, over 2^31 - 9 entries. */
    static byte[] oneValueHam(float value) {
        PayloadOutput p = new PayloadOutput();
        p.writeVarLong(0); // codeword bits
        p.writeVarLong(1); // code table: one symbol
        p.writeByte(0); // of length 0
        p.writeVarLong(37); // codebook: parameter and one value
        long[] words = {((long) Float.floatToRawIntBits(value) & 0xffffffffL) << 27, 0};
        p.writeBits(words, 37);
        p.writeVarLong(1); // one block
        p.writeByte(0);
        return shm(id("ham"), 1, MatrixChecks.MAX_ENTRIES, p);
    }

    @Test
    void aHamOfNoBitsIsReadInTimeBoundedByItsBytes() throws IOException {
        byte[] file = oneValueHam(0f);
        assertEquals(28, file.length);
        long t0 = System.nanoTime();
        CompressedMatrix m = ShmFile.fromBytes(file);
        assertEquals(0, m.nonZeros());
        assertEquals(MatrixChecks.MAX_ENTRIES, ShmFile.fromBytes(oneValueHam(2f)).nonZeros());
        assertTrue(System.nanoTime() - t0 < 1_000_000_000L, "read in well under a second");
        MemoryBudgetException e = assertThrows(MemoryBudgetException.class, m::toDense);
        assertTrue(e.getMessage().startsWith("needs 8.6 GB for a dense 1 x 2147483639 matrix"), e.getMessage());
    }

    @Test
    void imOfNoBitsCountsItsNonZerosInClosedForm() throws IOException {
        PayloadOutput p = new PayloadOutput();
        p.writeVarLong(1);
        p.writeFloats(new float[] {3f}, 0, 1);
        CompressedMatrix m = ShmFile.fromBytes(shm(id("im"), 1, MatrixChecks.MAX_ENTRIES, p));
        assertEquals(MatrixChecks.MAX_ENTRIES, m.nonZeros());
    }

    @Test
    void cooDeclaringTwoBillionColumnsHoldsOnlyItsCoordinates() throws IOException {
        PayloadOutput p = new PayloadOutput();
        p.writeVarLong(1);
        p.writeInts(new int[] {0}, 0, 1);
        p.writeInts(new int[] {2_000_000_000}, 0, 1);
        p.writeFloats(new float[] {5f}, 0, 1);
        CompressedMatrix m = ShmFile.fromBytes(shm(id("coo"), 1, MatrixChecks.MAX_ENTRIES, p));
        assertEquals(1, m.nonZeros());
    }

    @Test
    void versionOneFilesAreStillRead() throws IOException {
        SparseMatrix w = RandomMatrices.random(5, 30, 20, 0.7, 6);
        for (MatrixFormat f : Formats.all()) {
            CompressedMatrix c = f.encode(w);
            PayloadOutput payload = new PayloadOutput();
            c.writePayload(payload);
            PayloadOutput v1 = new PayloadOutput();
            v1.writeBytes("SHM4".getBytes(java.nio.charset.StandardCharsets.US_ASCII), 4);
            v1.writeByte(1);
            v1.writeByte(f.id());
            v1.writeVarLong(c.rows());
            v1.writeVarLong(c.cols());
            v1.writeVarLong(payload.size());
            v1.append(payload);
            byte[] body = v1.toByteArray();
            CRC32C crc = new CRC32C();
            crc.update(body, 0, body.length);
            v1.writeInt((int) crc.getValue());
            CompressedMatrix back = ShmFile.fromBytes(v1.toByteArray());
            assertTrue(back.toDense().bitEquals(w.toDense()), f.name());
            assertTrue(java.util.Arrays.equals(ShmFile.toBytes(back), ShmFile.toBytes(c)), f.name() + " rewritten as v2");
        }
    }
}
