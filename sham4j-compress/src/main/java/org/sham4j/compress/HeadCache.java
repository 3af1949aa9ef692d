package org.sham4j.compress;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import org.sham4j.data.Dataset;
import org.sham4j.data.HeadFeatures;
import org.sham4j.model.graph.FrozenHead;
import org.sham4j.model.graph.Graph;

/**
 * The results of a model's frozen head on a data set, computed once on the Java runtime and kept: every
 * fine-tuning and the final score of a compression use them, and so does every compression of a sweep that starts
 * from the same model, freezes the same nodes and trains on the same samples. Entries are keyed by the model and
 * the samples by identity (neither changes once built) and by the head's node names; all of them together hold at
 * most a quarter of the heap (a head whose results would not fit is not cached, and its compression trains the
 * whole graph). Safe for concurrent use: a second caller of the same entry waits for the first one's result.
 */
public final class HeadCache {
    private final long maxBytes;
    private final AtomicLong held = new AtomicLong();
    private final ConcurrentHashMap<Key, FutureTask<Dataset>> entries = new ConcurrentHashMap<>();

    /** A cache holding at most a quarter of the heap. */
    public HeadCache() {
        this(Runtime.getRuntime().maxMemory() / 4);
    }

    /** A cache holding at most {@code maxBytes} of head results. */
    public HeadCache(long maxBytes) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be at least 0, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    /** What {@link #features} gave: the tail's data set, and whether an earlier call computed it. */
    public record Features(Dataset data, boolean reused) {
    }

    /**
     * The samples of {@code data} as the tail of {@code cut} (a cut of {@code graph}) sees them, computed now or by
     * an earlier call; null when they would exceed what the cache may still hold.
     */
    public Features features(FrozenHead cut, Graph graph, Dataset data) {
        Key key = new Key(graph, Set.copyOf(cut.headNodes()), data);
        FutureTask<Dataset> task = new FutureTask<>(() -> {
            Dataset features = HeadFeatures.of(cut, graph, data, Math.max(0, maxBytes - held.get()));
            if (features != null) {
                held.addAndGet(HeadFeatures.bytes(features));
            }
            return features;
        });
        FutureTask<Dataset> earlier = entries.putIfAbsent(key, task);
        if (earlier == null) {
            task.run();
        }
        Dataset features = get(earlier == null ? task : earlier);
        if (features == null) {
            entries.remove(key, earlier == null ? task : earlier);
            return null;
        }
        return new Features(features, earlier != null);
    }

    private static Dataset get(FutureTask<Dataset> task) {
        try {
            return task.get();
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting for a frozen head's results", e);
        }
    }

    /** Bytes of head results held. */
    public long bytes() {
        return held.get();
    }

    /** A model and its samples by identity, with the names of its head's nodes. */
    private static final class Key {
        private final Graph graph;
        private final Set<String> head;
        private final Dataset data;

        Key(Graph graph, Set<String> head, Dataset data) {
            this.graph = graph;
            this.head = head;
            this.data = data;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.graph == graph && k.data.train() == data.train()
                    && k.data.test() == data.test() && k.head.equals(head);
        }

        @Override
        public int hashCode() {
            return Objects.hash(System.identityHashCode(graph), System.identityHashCode(data.train()),
                    System.identityHashCode(data.test()), head);
        }
    }
}
