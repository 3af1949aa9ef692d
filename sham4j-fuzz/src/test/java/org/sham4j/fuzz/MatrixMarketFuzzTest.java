package org.sham4j.fuzz;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.zip.GZIPOutputStream;
import org.sham4j.core.io.MatrixMarketReader;
import org.sham4j.core.matrix.SparseMatrix;

/** Matrix Market files, plain ({@code .mtx}) and gzip-compressed ({@code .mtx.gz}: raw, and the text gzipped). */
class MatrixMarketFuzzTest {
    @FuzzTest
    void mtx(byte[] data) throws IOException {
        FuzzStats.count("mtx", read(data));
    }

    @FuzzTest
    void mtxGz(byte[] data) throws IOException {
        boolean accepted = read(data);
        ByteArrayOutputStream gz = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(gz)) {
            out.write(data);
        }
        accepted |= read(gz.toByteArray());
        FuzzStats.count("mtx.gz", accepted);
    }

    private static boolean read(byte[] data) throws IOException {
        SparseMatrix m = Oracles.accepted(() -> MatrixMarketReader.read(new ByteArrayInputStream(data), "fuzz.mtx"));
        if (m != null) {
            Matrices.check(m);
        }
        return m != null;
    }
}
