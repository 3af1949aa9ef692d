package org.sham4j.core.io;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.zip.ZipException;

/**
 * Splits a byte stream of ASCII text into lines of tokens separated by spaces or tabs, keeping the line
 * number for messages. Tokens are read into a reusable buffer and parsed there, so that reading a large
 * file creates no object per token. A truncated or corrupt compressed stream becomes an
 * {@link InvalidInputException} naming the line reached.
 */
final class LineTokenizer {
    private static final int MAX_TOKEN = 256;

    private final InputStream in;
    private final String source;
    private final byte[] buf = new byte[1 << 16];
    private int pos;
    private int end;
    private long line = 1;
    private final byte[] token = new byte[MAX_TOKEN];
    private int tokenLength;

    LineTokenizer(InputStream in, String source) {
        this.in = in;
        this.source = source;
    }

    /** The file and current line, as messages start: {@code orsreg_1.mtx.gz: line 17}. */
    String where() {
        return source + ": line " + line;
    }

    /** An exception naming the file, the current line and {@code problem}. */
    InvalidInputException error(String problem) {
        return new InvalidInputException(where() + ": " + problem);
    }

    /**
     * Moves to the next line that holds a token, skipping blank lines and comment lines (starting with
     * {@code %}) after the current one, which must have no tokens left. False at the end of the input.
     */
    boolean nextDataLine() throws IOException {
        endLine();
        while (true) {
            skipSpaces();
            int c = peek();
            if (c < 0) {
                return false;
            }
            if (c == '%') {
                skipLine();
            } else if (c == '\n') {
                pos++;
                line++;
            } else {
                return true;
            }
        }
    }

    /** Whether the current line has another token. */
    boolean hasToken() throws IOException {
        skipSpaces();
        int c = peek();
        return c >= 0 && c != '\n';
    }

    /** Reads the next token of the current line; {@code what} names it if the line has none. */
    void readToken(String what) throws IOException {
        if (!hasToken()) {
            throw error("missing " + what);
        }
        tokenLength = 0;
        int c;
        while ((c = peek()) >= 0 && c != ' ' && c != '\t' && c != '\r' && c != '\n') {
            if (tokenLength == MAX_TOKEN) {
                throw error("token " + FileNames.quote(tokenText()) + " is too long");
            }
            token[tokenLength++] = (byte) c;
            pos++;
        }
    }

    /** The last token read, as text. */
    String tokenText() {
        return new String(token, 0, tokenLength, StandardCharsets.ISO_8859_1);
    }

    /** The last token read as an integer; {@code what} names it in the message if it is not one. */
    long tokenLong(String what) throws InvalidInputException {
        try {
            return AsciiNumbers.parseLong(token, tokenLength);
        } catch (NumberFormatException | ArithmeticException e) {
            throw error(what + " " + FileNames.quote(tokenText()) + " is not an integer");
        }
    }

    /** The last token read as a decimal number (NaN and infinities included). */
    double tokenDouble() throws InvalidInputException {
        try {
            return AsciiNumbers.parseDouble(token, tokenLength);
        } catch (NumberFormatException e) {
            throw error(FileNames.quote(tokenText()) + " is not a number");
        }
    }

    /** Consumes the rest of the current line, which must hold no further token. */
    void endLine() throws IOException {
        if (hasToken()) {
            readToken("token");
            throw error("unexpected " + FileNames.quote(tokenText()) + " at the end of the line");
        }
        if (peek() == '\n') {
            pos++;
            line++;
        }
    }

    private void skipSpaces() throws IOException {
        int c;
        while ((c = peek()) == ' ' || c == '\t' || c == '\r') {
            pos++;
        }
    }

    private void skipLine() throws IOException {
        int c;
        while ((c = peek()) >= 0 && c != '\n') {
            pos++;
        }
    }

    private int peek() throws IOException {
        if (pos == end && !fill()) {
            return -1;
        }
        return buf[pos] & 0xff;
    }

    private boolean fill() throws IOException {
        int n;
        try {
            n = in.read(buf, 0, buf.length);
        } catch (EOFException | ZipException e) {
            throw error("corrupt or truncated compressed data (" + e.getMessage() + ")");
        }
        pos = 0;
        end = Math.max(n, 0);
        return n > 0;
    }
}
