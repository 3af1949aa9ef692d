package org.sham4j.predict;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Parquet output without Hadoop: a flat schema of optional UTF-8 string columns (the text passed through) and
 * required float32 columns (the outputs), in row groups of at most {@link #ROW_GROUP} rows, each column chunk one
 * uncompressed data page (v1) of PLAIN values, definition levels RLE-coded; the footer in Thrift's compact
 * protocol. Spark, pandas/pyarrow and DuckDB read it.
 */
final class ParquetTableWriter implements TableWriter {
    /** Rows per row group. */
    static final int ROW_GROUP = 1 << 16;
    private static final byte[] MAGIC = "PAR1".getBytes(StandardCharsets.US_ASCII);
    private static final int BYTE_ARRAY = 6;
    private static final int FLOAT = 4;
    private static final int PLAIN = 0;
    private static final int RLE = 3;

    private final OutputFile file;
    private final List<String> textColumns;
    private final List<String> valueColumns;
    private final List<List<String>> text = new ArrayList<>();
    private final List<float[]> values = new ArrayList<>();
    private final List<byte[]> groups = new ArrayList<>();
    private int buffered;
    private long rows;
    private long offset;

    ParquetTableWriter(Path path, List<String> textColumns, List<String> valueColumns) throws IOException {
        this.file = new OutputFile(path);
        this.textColumns = List.copyOf(textColumns);
        this.valueColumns = List.copyOf(valueColumns);
        for (int c = 0; c < textColumns.size(); c++) {
            text.add(new ArrayList<>());
        }
        for (int c = 0; c < valueColumns.size(); c++) {
            values.add(new float[ROW_GROUP]);
        }
        put(MAGIC);
    }

    @Override
    public void write(String[][] cells, float[] outputs, int n) throws IOException {
        int width = valueColumns.size();
        for (int i = 0; i < n; i++) {
            for (int c = 0; c < textColumns.size(); c++) {
                text.get(c).add(cells[c][i]);
            }
            for (int c = 0; c < width; c++) {
                values.get(c)[buffered] = outputs[i * width + c];
            }
            if (++buffered == ROW_GROUP) {
                flush();
            }
        }
    }

    /** Writes the buffered rows as a row group and keeps its footer entry. */
    private void flush() throws IOException {
        if (buffered == 0) {
            return;
        }
        CompactThrift group = new CompactThrift().begin();
        group.list(1, CompactThrift.STRUCT, textColumns.size() + valueColumns.size());
        long groupBytes = 0;
        for (int c = 0; c < textColumns.size(); c++) {
            groupBytes += chunk(group, textColumns.get(c), BYTE_ARRAY, textPage(text.get(c)));
            text.get(c).clear();
        }
        for (int c = 0; c < valueColumns.size(); c++) {
            ByteBuffer b = ByteBuffer.allocate(4 * buffered).order(ByteOrder.LITTLE_ENDIAN);
            b.asFloatBuffer().put(values.get(c), 0, buffered);
            groupBytes += chunk(group, valueColumns.get(c), FLOAT, new Page(b.array(), buffered, false));
        }
        group.i64(2, groupBytes).i64(3, buffered).end();
        groups.add(group.bytes());
        rows += buffered;
        buffered = 0;
    }

    /** A page's content: definition levels (when optional) then PLAIN values. */
    private record Page(byte[] data, int values, boolean optional) {
    }

    private Page textPage(List<String> column) {
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        byte[] levels = levels(column);
        int len = levels.length;
        data.write(len);
        data.write(len >>> 8);
        data.write(len >>> 16);
        data.write(len >>> 24);
        data.write(levels, 0, levels.length);
        for (String s : column) {
            if (s != null) {
                byte[] b = s.getBytes(StandardCharsets.UTF_8);
                int n = b.length;
                data.write(n);
                data.write(n >>> 8);
                data.write(n >>> 16);
                data.write(n >>> 24);
                data.write(b, 0, n);
            }
        }
        return new Page(data.toByteArray(), column.size(), true);
    }

    /** Definition levels (1 present, 0 null) as RLE runs of the hybrid encoding, bit width 1. */
    private static byte[] levels(List<String> column) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int i = 0;
        while (i < column.size()) {
            boolean present = column.get(i) != null;
            int run = 1;
            while (i + run < column.size() && (column.get(i + run) != null) == present) {
                run++;
            }
            long header = (long) run << 1;
            while ((header & ~0x7FL) != 0) {
                out.write((int) (header & 0x7F) | 0x80);
                header >>>= 7;
            }
            out.write((int) header);
            out.write(present ? 1 : 0);
            i += run;
        }
        return out.toByteArray();
    }

    /** Writes one column chunk (page header and page) and adds its ColumnChunk to the row group; its bytes. */
    private long chunk(CompactThrift group, String name, int type, Page page) throws IOException {
        CompactThrift header = new CompactThrift().begin()
                .i32(1, 0) // DATA_PAGE
                .i32(2, page.data().length)
                .i32(3, page.data().length)
                .struct(5).i32(1, page.values()).i32(2, PLAIN).i32(3, RLE).i32(4, RLE).end()
                .end();
        byte[] h = header.bytes();
        long start = offset;
        put(h);
        put(page.data());
        long size = h.length + page.data().length;
        group.begin().i64(2, start)
                .struct(3)
                .i32(1, type)
                .list(2, CompactThrift.I32, 2).i32(PLAIN).i32(RLE)
                .list(3, CompactThrift.BINARY, 1).binary(name)
                .i32(4, 0) // UNCOMPRESSED
                .i64(5, page.values())
                .i64(6, size)
                .i64(7, size)
                .i64(9, start)
                .end()
                .end();
        return size;
    }

    private void put(byte[] b) throws IOException {
        ByteBuffer buf = ByteBuffer.wrap(b);
        while (buf.hasRemaining()) {
            file.channel.write(buf);
        }
        offset += b.length;
    }

    @Override
    public void commit() throws IOException {
        flush();
        CompactThrift meta = new CompactThrift().begin().i32(1, 1);
        meta.list(2, CompactThrift.STRUCT, 1 + textColumns.size() + valueColumns.size());
        meta.begin().string(4, "schema").i32(5, textColumns.size() + valueColumns.size()).end();
        for (String c : textColumns) {
            meta.begin().i32(1, BYTE_ARRAY).i32(3, 1).string(4, c).i32(6, 0) // OPTIONAL, UTF8
                    .struct(10).struct(1).end().end() // LogicalType STRING
                    .end();
        }
        for (String c : valueColumns) {
            meta.begin().i32(1, FLOAT).i32(3, 0).string(4, c).end(); // REQUIRED
        }
        meta.i64(3, rows);
        meta.list(4, CompactThrift.STRUCT, groups.size());
        byte[] head = meta.bytes();
        ByteArrayOutputStream footer = new ByteArrayOutputStream();
        footer.write(head);
        for (byte[] g : groups) {
            footer.write(g);
        }
        footer.write(createdBy());
        byte[] f = footer.toByteArray();
        put(f);
        ByteBuffer len = ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(f.length);
        put(len.array());
        put(MAGIC);
        file.commit();
    }

    /** Field 6 (created_by) relative to field 4, and the end of FileMetaData. */
    private static byte[] createdBy() {
        byte[] name = "sham4j version 0.1".getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.write(2 << 4 | CompactThrift.BINARY);
        out.write(name.length);
        out.write(name, 0, name.length);
        out.write(0);
        return out.toByteArray();
    }

    @Override
    public void close() throws IOException {
        file.close();
    }
}
