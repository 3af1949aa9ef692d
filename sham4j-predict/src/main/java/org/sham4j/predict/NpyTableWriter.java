package org.sham4j.predict;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

/**
 * NumPy output: the model's outputs as one little-endian float32 array (rows, outputs), C order; the text columns
 * are left out. The header is written with room for any row count and completed at the end.
 */
final class NpyTableWriter implements TableWriter {
    /** Header bytes: magic, version, length, and the padded dictionary; a multiple of 64. */
    private static final int HEADER = 128;
    private final OutputFile file;
    private final int width;
    private long rows;

    NpyTableWriter(Path path, int width) throws IOException {
        this.file = new OutputFile(path);
        this.width = width;
        file.channel.write(ByteBuffer.wrap(header(0)));
    }

    private byte[] header(long n) {
        String dict = "{'descr': '<f4', 'fortran_order': False, 'shape': (" + n + ", " + width + "), }";
        StringBuilder sb = new StringBuilder(dict);
        while (sb.length() < HEADER - 10 - 1) {
            sb.append(' ');
        }
        sb.append('\n');
        byte[] text = sb.toString().getBytes(StandardCharsets.US_ASCII);
        ByteBuffer b = ByteBuffer.allocate(HEADER).order(ByteOrder.LITTLE_ENDIAN);
        b.put((byte) 0x93).put("NUMPY".getBytes(StandardCharsets.US_ASCII)).put((byte) 1).put((byte) 0);
        b.putShort((short) text.length).put(text);
        return b.array();
    }

    @Override
    public void write(String[][] text, float[] values, int n) throws IOException {
        ByteBuffer b = ByteBuffer.allocate(4 * n * width).order(ByteOrder.LITTLE_ENDIAN);
        b.asFloatBuffer().put(values, 0, n * width);
        while (b.hasRemaining()) {
            file.channel.write(b);
        }
        rows += n;
    }

    @Override
    public void commit() throws IOException {
        file.channel.write(ByteBuffer.wrap(header(rows)), 0);
        file.commit();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
