package org.sham4j.core.io;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AsciiNumbersTest {
    private static double parseDouble(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return AsciiNumbers.parseDouble(b, b.length);
    }

    private static long parseLong(String s) {
        byte[] b = s.getBytes(StandardCharsets.US_ASCII);
        return AsciiNumbers.parseLong(b, b.length);
    }

    @Test
    void agreesWithDoubleParseDoubleBitForBit() {
        Random random = new Random(7);
        for (int k = 0; k < 200_000; k++) {
            double v = k % 2 == 0 ? Float.intBitsToFloat(random.nextInt()) : Double.longBitsToDouble(random.nextLong());
            if (!Double.isFinite(v)) {
                continue;
            }
            String[] forms = {Double.toString(v), Float.toString((float) v), String.format(Locale.ROOT, "%.9g", v),
                String.format(Locale.ROOT, "%.17e", v), String.format(Locale.ROOT, "%.6f", v % 1e6)};
            for (String s : forms) {
                assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(parseDouble(s)),
                        s);
            }
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"0", "-0", "1.", ".5", "+3", "1e0", "1E+22", "9007199254740993", "123456789012345678901234",
        "0.000000000000000000000000000001", "4.9e-324", "2e-324", "1.7976931348623157e308", "1e400", "00012.5000"})
    void edgeCasesAgreeWithDoubleParseDouble(String s) {
        assertEquals(Double.doubleToRawLongBits(Double.parseDouble(s)), Double.doubleToRawLongBits(parseDouble(s)));
    }

    @Test
    void specialValuesAreRecognisedSoThatTheyCanBeRefused() {
        assertEquals(Double.NaN, parseDouble("NaN"));
        assertEquals(Double.NEGATIVE_INFINITY, parseDouble("-inf"));
        assertEquals(Double.POSITIVE_INFINITY, parseDouble("Infinity"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-", ".", "1..2", "1e", "1e+", "e5", "1.5f", "0x10", "1d", "--1", "1 ", "nanx", "1e5.5"})
    void malformedNumbersAreRefused(String s) {
        assertThrows(NumberFormatException.class, () -> parseDouble(s));
    }

    @Test
    void longs() {
        assertEquals(Long.MAX_VALUE, parseLong("9223372036854775807"));
        assertEquals(Long.MIN_VALUE, parseLong("-9223372036854775808"));
        assertEquals(42, parseLong("+42"));
        assertThrows(ArithmeticException.class, () -> parseLong("9223372036854775808"));
        assertThrows(NumberFormatException.class, () -> parseLong("-"));
        assertThrows(NumberFormatException.class, () -> parseLong("1.0"));
        assertThrows(NumberFormatException.class, () -> parseLong(""));
    }
}
