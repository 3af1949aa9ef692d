package org.sham4j.fuzz;

import com.code_intelligence.jazzer.api.FuzzedDataProvider;
import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import org.sham4j.core.format.CompressedMatrix;
import org.sham4j.core.format.Container;
import org.sham4j.core.format.Formats;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.PayloadOutput;
import org.sham4j.core.format.ShmFile;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * {@code .shm} matrices. {@link #shm} takes whole files, as they are and re-signed; a test per format takes the
 * body after the format id (rows, cols, payload) and wraps it in a valid frame of that format, so every mutation
 * reaches the format's reader; {@link #shmMutated} rewrites fields of valid files (varints, lengths, ints) and
 * re-signs them; {@link #encode} checks the writers on matrices it builds.
 */
class ShmFuzzTest {
    @FuzzTest
    void shm(byte[] data) throws IOException {
        boolean accepted = Oracles.shmFile(data);
        accepted |= Oracles.shmFile(Resign.container(data, Resign.SHM));
        FuzzStats.count("shm", accepted);
    }

    @FuzzTest
    void dense(byte[] body) throws IOException {
        format("dense", body);
    }

    @FuzzTest
    void csc(byte[] body) throws IOException {
        format("csc", body);
    }

    @FuzzTest
    void csr(byte[] body) throws IOException {
        format("csr", body);
    }

    @FuzzTest
    void coo(byte[] body) throws IOException {
        format("coo", body);
    }

    @FuzzTest
    void im(byte[] body) throws IOException {
        format("im", body);
    }

    @FuzzTest
    void cser(byte[] body) throws IOException {
        format("cser", body);
    }

    @FuzzTest
    void ham(byte[] body) throws IOException {
        format("ham", body);
    }

    @FuzzTest
    void sham(byte[] body) throws IOException {
        format("sham", body);
    }

    @FuzzTest
    void gsham(byte[] body) throws IOException {
        format("gsham", body);
    }

    /** The body of a file of {@code format} (rows, cols, payload) in a valid frame. */
    static byte[] frame(String format, byte[] body) {
        PayloadOutput b = new PayloadOutput();
        b.writeByte(Formats.byName(format).id());
        b.writeBytes(body, body.length);
        return Container.write(ShmFile.KIND, b).toByteArray();
    }

    private static void format(String name, byte[] body) throws IOException {
        FuzzStats.count(name, Oracles.shmFile(frame(name, body)));
    }

    @FuzzTest
    void shmMutated(FuzzedDataProvider data) throws IOException {
        SparseMatrix m = Generators.matrix(data);
        MatrixFormat f = data.pickValue(Formats.all());
        byte[] file = Mutations.apply(ShmFile.toBytes(f.encode(m)), data);
        FuzzStats.count("shmMutated", Oracles.shmFile(Resign.container(file, Resign.SHM)));
    }

    @FuzzTest
    void encode(FuzzedDataProvider data) throws IOException {
        SparseMatrix m = Generators.matrix(data);
        for (MatrixFormat f : Formats.all()) {
            CompressedMatrix c = f.encode(m);
            Oracles.check(c.toDense().bitEquals(m.toDense()), f.name() + " does not keep the matrix");
            byte[] file = ShmFile.toBytes(c);
            Oracles.check(Oracles.shmFile(file), f.name() + " refuses what it wrote");
        }
        FuzzStats.count("encode", true);
    }
}
