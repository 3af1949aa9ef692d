package org.sham4j.cli.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Several JVMs' product times: each time the median of theirs, and the slowest over the fastest as the spread. */
class ProductTimesTest {
    @Test
    void takesEachTimesMedianApart() {
        List<ProductTimes> runs = List.of(new ProductTimes(300, 10, 7, 1), new ProductTimes(100, 30, 5, 3),
                new ProductTimes(200, 20, 6, 2));
        assertEquals(new ProductTimes(200, 20, 6, 2), ProductTimes.median(runs));
        // An even count: the lower middle one, a time that was measured.
        assertEquals(new ProductTimes(100, 10, 5, 1),
                ProductTimes.median(List.of(new ProductTimes(100, 30, 5, 3), new ProductTimes(300, 10, 7, 1))));
        ProductTimes one = new ProductTimes(4, 3, 2, 1);
        assertEquals(one, ProductTimes.median(List.of(one)));
        assertThrows(IllegalArgumentException.class, () -> ProductTimes.median(List.of()));
    }

    @Test
    void spreadIsTheSlowestOverTheFastest() {
        List<ProductTimes> runs = List.of(new ProductTimes(300, 10, 7, 1), new ProductTimes(100, 30, 5, 3),
                new ProductTimes(200, 20, 6, 2));
        assertEquals(3.0, ProductTimes.spread(runs, ProductTimes::vector));
        assertEquals(3.0, ProductTimes.spread(runs, ProductTimes::batch));
        assertEquals(1.4, ProductTimes.spread(runs, ProductTimes::vectorThreaded), 1e-12);
        assertEquals(1.0, ProductTimes.spread(List.of(new ProductTimes(5, 5, 5, 5)), ProductTimes::vector));
        // A time of 0 (a clock that did not advance) does not divide by zero.
        assertEquals(7.0, ProductTimes.spread(List.of(new ProductTimes(0, 1, 1, 1), new ProductTimes(7, 1, 1, 1)),
                ProductTimes::vector));
    }
}
