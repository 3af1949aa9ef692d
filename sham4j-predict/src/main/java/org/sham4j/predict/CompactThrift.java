package org.sham4j.predict;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * The write side of Thrift's compact protocol, as much of it as Parquet's page headers and footer need: structs
 * (field headers with delta-coded ids), i32 and i64 as zigzag varints, binary and strings with a varint length,
 * and lists.
 */
final class CompactThrift {
    static final int I32 = 5;
    static final int I64 = 6;
    static final int BINARY = 8;
    static final int LIST = 9;
    static final int STRUCT = 12;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Deque<Integer> lastIds = new ArrayDeque<>();
    private int lastId;

    /** Starts a struct (the top-level one, or a field's or list element's value). */
    CompactThrift begin() {
        lastIds.push(lastId);
        lastId = 0;
        return this;
    }

    /** Ends the current struct. */
    CompactThrift end() {
        out.write(0);
        lastId = lastIds.pop();
        return this;
    }

    CompactThrift i32(int id, int value) {
        field(id, I32);
        varint(zigzag(value));
        return this;
    }

    CompactThrift i64(int id, long value) {
        field(id, I64);
        varint(zigzag(value));
        return this;
    }

    CompactThrift string(int id, String value) {
        field(id, BINARY);
        binary(value);
        return this;
    }

    /** A struct-valued field: call {@link #end()} after its fields. */
    CompactThrift struct(int id) {
        field(id, STRUCT);
        return begin();
    }

    /** A list field of {@code size} elements of {@code type}, written next (structs with begin/end). */
    CompactThrift list(int id, int type, int size) {
        field(id, LIST);
        if (size < 15) {
            out.write(size << 4 | type);
        } else {
            out.write(0xF0 | type);
            varint(size);
        }
        return this;
    }

    /** An i32 element of a list. */
    CompactThrift i32(int value) {
        varint(zigzag(value));
        return this;
    }

    /** A string element of a list. */
    CompactThrift binary(String value) {
        byte[] b = value.getBytes(StandardCharsets.UTF_8);
        varint(b.length);
        out.write(b, 0, b.length);
        return this;
    }

    byte[] bytes() {
        return out.toByteArray();
    }

    private void field(int id, int type) {
        int delta = id - lastId;
        if (delta > 0 && delta <= 15) {
            out.write(delta << 4 | type);
        } else {
            out.write(type);
            varint(zigzag(id));
        }
        lastId = id;
    }

    private void varint(long v) {
        while ((v & ~0x7FL) != 0) {
            out.write((int) (v & 0x7F) | 0x80);
            v >>>= 7;
        }
        out.write((int) v);
    }

    private static long zigzag(long v) {
        return v << 1 ^ v >> 63;
    }
}
