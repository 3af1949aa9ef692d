package org.sham4j.core.io;

import static java.nio.ByteOrder.BIG_ENDIAN;
import static java.nio.ByteOrder.LITTLE_ENDIAN;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.sham4j.core.io.IoFixtures.assertInvalid;
import static org.sham4j.core.io.IoFixtures.cut;
import static org.sham4j.core.io.IoFixtures.floats;
import static org.sham4j.core.io.IoFixtures.npy;
import static org.sham4j.core.io.IoFixtures.write;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;

class NpyReaderTest {
    private static final double[] SIX = {1.5, 0, -2, 0.1, 3e-5, -0.0};
    private static final DenseMatrix TWO_BY_THREE = new DenseMatrix(2, 3,
            new float[] {1.5f, 0, -2, 0.1f, 3e-5f, 0});

    @TempDir
    Path dir;

    private SparseMatrix read(byte[] bytes) throws IOException {
        return NpyReader.read(write(dir, "W.npy", bytes));
    }

    private void assertRefused(byte[] bytes, String... words) {
        assertInvalid(() -> read(bytes), words);
    }

    @ParameterizedTest(name = "{0}{1}")
    @CsvSource({"<,4", "<,8", ">,4", ">,8", "=,4", "|,4"})
    void floatDtypesInCOrder(String order, int size) throws IOException {
        ByteOrder bytes = order.equals(">") ? BIG_ENDIAN : order.equals("=") ? ByteOrder.nativeOrder() : LITTLE_ENDIAN;
        SparseMatrix m = read(npy(order + "f" + size, "(2, 3)", floats(bytes, size, SIX)));
        assertEquals(TWO_BY_THREE, m.toDense());
        assertEquals(4, m.nnz(), "zeros of either sign are not stored");
    }

    @Test
    void fortranOrderIsColumnMajor() throws IOException {
        byte[] data = floats(BIG_ENDIAN, 8, 1.5, 0.1, 0, 3e-5, -2, 0);
        SparseMatrix m = read(npy(1, "{'descr': '>f8', 'fortran_order': True, 'shape': (2, 3), }", data));
        assertEquals(TWO_BY_THREE, m.toDense());
    }

