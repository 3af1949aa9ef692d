package org.sham4j.data;

import java.net.URI;
import java.util.Locale;

/**
 * A published file: where to fetch it, the name it gets in the cache, and its published checksum
 * ({@code algorithm} as Java names it, e.g. {@code MD5} or {@code SHA-256}; {@code digest} in hex).
 */
public record RemoteFile(String name, URI url, String algorithm, String digest) {
    public RemoteFile {
        if (name.contains("/") || name.contains("\\") || name.startsWith(".")) {
            throw new IllegalArgumentException("cache name must be a plain file name: " + name);
        }
        digest = digest.toLowerCase(Locale.ROOT);
    }
}
