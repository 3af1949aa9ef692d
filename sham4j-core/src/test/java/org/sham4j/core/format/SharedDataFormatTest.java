package org.sham4j.core.format;

import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.sham4j.core.SharedData;
import org.sham4j.core.io.MatrixReader;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * Space targets on the sHAM benchmark data: ham and sham no larger than the sHAM reference's own figures,
 * gsham within 10 % of the information limit, and exact round trips of the real matrices.
 */
class SharedDataFormatTest {
    private static SparseMatrix load(String relative) throws IOException {
        return MatrixReader.read(SharedData.file(relative)).get(0).matrix();
    }

    private static double bitsPerEntry(MatrixFormat f, SparseMatrix m) {
        return 8.0 * f.encode(m).size().totalBytes() / m.entries();
    }

    private static void assertAtMost(double limit, MatrixFormat f, String name) throws IOException {
        SparseMatrix m = load(name);
        double bpe = bitsPerEntry(f, m);
        assertTrue(bpe <= limit, name + " " + f.name() + ": " + bpe + " bits per entry, target " + limit);
    }

    @Test
    void shamAndHamAreNoLargerThanTheReferenceFigures() throws IOException {
        MatrixFormat sham = Formats.byName("sham");
        MatrixFormat ham = Formats.byName("ham");
        assertAtMost(0.0687, sham, "matrices/orsreg_1.mtx.gz");
        assertAtMost(1.015, ham, "matrices/orsreg_1.mtx.gz");
        assertAtMost(0.158, sham, "matrices/SiNa.mtx.gz");
        assertAtMost(1.059, ham, "matrices/SiNa.mtx.gz");
        assertAtMost(0.730, sham, "layers/vgg19-mnist-fc1_p96_k32.npz");
        assertAtMost(1.059, ham, "layers/vgg19-mnist-fc1_p96_k32.npz");
    }

    @Test
    void gshamIsWithinTenPercentOfTheInformationLimitEverywhere() throws IOException {
        List<String> names = new ArrayList<>(List.of("matrices/orsreg_1.mtx.gz", "matrices/SiNa.mtx.gz"));
        for (String net : new String[] {"vgg19-mnist-fc1_p%d_k32.npz", "deepdta-davis-fc1_p%d_k16.npz"}) {
            for (int p : new int[] {30, 40, 50, 60, 70, 80, 90, 95, 96, 97, 98, 99}) {
                String name = "layers/" + String.format(net, p);
                if (java.nio.file.Files.exists(java.nio.file.Path.of(SharedData.file(name)))) {
                    names.add(name);
                }
            }
        }
        assertTrue(names.size() >= 20, "the layers are there: " + names.size());
        MatrixFormat gsham = Formats.byName("gsham");
        for (String name : names) {
            SparseMatrix m = load(name);
            double bits = 8.0 * gsham.encode(m).size().totalBytes();
            double limit = InformationLimit.bits(m);
            assertTrue(bits <= 1.10 * limit, name + ": gsham " + bits + " bits, limit " + limit);
        }
    }

    /** Every format on the real matrices, file round trip included (SiNa's dense forms are large: slow). */
    @Test
    @Tag("slow")
    void everyFormatRoundTripsTheRealMatrices() throws IOException {
        for (String name : new String[] {"matrices/orsreg_1.mtx.gz", "matrices/SiNa.mtx.gz",
                "layers/vgg19-mnist-fc1_p96_k32.npz"}) {
            SparseMatrix m = load(name);
            var dense = m.toDense();
            for (MatrixFormat f : Formats.all()) {
                CompressedMatrix back = ShmFile.fromBytes(ShmFile.toBytes(f.encode(m)));
                assertTrue(back.toDense().bitEquals(dense), name + " " + f.name());
            }
        }
    }
}
