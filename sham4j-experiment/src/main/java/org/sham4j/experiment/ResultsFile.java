package org.sham4j.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A sweep folder's results: {@code results.jsonl}, one JSON row per finished configuration, appended whole (one
 * write of the line, then forced to disk) as each configuration ends, and {@code results.csv} rewritten atomically
 * from it after every row. Opening takes {@code sweep.lock}, so two sweeps never write one folder at once (the
 * operating system releases it when the process dies, even by {@code kill -9}); it cuts off a partial last line
 * that a killed run may have left, and reads the keys already done. Rows are never duplicated: a key already
 * present is refused.
 */
public final class ResultsFile implements AutoCloseable {
    /** The rows, one JSON object per line. */
    public static final String JSONL = "results.jsonl";
    /** The rows' scalar fields as CSV. */
    public static final String CSV = "results.csv";
    /** The lock that keeps a second sweep out of the folder. */
    public static final String LOCK = "sweep.lock";

    private static final ObjectMapper JSON = new ObjectMapper();
    private final Path dir;
    private final FileChannel lockChannel;
    private final FileLock lock;
    private final FileChannel out;
    private final List<ObjectNode> rows = new ArrayList<>();
    private final Set<String> keys = new LinkedHashSet<>();
    private final long cutBytes;

    private ResultsFile(Path dir, FileChannel lockChannel, FileLock lock, FileChannel out, long cutBytes) {
        this.dir = dir;
        this.lockChannel = lockChannel;
        this.lock = lock;
        this.out = out;
        this.cutBytes = cutBytes;
    }

    /** Opens (creating) the results of the sweep folder {@code dir}, locked for this process. */
    public static ResultsFile open(Path dir) throws IOException {
        Files.createDirectories(dir);
        FileChannel lockChannel = FileChannel.open(dir.resolve(LOCK), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE, StandardOpenOption.READ);
        FileLock lock;
        try {
            lock = lockChannel.tryLock();
        } catch (OverlappingFileLockException e) {
            lock = null;
        }
        if (lock == null) {
            String holder = new String(Files.readAllBytes(dir.resolve(LOCK)), StandardCharsets.UTF_8).trim();
            lockChannel.close();
            throw new IllegalStateException(dir + " is in use by another sweep" + (holder.isEmpty() ? ""
                    : " (" + holder + ")") + ": wait for it to end, or give another --out");
        }
        ResultsFile results = null;
        try {
            lockChannel.truncate(0);
            lockChannel.write(ByteBuffer.wrap(("pid " + ProcessHandle.current().pid() + "\n")
                    .getBytes(StandardCharsets.UTF_8)), 0);
            Path jsonl = dir.resolve(JSONL);
            FileChannel out = FileChannel.open(jsonl, StandardOpenOption.CREATE, StandardOpenOption.READ,
                    StandardOpenOption.WRITE);
            long cut = cutPartialLine(out);
            out.position(out.size());
            results = new ResultsFile(dir, lockChannel, lock, out, cut);
            results.readRows(Files.readAllLines(jsonl, StandardCharsets.UTF_8));
            ResultsCsv.write(dir.resolve(CSV), results.rows);
            return results;
        } catch (IOException | RuntimeException e) {
            if (results != null) {
                results.close();
            } else {
                lock.release();
                lockChannel.close();
            }
            throw e;
        }
    }

    /** Truncates the file after its last newline; the bytes cut. */
    private static long cutPartialLine(FileChannel ch) throws IOException {
        long size = ch.size();
        long end = size;
        ByteBuffer one = ByteBuffer.allocate(1);
        while (end > 0) {
            one.clear();
            ch.read(one, end - 1);
            if (one.get(0) == '\n') {
                break;
            }
            end--;
        }
        if (end < size) {
            ch.truncate(end);
            ch.force(true);
        }
        return size - end;
    }

    private void readRows(List<String> lines) throws IOException {
        for (int n = 0; n < lines.size(); n++) {
            String line = lines.get(n);
            if (line.isBlank()) {
                continue;
            }
            JsonNode row;
            try {
                row = JSON.readTree(line);
            } catch (JsonProcessingException e) {
                row = null;
            }
            if (row == null || !row.isObject() || !row.path("key").isTextual()) {
                throw new IllegalStateException(dir.resolve(JSONL) + ": line " + (n + 1)
                        + " is not a results row (a JSON object with a key): repair or remove it");
            }
            String key = row.get("key").asText();
            if (!keys.add(key)) {
                throw new IllegalStateException(dir.resolve(JSONL) + ": line " + (n + 1) + " repeats key " + key
                        + ": remove one of the two");
            }
            rows.add((ObjectNode) row);
        }
    }

    /** Bytes of a partial last line cut off on opening (0 when the file ended cleanly). */
    public long cutBytes() {
        return cutBytes;
    }

    /** Whether a row with this key is present. */
    public synchronized boolean has(String key) {
        return keys.contains(key);
    }

    /** The rows, in file order. */
    public synchronized List<ObjectNode> rows() {
        return List.copyOf(rows);
    }

    /**
     * Appends a row (which has a {@code key} not yet present) as one line, forced to disk, then rewrites the CSV.
     */
    public synchronized void append(ObjectNode row) throws IOException {
        String key = row.path("key").asText();
        if (key.isEmpty() || keys.contains(key)) {
            throw new IllegalArgumentException("row key '" + key + "' is " + (key.isEmpty() ? "missing"
                    : "already in " + dir.resolve(JSONL)));
        }
        ByteBuffer line = ByteBuffer.wrap((JSON.writeValueAsString(row) + "\n").getBytes(StandardCharsets.UTF_8));
        while (line.hasRemaining()) {
            out.write(line);
        }
        out.force(false);
        keys.add(key);
        rows.add(row);
        ResultsCsv.write(dir.resolve(CSV), rows);
    }

    @Override
    public synchronized void close() throws IOException {
        try {
            out.close();
        } finally {
            if (lock.isValid()) {
                lock.release();
            }
            lockChannel.close();
        }
    }
}
