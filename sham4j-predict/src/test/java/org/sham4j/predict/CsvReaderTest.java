package org.sham4j.predict;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.sham4j.core.io.InvalidInputException;

/** CSV as RFC 4180 writes it: quotes, doubled quotes, line breaks in fields; malformed files named by line. */
class CsvReaderTest {
    @TempDir
    Path dir;

    private Path file(String text) throws IOException {
        Path p = dir.resolve("t" + System.nanoTime() + ".csv");
        Files.writeString(p, text);
        return p;
    }

    @Test
    void quotedFieldsHoldCommasQuotesAndLineBreaks() throws Exception {
        try (CsvReader in = CsvReader.open(file("\uFEFFid,text,n\r\n1,\"a, \"\"b\"\"\",2\r\n\r\n2,\"two\nlines\",\n3,,\"\"\n"))) {
            assertEquals(List.of("id", "text", "n"), in.header());
            assertArrayEquals(new String[] {"1", "a, \"b\"", "2"}, in.read());
            assertArrayEquals(new String[] {"2", "two\nlines", ""}, in.read());
            assertArrayEquals(new String[] {"3", "", ""}, in.read());
            assertNull(in.read());
            assertEquals(3, in.rows());
        }
    }

    @Test
    void malformedFilesAreNamedWithTheirLine() throws Exception {
        assertError("a,b\n1,2\n3\n", "line 3 has 1 fields, the header 2");
        assertError("a,b\n1,\"open\n", "line 2: a quoted field is not closed");
        assertError("a,b\n1,x\"y\n", "line 2: a quote inside an unquoted field");
        assertError("a,b\n\"1\"x,2\n", "line 2: text after a closing quote");
        assertError("a,a\n", "column 'a' appears twice");
        assertError("a,,b\n", "column 2 of the header has no name");
        assertError("", "empty file");
    }

    private void assertError(String text, String message) throws IOException {
        Path p = file(text);
        InvalidInputException e = assertThrows(InvalidInputException.class, () -> {
            try (CsvReader in = CsvReader.open(p)) {
                while (in.read() != null) {
                    // read to the end
                }
            }
        });
        assertTrue(e.getMessage().startsWith(p.toString()) && e.getMessage().contains(message), e.getMessage());
    }
}
