package org.sham4j.data;

import java.util.Arrays;
import org.sham4j.core.io.InvalidInputException;

/**
 * The character dictionaries of DeepDTA (Öztürk et al. 2018, {@code datahelper.py}): each character of a SMILES
 * string or protein sequence becomes a label 1..size, 0 pads a sequence to its fixed length, and characters past
 * that length are dropped. DeepDTA labels SMILES with its isomeric-SMILES dictionary (64 characters) and proteins
 * with a 25-letter one.
 */
public enum SequenceAlphabet {
    /** DeepDTA's CHARISOSMISET: labels 1..64. */
    SMILES("(.02468@BDFHLNPRTVZ\\bdfhlnrt#%)+-/13579=ACEGIKMOSUWY[]acegimosuy"),
    /** DeepDTA's CHARPROTSET: labels 1..25. */
    PROTEIN("ACBEDGFIHKMLONQPSRUTWVYXZ");

    private final int[] labels = new int[128];
    private final int size;

    SequenceAlphabet(String charsInLabelOrder) {
        Arrays.fill(labels, -1);
        for (int k = 0; k < charsInLabelOrder.length(); k++) {
            labels[charsInLabelOrder.charAt(k)] = k + 1;
        }
        size = charsInLabelOrder.length();
    }

    /** Number of characters; labels run 1..size and the vocabulary of an embedding is size + 1. */
    public int size() {
        return size;
    }

    /** The labels of {@code text} padded with 0 or cut to {@code length}; {@code what} names it in messages. */
    public float[] encode(String text, int length, String what) throws InvalidInputException {
        float[] out = new float[length];
        for (int i = 0; i < Math.min(length, text.length()); i++) {
            char c = text.charAt(i);
            int label = c < labels.length ? labels[c] : -1;
            if (label < 0) {
                throw new InvalidInputException(what + ": character '" + c + "' at " + i + " is not in the "
                        + name().toLowerCase(java.util.Locale.ROOT) + " alphabet");
            }
            out[i] = label;
        }
        return out;
    }
}
