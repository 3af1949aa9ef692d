package org.sham4j.compress;

import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.atomic.AtomicLong;
import org.sham4j.data.Dataset;
import org.sham4j.data.HeadFeatures;
import org.sham4j.data.Samples;
import org.sham4j.djl.DjlModel;
import org.sham4j.model.graph.FrozenHead;
import org.sham4j.model.graph.Graph;

/**
 * The results of a model's frozen head on a data set, computed once and kept: every fine-tuning, the original's
 * score and the final score of a compression use them, and so does every compression of a sweep that starts from
 * the same model, freezes the same nodes and trains on the same samples. The training samples' head runs on
 * PyTorch (the engine fine-tuning runs on, so the tail trains on what the whole graph would compute), the test
 * samples' on the Java runtime by default (so scores on them equal the whole graph's on the Java runtime), or on
 * PyTorch when the cache is made so (a large convolutional head, e.g. VGG19's, runs about 4 times faster there; the
 * tail's stored layers still score on the Java runtime, on the head's results to float rounding). Entries are keyed
 * by the model and the samples by identity (neither changes once built) and by the head's node names; together
 * they hold at most a quarter of the heap (a head whose results would not fit is not cached, and its compression
 * trains and scores the whole graph). Safe for concurrent use: a second caller of an entry waits for the first one's
 * result.
 */
public final class HeadCache {
    private final long maxBytes;
    private final HeadFeatures.Engine testEngine;
    private final AtomicLong held = new AtomicLong();
    private final ConcurrentHashMap<Key, FutureTask<Samples>> entries = new ConcurrentHashMap<>();

    /** A cache holding at most a quarter of the heap. */
    public HeadCache() {
        this(Runtime.getRuntime().maxMemory() / 4);
    }

    /** A cache holding at most {@code maxBytes} of head results, the test samples' computed on the Java runtime. */
    public HeadCache(long maxBytes) {
        this(maxBytes, HeadFeatures.JAVA);
    }

    /** A cache holding at most {@code maxBytes} of head results, the test samples' computed on {@code testEngine}. */
    public HeadCache(long maxBytes, HeadFeatures.Engine testEngine) {
        if (maxBytes < 0) {
            throw new IllegalArgumentException("maxBytes must be at least 0, got " + maxBytes);
        }
        this.maxBytes = maxBytes;
        this.testEngine = Objects.requireNonNull(testEngine, "testEngine");
    }

    /** A cache holding at most a quarter of the heap, the test samples' head run on PyTorch too. */
    public static HeadCache testsOnPyTorch() {
        return new HeadCache(Runtime.getRuntime().maxMemory() / 4, DjlModel.HEADS);
    }

    /** What {@link #features} gave: the tail's data set, and whether earlier calls had computed all of it. */
    public record Features(Dataset data, boolean reused) {
    }

    /**
     * The training and test samples of {@code data} as the tail of {@code cut} (a cut of {@code graph}) sees them,
     * computed now or by an earlier call; null when what is not cached yet would not fit.
     */
    public Features features(FrozenHead cut, Graph graph, Dataset data) {
        Key train = new Key(graph, cut, data.train(), true);
        Key test = new Key(graph, cut, data.test(), false);
        long needed = (entries.containsKey(train) ? 0 : HeadFeatures.bytes(cut, graph, data.train()))
                + (entries.containsKey(test) ? 0 : HeadFeatures.bytes(cut, graph, data.test()));
        if (held.get() + needed > maxBytes) {
            return null;
        }
        boolean reused = entries.containsKey(train) && entries.containsKey(test);
        Samples testFeatures = get(test, () -> HeadFeatures.samples(cut, graph, data.test(), testEngine));
        Samples trainFeatures = get(train, () -> HeadFeatures.samples(cut, graph, data.train(), DjlModel.HEADS));
        return new Features(new Dataset(data.name(), trainFeatures, testFeatures, data.classes()), reused);
    }

    /**
     * The test samples of {@code data} as the tail of {@code cut} sees them (the head on the test engine), computed
     * now or by an earlier call; null when they would not fit.
     */
    public Samples testFeatures(FrozenHead cut, Graph graph, Dataset data) {
        Key test = new Key(graph, cut, data.test(), false);
        if (!entries.containsKey(test) && held.get() + HeadFeatures.bytes(cut, graph, data.test()) > maxBytes) {
            return null;
        }
        return get(test, () -> HeadFeatures.samples(cut, graph, data.test(), testEngine));
    }

    /** Bytes of head results held. */
    public long bytes() {
        return held.get();
    }

    private Samples get(Key key, Callable<Samples> compute) {
        FutureTask<Samples> task = new FutureTask<>(() -> {
            Samples s = compute.call();
            held.addAndGet(HeadFeatures.bytes(s));
            return s;
        });
        FutureTask<Samples> earlier = entries.putIfAbsent(key, task);
        if (earlier == null) {
            task.run();
        }
        FutureTask<Samples> used = earlier == null ? task : earlier;
        try {
            return used.get();
        } catch (ExecutionException e) {
            entries.remove(key, used);
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

    /** A model and samples by identity, the names of the head's nodes, and whether they are training samples. */
    private static final class Key {
        private final Graph graph;
        private final Set<String> head;
        private final Samples samples;
        private final boolean train;

        Key(Graph graph, FrozenHead cut, Samples samples, boolean train) {
            this.graph = graph;
            this.head = Set.copyOf(cut.headNodes());
            this.samples = samples;
            this.train = train;
        }

        @Override
        public boolean equals(Object o) {
            return o instanceof Key k && k.graph == graph && k.samples == samples && k.train == train
                    && k.head.equals(head);
        }

        @Override
        public int hashCode() {
            return Objects.hash(System.identityHashCode(graph), System.identityHashCode(samples), train, head);
        }
    }
}
