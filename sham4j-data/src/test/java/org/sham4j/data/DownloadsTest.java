package org.sham4j.data;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.core.io.InvalidInputException;

/** Downloads against a local HTTP server on 127.0.0.1 and file:// URLs; nothing leaves the machine. */
class DownloadsTest {
    @TempDir
    Path dir;
    private HttpServer server;
    private final Map<String, byte[]> served = new ConcurrentHashMap<>();
    private final AtomicInteger requests = new AtomicInteger();

    @BeforeEach
    void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            byte[] body = served.get(exchange.getRequestURI().getPath().substring(1));
            if (body == null) {
                exchange.sendResponseHeaders(404, -1);
            } else {
                exchange.sendResponseHeaders(200, body.length);
                exchange.getResponseBody().write(body);
            }
            exchange.close();
        });
        server.start();
    }

    @AfterEach
    void stop() {
        server.stop(0);
    }

    private URI base() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    private static String hex(String algorithm, byte[] data) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance(algorithm).digest(data));
    }

    @Test
    void fetchChecksAndCaches() throws Exception {
        byte[] data = "some published bytes".getBytes();
        served.put("f.bin", data);
        RemoteFile f = new RemoteFile("f.bin", base().resolve("f.bin"), "SHA-256", hex("SHA-256", data));
        Path cache = dir.resolve("cache");
        Path got = Downloads.fetch(f, cache);
        assertArrayEquals(data, Files.readAllBytes(got));
        Downloads.fetch(f, cache);
        assertEquals(1, requests.get(), "a cached file with the right checksum is not fetched again");
    }

    @Test
    void wrongChecksumLeavesNothing() throws Exception {
        served.put("f.bin", new byte[] {1, 2, 3});
        RemoteFile f = new RemoteFile("f.bin", base().resolve("f.bin"), "MD5", "00000000000000000000000000000000");
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> Downloads.fetch(f, dir));
        assertTrue(e.getMessage().contains("checksum"), e.getMessage());
        assertFalse(Files.exists(dir.resolve("f.bin")));
    }

    @Test
    void fileUrlsWork() throws Exception {
        byte[] data = {9, 8, 7};
        Path src = dir.resolve("src.bin");
        Files.write(src, data);
        RemoteFile f = new RemoteFile("copy.bin", src.toUri(), "MD5", hex("MD5", data));
        assertArrayEquals(data, Files.readAllBytes(Downloads.fetch(f, dir.resolve("c"))));
    }

    @Test
    void mnistDownloadsFromAMirror() throws Exception {
        Mnist.Variant v = Mnist.Variant.MNIST;
        Map<String, byte[]> bodies = new LinkedHashMap<>();
        for (String prefix : new String[] {"train", "t10k"}) {
            bodies.put(prefix + "-images-idx3-ubyte.gz", Fixtures.gzip(Fixtures.idx(new int[] {1, 28, 28},
                    new byte[784])));
            bodies.put(prefix + "-labels-idx1-ubyte.gz", Fixtures.gzip(Fixtures.idx(new int[] {1}, new byte[] {4})));
        }
        served.putAll(bodies);
        Path cache = dir.resolve("cache");
        for (RemoteFile published : v.files(base())) {
            RemoteFile local = new RemoteFile(published.name(), published.url(), "MD5",
                    hex("MD5", bodies.get(published.name())));
            Downloads.fetch(local, cache.resolve("mnist"));
        }
        assertEquals(4f, Mnist.read(cache.resolve("mnist"), v).test().targets()[0]);
        assertEquals("https://ossci-datasets.s3.amazonaws.com/mnist/train-images-idx3-ubyte.gz",
                v.files(v.publishedBase()).get(0).url().toString());
    }

    @Test
    void cifarArchiveIsUnpacked() throws Exception {
        Map<String, byte[]> members = new LinkedHashMap<>();
        members.put("cifar-10-batches-bin/batches.meta.txt", "airplane\n".getBytes());
        for (String name : new String[] {"data_batch_1", "data_batch_2", "data_batch_3", "data_batch_4",
            "data_batch_5", "test_batch"}) {
            byte[] rec = new byte[3073];
            rec[0] = 6;
            members.put("cifar-10-batches-bin/" + name + ".bin", rec);
        }
        byte[] tgz = Fixtures.tarGz(members);
        served.put("c.tar.gz", tgz);
        RemoteFile archive = new RemoteFile("c.tar.gz", base().resolve("c.tar.gz"), "MD5", hex("MD5", tgz));
        Dataset d = Cifar10.download(dir, archive);
        assertEquals(5, d.train().size());
        assertEquals(6f, d.test().targets()[0]);
    }

    @Test
    void withoutANetworkTheErrorSaysWhatToDo() {
        RemoteFile f = new RemoteFile("t10k-labels-idx1-ubyte.gz", URI.create("http://no-such-host.invalid/x.gz"),
                "MD5", "00");
        java.io.IOException e = assertThrows(java.io.IOException.class, () -> Downloads.fetch(f, dir));
        assertTrue(e.getMessage().startsWith("cannot download http://no-such-host.invalid/x.gz (unknown host "
                + "no-such-host.invalid: no network or no name service?); put t10k-labels-idx1-ubyte.gz in " + dir
                + " yourself, or name a folder"), e.getMessage());
        RemoteFile closed = new RemoteFile("a.gz", URI.create("http://127.0.0.1:1/a.gz"), "MD5", "00");
        e = assertThrows(java.io.IOException.class, () -> Downloads.fetch(closed, dir));
        assertTrue(e.getMessage().startsWith("cannot download http://127.0.0.1:1/a.gz (no connection: "),
                e.getMessage());
    }
}
