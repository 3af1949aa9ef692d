package org.sham4j.fuzz;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import java.util.zip.GZIPOutputStream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.sham4j.core.format.Formats;
import org.sham4j.core.format.MatrixFormat;
import org.sham4j.core.format.ShmFile;
import org.sham4j.core.io.MatrixMarketWriter;
import org.sham4j.core.io.NpyWriter;
import org.sham4j.core.matrix.DenseMatrix;
import org.sham4j.core.matrix.SparseMatrix;
import org.sham4j.model.io.ModelFile;
import org.sham4j.onnx.OnnxExporter;

/**
 * Writes the seed inputs of every fuzz test into the test resources ({@code <Class>Inputs/<method>/seed-*}), where
 * they start a campaign and the default test run replays them. Run once when a format changes:
 * {@code java -cp <test class path> org.sham4j.fuzz.Seeds sham4j-fuzz/src/test/resources/org/sham4j/fuzz}.
 * The same run writes the same bytes. Seeds of older layouts are kept by hand under other names, as inputs of the
 * readers' older paths: {@code ModelFuzzTestInputs/sham/seed-v2-*} are version 2 {@code .sham} files of models
 * 0 to 2.
 */
public final class Seeds {
    /** The zip entries' time (2024-01-01 UTC), so that the seeds are the same bytes on every run. */
    private static final long ZIP_TIME = 1_704_067_200_000L;
    /** The weight formats of the {@code .sham} seeds. */
    static final List<String> SHAM_FORMATS = List.of("sham", "gsham", "cser");

    private Seeds() {
    }

    public static void main(String[] args) throws IOException {
        Path root = Path.of(args[0]);
        Random rnd = new Random(1);
        SparseMatrix[] matrices = {random(rnd, 8, 7, 4, 0.5), SparseMatrix.fromDense(DenseMatrix.zeros(5, 3)), constant(4, 6, 0.75f), random(rnd, 1, 9, 2, 0.2), constant(0, 0, 1f)};
        for (MatrixFormat f : Formats.all()) {
            for (int k = 0; k < matrices.length; k++) {
                byte[] file = ShmFile.toBytes(f.encode(matrices[k]));
                write(root, "ShmFuzzTestInputs/" + f.name(), "seed-" + k, body(file));
                if (k < 2) {
                    write(root, "ShmFuzzTestInputs/shm", "seed-" + f.name() + "-" + k, file);
                }
            }
        }
        for (int which = 0; which < Models.COUNT; which++) {
            for (String format : SHAM_FORMATS) {
                write(root, "ModelFuzzTestInputs/sham", "seed-" + which + "-" + format,
                        ModelFile.toBytes(Models.model(which, format, which)));
            }
            write(root, "OnnxFuzzTestInputs/onnx", "seed-" + which,
                    OnnxExporter.toModel(Models.model(which, "dense", which)).toByteArray());
        }
        SparseMatrix m = random(rnd, 5, 4, 3, 0.4);
        ByteArrayOutputStream npy = new ByteArrayOutputStream();
        NpyWriter.write(npy, m.toDense());
        write(root, "NumpyFuzzTestInputs/npy", "seed-f4", npy.toByteArray());
        write(root, "NumpyFuzzTestInputs/npy", "seed-f2-fortran", npyFile("<f2", true, "(2, 3)", new byte[12]));
        write(root, "NumpyFuzzTestInputs/npy", "seed-i1-3d", npyFile("|i1", false, "(2, 1, 2)", new byte[] {1, 2, 3, 4}));
        write(root, "NumpyFuzzTestInputs/npz", "seed-deflated", zip(npy.toByteArray(), true));
        write(root, "NumpyFuzzTestInputs/npz", "seed-stored", zip(npy.toByteArray(), false));
        ByteArrayOutputStream mtx = new ByteArrayOutputStream();
        MatrixMarketWriter.write(mtx, m);
        write(root, "MatrixMarketFuzzTestInputs/mtx", "seed-coordinate", mtx.toByteArray());
        write(root, "MatrixMarketFuzzTestInputs/mtx", "seed-array", ascii("%%MatrixMarket matrix array real general\n"
                + "2 2\n1.5\n0\n-2e3\n4\n"));
        write(root, "MatrixMarketFuzzTestInputs/mtx", "seed-symmetric", ascii(
                "%%MatrixMarket matrix coordinate pattern symmetric\n% comment\n3 3 2\n1 1\n3 2\n"));
        write(root, "MatrixMarketFuzzTestInputs/mtx", "seed-skew", ascii(
                "%%MatrixMarket matrix coordinate integer skew-symmetric\n3 3 1\n2 1 7\n"));
        write(root, "MatrixMarketFuzzTestInputs/mtxGz", "seed-text", mtx.toByteArray());
        write(root, "MatrixMarketFuzzTestInputs/mtxGz", "seed-gzip", gzip(mtx.toByteArray()));
    }

    /** A file's body: what follows the magic, version, body length and format id, without the checksum. */
    private static byte[] body(byte[] file) {
        int at = 5;
        while ((file[at] & 0x80) != 0) {
            at++;
        }
        return Arrays.copyOfRange(file, at + 2, file.length - 4);
    }

    private static SparseMatrix random(Random rnd, int rows, int cols, int k, double zeros) {
        float[] w = new float[rows * cols];
        for (int e = 0; e < w.length; e++) {
            w[e] = rnd.nextDouble() < zeros ? 0f : (rnd.nextInt(k) + 1) * (rnd.nextBoolean() ? 0.5f : -0.25f);
        }
        return SparseMatrix.fromDense(new DenseMatrix(rows, cols, w));
    }

    private static SparseMatrix constant(int rows, int cols, float v) {
        float[] w = new float[rows * cols];
        Arrays.fill(w, v);
        return SparseMatrix.fromDense(new DenseMatrix(rows, cols, w));
    }

    private static byte[] npyFile(String descr, boolean fortran, String shape, byte[] data) {
        String dict = "{'descr': '" + descr + "', 'fortran_order': " + (fortran ? "True" : "False") + ", 'shape': "
                + shape + ", }";
        StringBuilder header = new StringBuilder(dict);
        while ((10 + header.length() + 1) % 64 != 0) {
            header.append(' ');
        }
        header.append('\n');
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(new byte[] {(byte) 0x93, 'N', 'U', 'M', 'P', 'Y', 1, 0, (byte) header.length(), 0});
        out.writeBytes(header.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.writeBytes(data);
        return out.toByteArray();
    }

    private static byte[] zip(byte[] npy, boolean deflate) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipOutputStream zip = new ZipOutputStream(bytes)) {
            for (String name : new String[] {"w.npy", "b.npy"}) {
                ZipEntry e = new ZipEntry(name);
                e.setTime(ZIP_TIME);
                if (!deflate) {
                    e.setMethod(ZipEntry.STORED);
                    e.setSize(npy.length);
                    CRC32 crc = new CRC32();
                    crc.update(npy);
                    e.setCrc(crc.getValue());
                }
                zip.putNextEntry(e);
                zip.write(npy);
                zip.closeEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] data) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (GZIPOutputStream out = new GZIPOutputStream(bytes)) {
            out.write(data);
        }
        return bytes.toByteArray();
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static void write(Path root, String dir, String name, byte[] data) throws IOException {
        Path d = root.resolve(dir);
        Files.createDirectories(d);
        Files.write(d.resolve(name), data);
    }
}
