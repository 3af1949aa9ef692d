package org.sham4j.core.format;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The bytes a stored matrix occupies, by part. The total is exactly the size of its {@code .shm} file.
 */
public final class SizeBreakdown {
    /** Magic, version, format id, shape, lengths, checksum and format parameters. */
    public static final String HEADER = "header";
    /** Values or their codewords. */
    public static final String PAYLOAD = "payload";
    /** Positions: row or column indices, pointers, gaps. */
    public static final String INDICES = "indices";
    /** The distinct values. */
    public static final String CODEBOOK = "codebook";
    /** What a decoder needs besides the codebook: code lengths, block offsets. */
    public static final String CODE_TABLES = "code tables";

    private final Map<String, Long> bytesByPart;
    private final long total;

    public SizeBreakdown(Map<String, Long> bytesByPart) {
        this.bytesByPart = Collections.unmodifiableMap(new LinkedHashMap<>(bytesByPart));
        long t = 0;
        for (long b : bytesByPart.values()) {
            t += b;
        }
        this.total = t;
    }

    public long totalBytes() {
        return total;
    }

    /** Bytes of one part, 0 if absent. */
    public long bytes(String part) {
        return bytesByPart.getOrDefault(part, 0L);
    }

    public Map<String, Long> parts() {
        return bytesByPart;
    }

    @Override
    public String toString() {
        return total + " bytes " + bytesByPart;
    }
}
