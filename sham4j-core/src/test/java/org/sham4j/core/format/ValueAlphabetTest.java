package org.sham4j.core.format;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/** The alphabet's values (by bit pattern) and counts, against a tree map, for few and for very many values. */
class ValueAlphabetTest {
    private static void check(float[] values, long zeros) {
        TreeMap<Integer, Long> expected = new TreeMap<>();
        for (float v : values) {
            expected.merge(Float.floatToRawIntBits(v), 1L, Long::sum);
        }
        if (zeros > 0) {
            expected.merge(0, zeros, Long::sum);
        }
        ValueAlphabet a = ValueAlphabet.of(values, values.length, zeros);
        assertEquals(expected.size(), a.size());
        int s = 0;
        for (var e : expected.entrySet()) {
            assertEquals(e.getKey(), Float.floatToRawIntBits(a.value(s)));
            assertEquals(e.getValue(), a.count(s));
            assertEquals(s, a.symbolOf(a.value(s)));
            s++;
        }
    }

    @Test
    void fewValuesWithSignsAndZeros() {
        Random rnd = new Random(1);
        float[] v = new float[100_000];
        for (int p = 0; p < v.length; p++) {
            v[p] = (rnd.nextInt(41) - 20) * 0.25f;
            v[p] = v[p] == 0f ? -1.5f : v[p];
        }
        check(v, 0);
        check(v, 12_345_678_901L);
    }

    @Test
    void moreDistinctValuesThanTheHashTableTakes() {
        float[] v = new float[1_500_000];
        Random rnd = new Random(2);
        for (int p = 0; p < v.length; p++) {
            v[p] = (float) rnd.nextGaussian() + 1e-3f;
        }
        check(v, 5);
    }
}
