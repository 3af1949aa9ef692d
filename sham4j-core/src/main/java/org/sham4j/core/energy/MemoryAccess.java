package org.sham4j.core.energy;

/**
 * The reads and writes a computation makes to one array: how many, how wide each is, and the size of the array,
 * which sets what one access costs.
 *
 * @param array      what the array holds, e.g. {@code x} or {@code row indices}
 * @param arrayBytes the array's size in bytes
 * @param widthBits  bits moved by one access, 1 to 64
 * @param count      number of accesses
 */
public record MemoryAccess(String array, long arrayBytes, int widthBits, long count) {
    public MemoryAccess {
        if (array == null || array.isBlank()) {
            throw new IllegalArgumentException("a memory access needs the array's name");
        }
        if (arrayBytes < 0 || count < 0) {
            throw new IllegalArgumentException("array '" + array + "': negative size " + arrayBytes + " or count "
                    + count);
        }
        if (widthBits < 1 || widthBits > 64) {
            throw new IllegalArgumentException("array '" + array + "': access width " + widthBits
                    + " bits, expected 1 to 64");
        }
    }

    /** Whether {@code other} is to the same array at the same width, so that their counts add up. */
    boolean sameArray(MemoryAccess other) {
        return array.equals(other.array) && arrayBytes == other.arrayBytes && widthBits == other.widthBits;
    }
}