    @Test
    void versionTwoAndThreeHeaders() throws IOException {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (2, 3), }";
        assertEquals(TWO_BY_THREE, read(npy(2, dict, floats(LITTLE_ENDIAN, 4, SIX))).toDense());
        assertEquals(TWO_BY_THREE, read(npy(3, dict, floats(LITTLE_ENDIAN, 4, SIX))).toDense());
    }

    @Test
    void headerIsParsedAsAPythonLiteral() throws IOException {
        String dict = "{ \"shape\" : [2L,3L] ,\n'fortran_order':False,'descr':\"<f4\"}";
        assertEquals(TWO_BY_THREE, read(npy(1, dict, floats(LITTLE_ENDIAN, 4, SIX))).toDense());
    }

    @Test
    void halfFloats() throws IOException {
        short[] halves = {0x3c00, (short) 0xc000, 0x0001, 0x7bff, (short) 0x8000, 0x3555};
        ByteBuffer b = ByteBuffer.allocate(12).order(LITTLE_ENDIAN);
        for (short h : halves) {
            b.putShort(h);
        }
        DenseMatrix d = read(npy("<f2", "(3, 2)", b.array())).toDense();
        assertEquals(new DenseMatrix(3, 2, new float[] {1, -2, 0x1p-24f, 65504, 0, 0.333251953125f}), d);
    }

    @Test
    void emptyMatrix() throws IOException {
        SparseMatrix m = read(npy("<f4", "(0, 7)", new byte[0]));
        assertEquals(0, m.rows());
        assertEquals(7, m.cols());
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource(delimiter = ';', value = {
        "<f4; (300,); array 'W' has 1-D shape (300,), a matrix needs 2 dimensions",
        "<f4; (); array 'W' has 0-D shape (), a matrix needs 2 dimensions",
        "<f4; (2, 3, 4); array 'W' has 3-D shape (2, 3, 4)",
        "<i8; (2, 3); array 'W' has dtype '<i8', a matrix needs float16, float32 or float64",
        "|b1; (2, 3); array 'W' has dtype '|b1'",
        "|O; (2, 3); array 'W' has dtype '|O'",
        "<c8; (2, 3); array 'W' has dtype '<c8'",
        "<u4; (2, 3); array 'W' has dtype '<u4'",
    })
    void nonMatricesAreRefusedByNameDtypeAndShape(String descr, String shape, String words) {
        assertRefused(npy(descr, shape, new byte[64]), "W.npy: " + words);
    }

    @Test
    void structuredDtypeIsRefused() {
        assertRefused(npy(1, "{'descr': [('a', '<f4')], 'fortran_order': False, 'shape': (2, 2), }", new byte[16]),
                "W.npy: array 'W' has a structured dtype");
    }

    @Test
    void dataShorterOrLongerThanTheShapeIsRefused() {
        byte[] good = npy("<f4", "(2, 3)", floats(LITTLE_ENDIAN, 4, SIX));
        assertRefused(cut(good, good.length - 1), "W.npy", "holds 23 bytes of data",
                "shape (2, 3) of '<f4' needs 24 bytes");
        assertRefused(cut(good, good.length + 4), "W.npy", "holds 28 bytes of data");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "product over the limit | (100000, 100000) | shape 100000x100000 has more than",
        "dimension over int | (4294967296, 1) | has more than",
        "product overflows long | (9223372036854775807, 9223372036854775807) | has more than",
        "integer beyond long | (99999999999999999999, 2) | integer '99999999999999999999'",
        "negative dimension | (-1, 2) | 'shape' is not a tuple of non-negative integers",
    })
    void forgedShapesAreRefusedBeforeAllocating(String name, String shape, String words) {
        assertRefused(npy("<f4", shape, new byte[8]), "W.npy", words);
    }

    @Test
    void nonFiniteValuesAreRefusedWithTheirPosition() {
        assertRefused(npy("<f4", "(2, 3)", floats(LITTLE_ENDIAN, 4, 1, 2, 3, 4, Double.NaN, 6)),
                "W.npy: NaN at (1, 1)");
        assertRefused(npy(1, "{'descr': '<f4', 'fortran_order': True, 'shape': (2, 3), }",
                floats(LITTLE_ENDIAN, 4, 1, 2, 3, Double.NEGATIVE_INFINITY, 5, 6)), "W.npy: infinite value at (1, 1)");
        assertRefused(npy("<f8", "(1, 2)", floats(LITTLE_ENDIAN, 8, 1, 1e300)),
                "W.npy: value 1.0E300 (too large for float32) at (0, 1)");
        assertRefused(npy("<f2", "(1, 1)", new byte[] {0, 0x7e}), "W.npy: NaN at (0, 0)");
    }

    @Test
    void forgedHeaderLengthIsRefused() {
        byte[] v2 = npy(2, "{'descr': '<f4', 'fortran_order': False, 'shape': (1, 1), }", new byte[4]);
        ByteBuffer.wrap(v2).order(LITTLE_ENDIAN).putInt(8, -1);
        assertRefused(v2, "W.npy", "header length 4294967295 exceeds the limit");
        byte[] v1 = npy("<f4", "(1, 1)", new byte[4]);
        ByteBuffer.wrap(v1).order(LITTLE_ENDIAN).putShort(8, (short) 60000);
        assertRefused(v1, "W.npy", "truncated header");
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
        "missing key | {'descr': '<f4', 'shape': (2, 2)} | keys [descr, shape], expected [descr, fortran_order, shape]",
        "extra key | {'descr': '<f4', 'fortran_order': False, 'shape': (2, 2), 'x': 1} | keys [descr, fortran_order, shape, x]",
        "not a dict | [1, 2] | not a dict",
        "bad order | {'descr': '<f4', 'fortran_order': 0, 'shape': (2, 2)} | 'fortran_order' is not True or False",
        "shape not a tuple | {'descr': '<f4', 'fortran_order': False, 'shape': 4} | 'shape' is not a tuple",
        "unterminated | {'descr': '<f4 | unterminated string",
        "unclosed | {'descr': '<f4', | ends before '}'",
        "no value | {'descr': | ends where a value was expected",
        "garbage after | {'descr': '<f4', 'fortran_order': False, 'shape': (2, 2)} x | unexpected 'x'",
        "missing colon | {'descr' '<f4'} | expected ':'",
        "float value | {'descr': 1.5} | expected ',' or '}'",
        "eval attempt | {'descr': __import__('os')} | unexpected '__import__",
    })
    void malformedHeadersAreRefused(String name, String dict, String words) {
        assertRefused(npy(1, dict, new byte[16]), "W.npy: bad header", words);
    }

    @Test
    void deeplyNestedHeaderIsRefused() {
        assertRefused(npy(2, "(".repeat(50_000), new byte[0]), "W.npy: bad header", "nested more than");
    }

    @Test
    void badMagicVersionAndTruncation() {
        assertRefused("not numpy at all".getBytes(), "W.npy: not a NumPy .npy file");
        assertRefused(new byte[0], "W.npy: not a NumPy .npy file");
        byte[] good = npy("<f4", "(1, 1)", new byte[4]);
        byte[] v4 = good.clone();
        v4[6] = 4;
        assertRefused(v4, "W.npy: unsupported .npy format version 4.0");
        assertRefused(cut(good, 7), "W.npy: truncated header");
        assertRefused(cut(good, 9), "W.npy: truncated header");
        assertRefused(cut(good, 40), "W.npy: truncated header (30 of 118 bytes)");
    }
}
