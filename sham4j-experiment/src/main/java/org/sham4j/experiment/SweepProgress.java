package org.sham4j.experiment;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The progress of a sweep on standard error: configurations done of the total, each running one with its stage
 * (and epoch and batch while it trains), and an estimate of the time left from the mean time of the configurations
 * this run finished. On a terminal the block is redrawn in place twice a second, finished configurations scrolling
 * above it; otherwise (a log file) each start, end and failure is one line and the running ones are listed once a
 * minute. Quiet: failures only.
 */
final class SweepProgress implements AutoCloseable {
    private static final long LOG_EVERY_NANOS = 60_000_000_000L;
    private final PrintStream err;
    private final int total;
    private final int workers;
    private final boolean quiet;
    private final boolean terminal;
    private final Slot[] slots;
    private final long start = System.nanoTime();
    private final ScheduledExecutorService redraw;
    private int done;
    private int ranHere;
    private int failed;
    private double secondsHere;
    private int drawn;
    private long lastLog = System.nanoTime();

    /** What one worker is running. */
    private static final class Slot {
        String label;
        String stage = "";
        String training = "";
    }

    SweepProgress(PrintStream err, int total, int doneBefore, int workers, boolean quiet, boolean terminal) {
        this.err = err;
        this.total = total;
        this.done = doneBefore;
        this.workers = workers;
        this.quiet = quiet;
        this.terminal = terminal && !quiet;
        this.slots = new Slot[workers];
        for (int w = 0; w < workers; w++) {
            slots[w] = new Slot();
        }
        if (quiet) {
            redraw = null;
        } else {
            redraw = Executors.newSingleThreadScheduledExecutor(r -> {
                Thread t = new Thread(r, "sweep-progress");
                t.setDaemon(true);
                return t;
            });
            long period = this.terminal ? 500 : 5_000;
            redraw.scheduleAtFixedRate(this::tick, period, period, TimeUnit.MILLISECONDS);
        }
    }

    synchronized void started(int worker, Configuration c) {
        slots[worker].label = c.label();
        slots[worker].stage = "starting";
        slots[worker].training = "";
        if (!terminal && !quiet) {
            err.printf("worker %d starts %s%n", worker + 1, c.label());
        }
        draw();
    }

    synchronized void stage(int worker, String stage) {
        slots[worker].stage = stage;
        slots[worker].training = "";
    }

    synchronized void batch(int worker, int epoch, int epochs, int batch, int batches) {
        slots[worker].training = String.format("epoch %d/%d batch %d/%d", epoch, epochs, batch + 1, batches);
    }

    synchronized void finished(int worker, String summary, double seconds) {
        done++;
        ranHere++;
        secondsHere += seconds;
        slots[worker].label = null;
        line(String.format("[%d/%d] %s (%.1f s)%s", done, total, summary, seconds, eta()));
    }

    synchronized void failed(int worker, Configuration c, String error) {
        failed++;
        slots[worker].label = null;
        clear();
        err.printf("configuration %s failed: %s%n", c.label(), error);
        draw();
    }

    /** A line above the progress block. */
    synchronized void line(String text) {
        if (quiet) {
            return;
        }
        clear();
        err.println(text);
        draw();
    }

    private int running() {
        int n = 0;
        for (Slot s : slots) {
            n += s.label != null ? 1 : 0;
        }
        return n;
    }

    private String eta() {
        int left = total - done - failed;
        if (ranHere == 0 || left <= 0) {
            return "";
        }
        double seconds = secondsHere / ranHere * left / workers;
        return "; eta " + duration(seconds);
    }

    static String duration(double seconds) {
        long s = Math.round(seconds);
        return s >= 3600 ? String.format("%dh%02dm", s / 3600, s / 60 % 60)
                : s >= 60 ? String.format("%dm%02ds", s / 60, s % 60) : s + "s";
    }

    private synchronized void tick() {
        if (terminal) {
            clear();
            draw();
        } else if (System.nanoTime() - lastLog >= LOG_EVERY_NANOS && running() > 0) {
            lastLog = System.nanoTime();
            err.println(status() + " | " + String.join(" | ", runningLines()));
        }
    }

    private String status() {
        return String.format("sweep: %d/%d done, %d running%s%s, %s elapsed", done, total, running(),
                failed > 0 ? ", " + failed + " failed" : "", eta(), duration((System.nanoTime() - start) / 1e9));
    }

    private List<String> runningLines() {
        List<String> out = new ArrayList<>();
        for (int w = 0; w < slots.length; w++) {
            Slot s = slots[w];
            if (s.label != null) {
                out.add(String.format("[%d] %s: %s%s", w + 1, s.label, s.stage,
                        s.training.isEmpty() ? "" : " " + s.training));
            }
        }
        return out;
    }

    private void draw() {
        if (!terminal) {
            return;
        }
        List<String> lines = new ArrayList<>();
        lines.add(status());
        for (String l : runningLines()) {
            lines.add("  " + l);
        }
        for (String l : lines) {
            err.print(l + "\u001b[K\n");
        }
        drawn = lines.size();
        err.flush();
    }

    private void clear() {
        if (terminal && drawn > 0) {
            err.print("\u001b[" + drawn + "A\u001b[J");
            drawn = 0;
        }
    }

    @Override
    public synchronized void close() {
        if (redraw != null) {
            redraw.shutdownNow();
        }
        clear();
        err.flush();
    }
}
