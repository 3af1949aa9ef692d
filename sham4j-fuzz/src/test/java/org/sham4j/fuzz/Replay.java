package org.sham4j.fuzz;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import org.sham4j.core.format.ShmFile;

/**
 * Shows what a {@code .shm} input found by a campaign does: {@code java -cp <test class path>
 * org.sham4j.fuzz.Replay FORMAT|shm FILE} prints the framed file, what the reader makes of it and the bytes it
 * writes back.
 */
public final class Replay {
    private Replay() {
    }

    public static void main(String[] args) throws Exception {
        byte[] data = Files.readAllBytes(Path.of(args[1]));
        byte[] file = args[0].equals("shm") ? Resign.container(data, Resign.SHM) : ShmFuzzTest.frame(args[0], data);
        HexFormat hex = HexFormat.of();
        System.out.println("file  " + hex.formatHex(file));
        try {
            var m = ShmFile.fromBytes(file);
            System.out.println("read  " + m.format().name() + " " + m.rows() + "x" + m.cols() + " nnz " + m.nonZeros());
            System.out.println("back  " + hex.formatHex(ShmFile.toBytes(m)));
            if ((long) m.rows() * m.cols() <= Oracles.DECODE_LIMIT) {
                var again = m.format().encode(org.sham4j.core.matrix.SparseMatrix.fromDense(m.toDense()));
                System.out.println("again " + hex.formatHex(ShmFile.toBytes(again)));
            }
            Oracles.shmFile(file);
        } catch (Throwable e) {
            e.printStackTrace(System.out);
        }
    }
}
