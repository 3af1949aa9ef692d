package org.sham4j.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.core.format.Formats;
import org.sham4j.core.format.PayloadOutput;
import org.sham4j.core.format.Container;
import org.sham4j.core.format.ShmFile;
import org.sham4j.core.io.NpyWriter;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.model.graph.Dense;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.InputSpec;
import org.sham4j.model.graph.Node;
import org.sham4j.model.graph.Preprocessing;
import org.sham4j.model.io.ModelFile;

/** Exit codes by class of error, one-line messages, control characters escaped, --debug. */
class ErrorsTest {
    @TempDir
    Path dir;

    private static boolean hasControl(String s) {
        return s.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\r' || c == 0x7f);
    }

    @Test
    void nodeNamesWithLineBreaksAndTerminalEscapesArePrintedEscaped() throws Exception {
        String input = "x\n\u001b[31mred";
        Dense dense = new Dense(Formats.byName("csc").encode(SparseMatrix.fromDense(new DenseMatrix(2, 1,
                new float[] {1, 2}))), null);
        Graph g = new Graph(List.of(new InputSpec(input, new int[] {2})),
                List.of(new Node("dense\u001b]0;title\u0007", dense, List.of(input), "y\r\n")), List.of("y\r\n"),
                Preprocessing.IDENTITY);
        Path model = dir.resolve("odd.sham");
        ModelFile.save(model, g);
        CliRun info = CliRun.of("info", model.toString());
        assertEquals(0, info.exit(), info.err());
        assertFalse(hasControl(info.out()), info.out());
        assertTrue(info.out().contains("dense\\u001b]0;title\\u0007"), info.out());

        Path x = dir.resolve("x.npy");
        NpyWriter.write(x, new DenseMatrix(1, 3, new float[3]));
        CliRun run = CliRun.of("run", model.toString(), "--inputs", x.toString());
        assertEquals(ExitCode.INPUT, run.exit());
        assertEquals(1, run.err().strip().lines().count(), run.err());
        assertFalse(hasControl(run.err().strip()), run.err());
        assertTrue(run.err().contains("x\\n\\u001b[31mred"), run.err());
    }

    @Test
    void eachClassOfErrorHasItsExitCode() throws Exception {
        CliRun unknownOption = CliRun.of("info", "--frobnicate");
        assertEquals(ExitCode.USAGE, unknownOption.exit());
        assertTrue(unknownOption.err().startsWith("sham info: usage error: "), unknownOption.err());
        assertEquals(ExitCode.USAGE, CliRun.of("frobnicate").exit());

        CliRun missing = CliRun.of("info", dir.resolve("none.shm").toString());
        assertEquals(ExitCode.INPUT, missing.exit());
        assertEquals(1, missing.err().strip().lines().count(), missing.err());

        // The 28-byte ham of one value over 2^31 - 9 entries: info answers at once, decode is refused in one line.
        PayloadOutput p = new PayloadOutput();
        p.writeVarLong(0);
        p.writeVarLong(1);
        p.writeByte(0);
        p.writeVarLong(37);
        p.writeBits(new long[] {0, 0}, 37);
        p.writeVarLong(1);
        p.writeByte(0);
        PayloadOutput body = new PayloadOutput();
        body.writeByte(Formats.byName("ham").id());
        body.writeVarLong(1);
        body.writeVarLong(Integer.MAX_VALUE - 8);
        body.append(p);
        Path ham = dir.resolve("huge.shm");
        Files.write(ham, Container.write(ShmFile.KIND, body).toByteArray());
        assertEquals(28, Files.size(ham));
        CliRun info = CliRun.of("info", ham.toString());
        assertEquals(ExitCode.OK, info.exit(), info.err());
        CliRun decode = CliRun.of("decode", ham.toString(), "--out", dir.resolve("huge.npy").toString());
        assertEquals(ExitCode.MEMORY, decode.exit(), decode.err());
        assertTrue(decode.err().startsWith("sham decode: error: needs 8.6 GB for a dense 1 x 2147483639 matrix"),
                decode.err());
        assertEquals(1, decode.err().strip().lines().count(), decode.err());
        assertFalse(Files.exists(dir.resolve("huge.npy")));
    }

    @Test
    void debugAddsTheStackTrace() {
        CliRun plain = CliRun.of("info", dir.resolve("none.shm").toString());
        assertFalse(plain.err().contains("\tat "), plain.err());
        CliRun debug = CliRun.of("info", dir.resolve("none.shm").toString(), "--debug");
        assertEquals(ExitCode.INPUT, debug.exit());
        assertTrue(debug.err().contains("\tat "), debug.err());
    }
}
