package org.sham4j.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipFile;
import org.sham4j.core.matrix.SparseMatrix;

/**
 * Reads the 2-D float arrays of a NumPy {@code .npz} archive (a zip of {@code .npy} members, stored or
 * deflated). The key of a member is its name without {@code .npy}. Member sizes recorded in the zip are
 * not trusted: the data of each member is checked against its own header as it is inflated.
 */
public final class NpzReader {
    private static final String NPY = ".npy";

    private NpzReader() {
    }

    /** Whether a file starting with {@code head} has the magic bytes of a zip archive. */
    static boolean recognises(byte[] head) {
        return head.length >= 4 && head[0] == 'P' && head[1] == 'K'
                && (head[2] == 3 && head[3] == 4 || head[2] == 5 && head[3] == 6);
    }

    /** Opens an archive; {@code source} names it in the message that refuses one that is not a zip. */
    static ZipFile open(Path file, String source) throws IOException {
        try {
            return new ZipFile(file.toFile());
        } catch (ZipException | EOFException e) {
            throw new InvalidInputException(source + ": not a readable zip archive (" + describe(e) + ")");
        }
    }

    /**
     * The {@code .npy} members of an archive. The JDK's zip reader throws an IllegalArgumentException for an
     * entry name that is not valid UTF-8: it becomes an InvalidInputException.
     */
    static List<ZipEntry> entries(ZipFile zip, String source) throws InvalidInputException {
        try {
            return zip.stream().filter(e -> !e.isDirectory() && e.getName().endsWith(NPY)).collect(Collectors.toList());
        } catch (IllegalArgumentException e) {
            throw new InvalidInputException(source + ": not a readable zip archive (an entry name is not valid UTF-8)");
        }
    }

    /** A zip reading failure in words: its message, or what a message-less EOFException means. */
    static String describe(IOException e) {
        return e.getMessage() != null ? e.getMessage()
                : e instanceof EOFException ? "it ends early" : e.getClass().getSimpleName();
    }

    /**
     * Reads one matrix per 2-D float array of {@code file}, skipping other arrays, or, when {@code key} is
     * not null, the array of that key alone, which must then be a 2-D float array. A matrix is named after
     * the file, followed by {@code #KEY} when the archive holds several arrays.
     */
    public static List<NamedMatrix> read(Path file, String key) throws IOException {
        String source = FileNames.display(file);
        try (ZipFile zip = open(file, source)) {
            List<ZipEntry> members = entries(zip, source);
            if (members.isEmpty()) {
                throw new InvalidInputException(source + ": the archive holds no .npy array");
            }
            String stem = FileNames.stem(file);
            List<NamedMatrix> out = new ArrayList<>();
            for (ZipEntry member : members) {
                String memberKey = keyOf(member);
                if (key == null || key.equals(memberKey)) {
                    String name = members.size() == 1 ? stem : stem + "#" + memberKey;
                    readMember(zip, member, source, memberKey, key != null)
                            .ifPresent(m -> out.add(new NamedMatrix(name, m)));
                }
            }
            if (key != null && out.isEmpty()) {
                throw new InvalidInputException(source + ": no array '" + key + "'; the keys are " + keys(members));
            }
            if (out.isEmpty()) {
                throw new InvalidInputException(source + ": no 2-D float array among " + keys(members));
            }
            return out;
        }
    }

    private static String keyOf(ZipEntry member) {
        return member.getName().substring(0, member.getName().length() - NPY.length());
    }

    private static String keys(List<ZipEntry> members) {
        return members.stream().map(NpzReader::keyOf).collect(Collectors.joining(", "));
    }

    /** The matrix of one member; empty for an array that is not a matrix, unless {@code required}. */
    private static Optional<SparseMatrix> readMember(ZipFile zip, ZipEntry member, String source, String key,
            boolean required) throws IOException {
        String label = source + ": " + member.getName();
        try (InputStream in = zip.getInputStream(member)) {
            NpyHeader header = NpyHeader.read(in, label);
            if (header.matrixProblem().isPresent() && !required) {
                return Optional.empty();
            }
            NpyReader.requireMatrix(header, source, key);
            return Optional.of(NpyReader.readData(() -> {
                InputStream data = zip.getInputStream(member);
                NpyHeader.read(data, label);
                return data;
            }, header, label, -1));
        } catch (EOFException | ZipException e) {
            throw new InvalidInputException(label + ": corrupt or truncated compressed data (" + describe(e) + ")");
        }
    }
}
