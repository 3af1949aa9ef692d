package org.sham4j.data;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URLConnection;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import org.sham4j.core.io.AtomicFiles;
import org.sham4j.core.io.InvalidInputException;

/**
 * Fetches published files into a cache folder, checking each against its published checksum. A file already in
 * the cache with the right checksum is not fetched again; a download whose checksum differs leaves nothing
 * under the file's name.
 */
public final class Downloads {
    private static final int CONNECT_TIMEOUT_MS = 30_000;
    private static final int READ_TIMEOUT_MS = 60_000;

    private Downloads() {
    }

    /** The cache folder: {@code $SHAM4J_DATA} if set, else {@code ~/.cache/sham4j/data}. */
    public static Path defaultCache() {
        String env = System.getenv("SHAM4J_DATA");
        return env != null && !env.isBlank() ? Path.of(env)
                : Path.of(System.getProperty("user.home"), ".cache", "sham4j", "data");
    }

    /** The path of {@code file} in {@code dir}, fetched first unless it is there with the right checksum. */
    public static Path fetch(RemoteFile file, Path dir) throws IOException {
        Path target = dir.resolve(file.name());
        if (Files.isRegularFile(target) && digest(target, file.algorithm()).equals(file.digest())) {
            return target;
        }
        Files.createDirectories(dir);
        System.err.println("sham: downloading " + file.url() + " to " + target);
        try {
            AtomicFiles.write(target, out -> copyChecked(file, out));
        } catch (InvalidInputException e) {
            throw e;
        } catch (IOException e) {
            throw new IOException("cannot download " + file.url() + " (" + reason(e) + "); put " + file.name()
                    + " in " + dir + " yourself, or name a folder that holds the data set's files, e.g. "
                    + "fashion-mnist:DIR", e);
        }
        return target;
    }

    /** Why a download failed, in words a user without a network recognises. */
    private static String reason(IOException e) {
        if (e instanceof java.net.UnknownHostException) {
            return "unknown host " + e.getMessage() + ": no network or no name service?";
        }
        if (e instanceof java.net.ConnectException || e instanceof java.net.SocketTimeoutException
                || e instanceof java.net.NoRouteToHostException) {
            return "no connection: " + e.getMessage();
        }
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }

    private static void copyChecked(RemoteFile file, OutputStream out) throws IOException {
        MessageDigest md = newDigest(file.algorithm());
        URLConnection conn = file.url().toURL().openConnection();
        conn.setConnectTimeout(CONNECT_TIMEOUT_MS);
        conn.setReadTimeout(READ_TIMEOUT_MS);
        try (InputStream in = conn.getInputStream()) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) >= 0; ) {
                md.update(buf, 0, n);
                out.write(buf, 0, n);
            }
        }
        String got = HexFormat.of().formatHex(md.digest());
        if (!got.equals(file.digest())) {
            throw new InvalidInputException(file.url() + ": " + file.algorithm() + " checksum " + got
                    + " differs from the published " + file.digest());
        }
    }

    /** The hex digest of a file's bytes. */
    static String digest(Path file, String algorithm) throws IOException {
        MessageDigest md = newDigest(algorithm);
        try (InputStream in = Files.newInputStream(file)) {
            byte[] buf = new byte[1 << 16];
            for (int n; (n = in.read(buf)) >= 0; ) {
                md.update(buf, 0, n);
            }
        }
        return HexFormat.of().formatHex(md.digest());
    }

    private static MessageDigest newDigest(String algorithm) {
        try {
            return MessageDigest.getInstance(algorithm);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalArgumentException("unknown checksum algorithm " + algorithm, e);
        }
    }
}
