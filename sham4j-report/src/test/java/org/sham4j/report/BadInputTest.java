package org.sham4j.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Bad input and bad targets are refused in one line naming the file and the problem, before anything is written. */
class BadInputTest {
    @TempDir
    Path dir;

    private Path sweep(String results) throws IOException {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        Files.writeString(in.resolve("results.jsonl"), results);
        return in;
    }

    private void refused(List<Path> inputs, Path out, String needle) {
        boolean existed = Files.exists(out);
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> Report.write(inputs, out));
        assertTrue(e.getMessage().contains(needle), e.getMessage());
        assertFalse(e.getMessage().contains("\n"), "one line: " + e.getMessage());
        assertEquals(existed, Files.exists(out), "nothing written to " + out);
    }

    private static String row(String score) {
        return "{\"config\": {\"model\": \"m\", \"method\": \"cws\", \"k\": 4}, \"metric\": \"accuracy\", \"score\": "
                + score + ", \"baseline\": 0.9, \"occupancy\": 0.1}";
    }

    @Test
    void aMissingDirectory() {
        refused(List.of(dir.resolve("nope")), dir.resolve("r"), "nope: no such file or directory");
    }

    @Test
    void anEmptyResultsFile() throws IOException {
        refused(List.of(sweep("\n\n")), dir.resolve("r"), "results.jsonl: no results (empty file)");
    }

    @Test
    void aMalformedLineIsNamed() throws IOException {
        refused(List.of(sweep(row("0.8") + "\n{\"config\": \n")), dir.resolve("r"), "results.jsonl line 2: not JSON");
        refused(List.of(sweep(row("0.8") + "\n" + row("null") + "\n")), dir.resolve("r"),
                "results.jsonl line 2: missing number 'score'");
        refused(List.of(sweep(row("\"high\""))), dir.resolve("r"), "line 1: 'score' is not a number");
        refused(List.of(sweep(row("0.8").replace("accuracy", "f1"))), dir.resolve("r"),
                "'metric' must be \"accuracy\" or \"mse\", got f1");
        refused(List.of(sweep(row("0.8").replace("\"k\": 4", "\"k\": 2.5"))), dir.resolve("r"),
                "'config.k' is not an integer");
        refused(List.of(sweep("[1, 2]")), dir.resolve("r"), "line 1: not a JSON object");
    }

    @Test
    void aFileThatIsNotText() throws IOException {
        Path in = sweep("");
        Files.write(in.resolve("results.jsonl"), new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
        refused(List.of(in), dir.resolve("r"), "results.jsonl: not UTF-8 text");
    }

    @Test
    void aDirectoryWithNothingToReport() throws IOException {
        Path in = dir.resolve("in");
        Files.createDirectories(in);
        Files.writeString(in.resolve("notes.txt"), "hello");
        refused(List.of(in), dir.resolve("r"), "holds no results.jsonl and no .json results");
        Files.writeString(in.resolve("other.json"), "{\"a\": 1}");
        refused(List.of(in), dir.resolve("r"), "nothing to report");
        refused(List.of(in.resolve("other.json")), dir.resolve("r"),
                "other.json: neither sweep results, bench JSON nor compress/compare JSON");
        Files.writeString(in.resolve("broken.json"), "[{\"format\": ");
        refused(List.of(in), dir.resolve("r"), "broken.json: not JSON");
    }

    @Test
    void aTargetWhoseParentIsMissingIsRefusedBeforeReading() {
        refused(List.of(dir.resolve("no-input-either")), dir.resolve("a/b/r"), "its parent directory");
    }

    @Test
    void aTargetThatIsAFileOrAnotherDirectoryIsLeftAlone() throws IOException {
        Path file = dir.resolve("r.txt");
        Files.writeString(file, "keep");
        refused(List.of(ReportTest.FIXTURE), file, "is a file");
        assertEquals("keep", Files.readString(file));
        Path other = dir.resolve("photos");
        Files.createDirectory(other);
        Files.writeString(other.resolve("cat.jpg"), "meow");
        refused(List.of(ReportTest.FIXTURE), other, "holds no index.md");
        assertEquals("meow", Files.readString(other.resolve("cat.jpg")));
    }
}
