package org.sham4j.core.format;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.util.Random;
import java.util.zip.CRC32C;
import org.junit.jupiter.api.Test;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.SparseMatrix;

/** Truncated, corrupted and forged {@code .shm} files are refused with an InvalidInputException. */
class CorruptFileTest {
    private static final SparseMatrix M = RandomMatrices.random(99, 120, 90, 0.8, 20);

    @Test
    void everyTruncationIsRefused() throws IOException {
        for (MatrixFormat f : Formats.all()) {
            byte[] file = ShmFile.toBytes(f.encode(M));
            for (int len = 0; len < file.length; len++) {
                byte[] cut = java.util.Arrays.copyOf(file, len);
                assertThrows(InvalidInputException.class, () -> ShmFile.fromBytes(cut), f.name() + " cut at " + len);
            }
        }
    }

    @Test
    void flippedBitsAreCaughtByTheChecksum() throws IOException {
        Random rnd = new Random(3);
        for (MatrixFormat f : Formats.all()) {
            byte[] file = ShmFile.toBytes(f.encode(M));
            for (int t = 0; t < 200; t++) {
                byte[] bad = file.clone();
                bad[rnd.nextInt(bad.length)] ^= (byte) (1 << rnd.nextInt(8));
                InvalidInputException e = assertThrows(InvalidInputException.class, () -> ShmFile.fromBytes(bad));
                assertTrue(!e.getMessage().contains("\n"), "one-line message");
            }
        }
    }

    @Test
    void badMagicAndVersionAreNamed() throws IOException {
        byte[] file = ShmFile.toBytes(Formats.byName("sham").encode(M));
        byte[] magic = file.clone();
        magic[0] = 'X';
        assertTrue(assertThrows(InvalidInputException.class, () -> ShmFile.fromBytes(magic)).getMessage().contains("magic"));
        byte[] version = file.clone();
        version[4] = 9;
        assertTrue(assertThrows(InvalidInputException.class, () -> ShmFile.fromBytes(withCrc(version)))
                .getMessage().contains("version"));
    }

    /**
     * Forged files with a valid checksum: random byte changes in the payload, re-signed. Each must be refused
     * with an InvalidInputException or read as some valid matrix that then multiplies without error; never
     * any other exception, an OutOfMemoryError or a hang.
     */
    @Test
    void forgedFilesWithValidChecksumNeverCrash() {
        Random rnd = new Random(11);
        for (MatrixFormat f : Formats.all()) {
            byte[] file = ShmFile.toBytes(f.encode(M));
            for (int t = 0; t < 400; t++) {
                byte[] bad = file.clone();
                int changes = 1 + rnd.nextInt(3);
                for (int c = 0; c < changes; c++) {
                    int at = 5 + rnd.nextInt(bad.length - 9);
                    bad[at] = (byte) (rnd.nextInt(4) == 0 ? 0xff : rnd.nextInt(256));
                }
                try {
                    CompressedMatrix m = ShmFile.fromBytes(withCrc(bad));
                    m.toDense();
                    m.multiply(new float[m.rows()], new float[m.cols()]);
                } catch (InvalidInputException expected) {
                    assertTrue(!expected.getMessage().contains("\n"));
                } catch (Throwable e) {
                    fail(f.name() + " forged file " + t + " threw " + e, e);
                }
            }
        }
    }

    private static byte[] withCrc(byte[] file) {
        CRC32C crc = new CRC32C();
        crc.update(file, 0, file.length - 4);
        int v = (int) crc.getValue();
        for (int k = 0; k < 4; k++) {
            file[file.length - 4 + k] = (byte) (v >>> (24 - 8 * k));
        }
        return file;
    }
}
