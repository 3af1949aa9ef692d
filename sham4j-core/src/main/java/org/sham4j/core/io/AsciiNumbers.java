package org.sham4j.core.io;

import java.nio.charset.StandardCharsets;

/**
 * Parses decimal numbers from ASCII bytes without creating strings. Syntax is strict: an optional sign,
 * digits with an optional point, an optional exponent; {@code nan}, {@code inf} and {@code infinity} are
 * accepted (any case) so that callers can refuse them by name. Failures throw {@link NumberFormatException}.
 */
final class AsciiNumbers {
    private static final int MAX_EXACT_DIGITS = 18;
    private static final long MAX_EXACT_MANTISSA = 1L << 53;
    private static final double[] POWERS_OF_TEN = new double[23];

    static {
        POWERS_OF_TEN[0] = 1;
        for (int k = 1; k < POWERS_OF_TEN.length; k++) {
            POWERS_OF_TEN[k] = POWERS_OF_TEN[k - 1] * 10;
        }
    }

    private AsciiNumbers() {
    }

    /** A signed decimal integer that fits a long. */
    static long parseLong(byte[] b, int len) {
        int p = len > 0 && (b[0] == '-' || b[0] == '+') ? 1 : 0;
        if (p == len) {
            throw new NumberFormatException();
        }
        boolean negative = b[0] == '-';
        long v = 0;
        for (; p < len; p++) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) {
                throw new NumberFormatException();
            }
            v = Math.addExact(Math.multiplyExact(v, 10), negative ? -d : d);
        }
        return v;
    }

    /**
     * A decimal number as the nearest double. The common case (at most 18 significant digits whose value
     * is below 2<sup>53</sup>, decimal exponent within 22) is computed exactly with one rounding; the rest
     * goes to {@link Double#parseDouble} once the syntax has been checked.
     */
    static double parseDouble(byte[] b, int len) {
        int p = 0;
        boolean negative = false;
        if (len > 0 && (b[0] == '-' || b[0] == '+')) {
            negative = b[0] == '-';
            p = 1;
        }
        if (p < len && (b[p] | 0x20) >= 'a' && (b[p] | 0x20) <= 'z') {
            double special = special(b, p, len);
            return negative ? -special : special;
        }
        long mantissa = 0;
        int digits = 0;
        int exponent = 0;
        boolean exact = true;
        boolean anyDigit = false;
        boolean point = false;
        for (; p < len; p++) {
            int c = b[p];
            if (c == '.' && !point) {
                point = true;
                continue;
            }
            int d = c - '0';
            if (d < 0 || d > 9) {
                break;
            }
            anyDigit = true;
            if (digits < MAX_EXACT_DIGITS) {
                mantissa = mantissa * 10 + d;
                if (mantissa != 0) {
                    digits++;
                }
                if (point) {
                    exponent--;
                }
            } else {
                exact &= d == 0;
                if (!point) {
                    exponent++;
                }
            }
        }
        if (!anyDigit) {
            throw new NumberFormatException();
        }
        if (p < len) {
            if ((b[p] | 0x20) != 'e') {
                throw new NumberFormatException();
            }
            exponent += exponentPart(b, p + 1, len);
        }
        double v;
        if (exact && mantissa <= MAX_EXACT_MANTISSA && Math.abs(exponent) < POWERS_OF_TEN.length) {
            v = exponent >= 0 ? mantissa * POWERS_OF_TEN[exponent] : mantissa / POWERS_OF_TEN[-exponent];
            return negative ? -v : v;
        }
        return Double.parseDouble(new String(b, 0, len, StandardCharsets.ISO_8859_1));
    }

    private static int exponentPart(byte[] b, int p, int len) {
        boolean negative = false;
        if (p < len && (b[p] == '-' || b[p] == '+')) {
            negative = b[p] == '-';
            p++;
        }
        if (p == len) {
            throw new NumberFormatException();
        }
        int e = 0;
        for (; p < len; p++) {
            int d = b[p] - '0';
            if (d < 0 || d > 9) {
                throw new NumberFormatException();
            }
            e = Math.min(e * 10 + d, 1_000_000);
        }
        return negative ? -e : e;
    }

    private static double special(byte[] b, int p, int len) {
        String word = new String(b, p, len - p, StandardCharsets.ISO_8859_1).toLowerCase(java.util.Locale.ROOT);
        switch (word) {
            case "nan":
                return Double.NaN;
            case "inf":
            case "infinity":
                return Double.POSITIVE_INFINITY;
            default:
                throw new NumberFormatException();
        }
    }
}
