package org.sham4j.core.prune;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class PolynomialScheduleTest {

    @Test
    void followsTheCubicFromInitialToFinal() {
        PolynomialSchedule s = new PolynomialSchedule(10, 90, 100);
        assertEquals(10, s.sparsityAt(-5));
        assertEquals(10, s.sparsityAt(0));
        assertEquals(90 - 80 / 8.0, s.sparsityAt(50), 1e-12);
        assertEquals(90, s.sparsityAt(100));
        assertEquals(90, s.sparsityAt(1000));
        for (int t = 1; t <= 100; t++) {
            assertTrue(s.sparsityAt(t) > s.sparsityAt(t - 1));
            assertTrue(s.sparsityAt(t) - s.sparsityAt(t - 1) <= s.sparsityAt(t - 1) - s.sparsityAt(Math.max(t - 2, 0))
                    + 1e-12 || t == 1, "prunes fast first, slowly last");
        }
    }

    @Test
    void exponentOneIsLinear() {
        PolynomialSchedule s = new PolynomialSchedule(0, 80, 8, 1);
        for (int t = 0; t <= 8; t++) {
            assertEquals(10.0 * t, s.sparsityAt(t), 1e-12);
        }
        assertEquals(80, new PolynomialSchedule(0, 80, 0).sparsityAt(0));
    }

    @Test
    void refusesBadArguments() {
        assertThrows(IllegalArgumentException.class, () -> new PolynomialSchedule(0, 101, 10));
        assertThrows(IllegalArgumentException.class, () -> new PolynomialSchedule(0, 50, -1));
        assertThrows(IllegalArgumentException.class, () -> new PolynomialSchedule(0, 50, 10, 0));
    }
}
