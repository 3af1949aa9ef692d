package org.sham4j.compress;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.function.LongSupplier;
import org.junit.jupiter.api.Test;

/** The fastest sample, on fake clocks: a CPU clock that fails to advance over a sample is not believed. */
class TimerTest {
    /** A wall clock that advances 100 ns a read, and a CPU clock that advances by the given steps in turn. */
    private static final class Clocks {
        long wall;
        long cpu;
        int read;
        final long[] cpuSteps;

        Clocks(long... cpuSteps) {
            this.cpuSteps = cpuSteps;
        }

        LongSupplier wall() {
            return () -> wall += 100;
        }

        LongSupplier cpu() {
            return () -> cpu += cpuSteps[read++ % cpuSteps.length];
        }
    }

    @Test
    void aCpuClockThatDoesNotAdvanceIsNotTheFastestSample() {
        // Each sample reads the wall clock twice (100 apart) and the CPU clock twice: steps (0, 150) time it at 150;
        // (0, 0) is a sample the CPU clock missed; (0, 120) the true fastest.
        Clocks c = new Clocks(0, 150, 0, 0, 0, 120, 0, 170);
        long t = Timer.sample(() -> { }, 40, 1_000_000, c.cpu(), c.wall());
        assertEquals(120, t);
    }

    @Test
    void withNoSampleAtHalfItsWallTimeTheFastestIsTaken() {
        // Every sample has the CPU for under half its wall time of 100 (a busy machine): the fastest still counts.
        Clocks c = new Clocks(0, 40, 0, 30, 0, 45);
        assertEquals(30, Timer.sample(() -> { }, 40, 1_000_000, c.cpu(), c.wall()));
    }
}
