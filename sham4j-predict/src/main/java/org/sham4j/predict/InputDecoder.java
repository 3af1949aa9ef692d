package org.sham4j.predict;

import java.util.Locale;
import java.util.Map;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.data.SequenceAlphabet;

/**
 * How a table cell becomes one raw sample of a model input: a sequence (SMILES or protein, or an id looked up in a
 * dictionary of them) labelled by DeepDTA's alphabets, or numbers (a number, a list of numbers, or text of numbers
 * separated by spaces, commas or semicolons) of the input's size.
 */
public sealed interface InputDecoder extends java.io.Serializable {
    /** Values per sample. */
    int size();

    /** The sample of {@code value}; {@code what} names the cell in messages. */
    float[] decode(Object value, String what) throws InvalidInputException;

    /** Text labelled by an alphabet, padded with 0 or cut to the input's length; ids first looked up if asked. */
    record Sequence(SequenceAlphabet alphabet, int size, Map<String, String> lookup) implements InputDecoder {
        @Override
        public float[] decode(Object value, String what) throws InvalidInputException {
            if (!(value instanceof String text)) {
                throw new InvalidInputException(what + ": expected text (a " + alphabet.name().toLowerCase(Locale.ROOT)
                        + " sequence" + (lookup == null ? "" : " id") + "), got " + describe(value));
            }
            if (lookup != null) {
                String seq = lookup.get(text);
                if (seq == null) {
                    throw new InvalidInputException(what + ": id '" + text + "' is not in the lookup table");
                }
                text = seq;
            }
            return alphabet.encode(text, size, what);
        }
    }

    /** Numbers, as many as the input takes. */
    record Numbers(int size) implements InputDecoder {
        @Override
        public float[] decode(Object value, String what) throws InvalidInputException {
            float[] out;
            if (value instanceof float[] f) {
                out = f;
            } else if (value instanceof double[] d) {
                out = new float[d.length];
                for (int i = 0; i < d.length; i++) {
                    out[i] = (float) d[i];
                }
            } else if (value instanceof Number n) {
                out = new float[] {n.floatValue()};
            } else if (value instanceof String s) {
                out = parse(s, what);
            } else {
                throw new InvalidInputException(what + ": expected numbers, got " + describe(value));
            }
            if (out.length != size) {
                throw new InvalidInputException(what + ": " + out.length + " values, the model input takes " + size);
            }
            for (float v : out) {
                if (!Float.isFinite(v)) {
                    throw new InvalidInputException(what + ": " + v + " is not a finite number");
                }
            }
            return out;
        }

        private static float[] parse(String s, String what) throws InvalidInputException {
            String t = s.strip();
            if (t.startsWith("[") && t.endsWith("]")) {
                t = t.substring(1, t.length() - 1).strip();
            }
            if (t.isEmpty()) {
                return new float[0];
            }
            String[] parts = t.split("[\\s,;]+");
            float[] out = new float[parts.length];
            for (int i = 0; i < parts.length; i++) {
                try {
                    out[i] = Float.parseFloat(parts[i]);
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(what + ": '" + parts[i] + "' is not a number");
                }
            }
            return out;
        }
    }

    /** The decoder an alphabet name asks for: {@code smiles}, {@code protein} or {@code numbers}. */
    static InputDecoder byName(String name, int size, Map<String, String> lookup) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "smiles" -> new Sequence(SequenceAlphabet.SMILES, size, lookup);
            case "protein" -> new Sequence(SequenceAlphabet.PROTEIN, size, lookup);
            case "numbers" -> {
                if (lookup != null) {
                    throw new IllegalArgumentException("a lookup table needs a sequence alphabet (smiles, protein)");
                }
                yield new Numbers(size);
            }
            default -> throw new IllegalArgumentException("unknown encoding '" + name
                    + "', expected smiles, protein or numbers");
        };
    }

    private static String describe(Object value) {
        return value == null ? "an empty cell" : value.getClass().getSimpleName() + " " + value;
    }

}
