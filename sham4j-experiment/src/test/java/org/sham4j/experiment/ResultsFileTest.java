package org.sham4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The results file: whole lines, a partial last line cut off, no duplicates, one sweep per folder. */
class ResultsFileTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path dir;

    private static ObjectNode row(String key, double score) {
        ObjectNode r = JSON.createObjectNode();
        r.put("key", key);
        ObjectNode c = r.putObject("config");
        c.put("model", "m");
        c.putArray("prune").add(90.0).add(80.5);
        c.putNull("k");
        r.put("score", score);
        r.putArray("layers").addObject().put("node", "d0");
        return r;
    }

    @Test
    void rowsAreWholeLinesAndTheCsvFlattensTheirConfig() throws Exception {
        try (ResultsFile r = ResultsFile.open(dir)) {
            r.append(row("aaaa", 0.5));
            r.append(row("bbbb", 0.25));
            assertThrows(IllegalArgumentException.class, () -> r.append(row("aaaa", 0.75)));
        }
        List<String> lines = Files.readAllLines(dir.resolve(ResultsFile.JSONL));
        assertEquals(2, lines.size());
        assertEquals("aaaa", JSON.readTree(lines.get(0)).get("key").asText());
        List<String> csv = Files.readAllLines(dir.resolve(ResultsFile.CSV));
        assertEquals(List.of("key,model,prune,k,score", "aaaa,m,90.0;80.5,,0.5", "bbbb,m,90.0;80.5,,0.25"), csv);
        try (ResultsFile r = ResultsFile.open(dir)) {
            assertTrue(r.has("aaaa") && r.has("bbbb") && !r.has("cccc"));
            assertEquals(0, r.cutBytes());
        }
    }

    @Test
    void aPartialLastLineLeftByAKillIsCutOffAndTheRowsStayWhole() throws Exception {
        try (ResultsFile r = ResultsFile.open(dir)) {
            r.append(row("aaaa", 0.5));
            r.append(row("bbbb", 0.25));
        }
        Path jsonl = dir.resolve(ResultsFile.JSONL);
        String whole = Files.readString(jsonl);
        String half = JSON.writeValueAsString(row("cccc", 0.125)).substring(0, 20);
        Files.writeString(jsonl, half, StandardOpenOption.APPEND);
        try (ResultsFile r = ResultsFile.open(dir)) {
            assertEquals(20, r.cutBytes());
            assertFalse(r.has("cccc"));
            assertEquals(whole, Files.readString(jsonl), "cut back to the last whole line");
            r.append(row("cccc", 0.125));
        }
        List<String> lines = Files.readAllLines(jsonl);
        assertEquals(3, lines.size());
        for (String l : lines) {
            assertTrue(JSON.readTree(l).isObject(), l);
        }
        assertEquals(4, Files.readAllLines(dir.resolve(ResultsFile.CSV)).size());
    }

    @Test
    void aBrokenWholeLineIsRefusedNamingIt() throws Exception {
        Files.writeString(dir.resolve(ResultsFile.JSONL), JSON.writeValueAsString(row("aaaa", 1)) + "\n{oops\n",
                StandardCharsets.UTF_8);
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> ResultsFile.open(dir));
        assertTrue(e.getMessage().contains("line 2 is not a results row"), e.getMessage());
        Files.writeString(dir.resolve(ResultsFile.JSONL), JSON.writeValueAsString(row("aaaa", 1)) + "\n"
                + JSON.writeValueAsString(row("aaaa", 2)) + "\n", StandardCharsets.UTF_8);
        e = assertThrows(IllegalStateException.class, () -> ResultsFile.open(dir));
        assertTrue(e.getMessage().contains("line 2 repeats key aaaa"), e.getMessage());
    }

    @Test
    void twoSweepsCannotShareAFolder() throws Exception {
        try (ResultsFile first = ResultsFile.open(dir)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ResultsFile.open(dir));
            assertTrue(e.getMessage().contains("in use by another sweep (pid " + ProcessHandle.current().pid()
                    + ")"), e.getMessage());
            first.append(row("aaaa", 1));
        }
        try (ResultsFile again = ResultsFile.open(dir)) {
            assertTrue(again.has("aaaa"), "the lock is released on close");
        }
    }

    @Test
    void aLockHeldByAnotherProcessKeepsASweepOutUntilThatProcessDies() throws Exception {
        Path holder = dir.resolve("Hold.java");
        Files.writeString(holder, """
                import java.nio.channels.FileChannel;
                import java.nio.file.*;
                public class Hold {
                    public static void main(String[] a) throws Exception {
                        FileChannel ch = FileChannel.open(Path.of(a[0]), StandardOpenOption.CREATE,
                                StandardOpenOption.WRITE);
                        if (ch.tryLock() == null) {
                            System.exit(2);
                        }
                        System.out.println("locked");
                        Thread.sleep(60_000);
                    }
                }
                """);
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        Process p = new ProcessBuilder(java.toString(), holder.toString(), dir.resolve(ResultsFile.LOCK).toString())
                .redirectErrorStream(true).start();
        try {
            String first = new java.io.BufferedReader(new java.io.InputStreamReader(p.getInputStream(),
                    StandardCharsets.UTF_8)).readLine();
            assertEquals("locked", first);
            IllegalStateException e = assertThrows(IllegalStateException.class, () -> ResultsFile.open(dir));
            assertTrue(e.getMessage().contains("in use by another sweep"), e.getMessage());
        } finally {
            p.destroyForcibly().waitFor();
        }
        try (ResultsFile r = ResultsFile.open(dir)) {
            assertEquals(0, r.rows().size(), "the killed holder's lock is gone");
        }
    }
}
