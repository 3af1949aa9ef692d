package org.sham4j.data;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.core.matrix.Tensor;

/**
 * The drug-target affinity data sets of DeepDTA, DAVIS and KIBA, as distributed: {@code ligands_can.txt} (JSON
 * object ligand id -> SMILES, in row order), {@code proteins.txt} (JSON object protein id -> sequence, in column
 * order), the affinity matrix as text ({@code nan} = not measured) and {@code folds/} (JSON lists of positions
 * into the measured pairs, row-major, skipping {@code nan}). Each sample has two inputs, the drug's SMILES labels
 * and the protein's sequence labels ({@link SequenceAlphabet}); its target is the affinity. The training set is
 * the union of the five training folds, the test set the test fold (setting 1).
 */
public final class DrugTarget {
    /** The two data sets: affinity file, sequence lengths DeepDTA uses, and whether Kd (nM) becomes pKd. */
    public enum Kind {
        DAVIS("davis", "drug-target_interaction_affinities_Kd__Davis_et_al.2011v1.txt", 100, 1000, true),
        KIBA("kiba", "kiba_binding_affinity_v2.txt", 85, 1200, false);

        private final String id;
        private final String affinityFile;
        private final int smilesLength;
        private final int proteinLength;
        private final boolean kdToPkd;

        Kind(String id, String affinityFile, int smilesLength, int proteinLength, boolean kdToPkd) {
            this.id = id;
            this.affinityFile = affinityFile;
            this.smilesLength = smilesLength;
            this.proteinLength = proteinLength;
            this.kdToPkd = kdToPkd;
        }

        public String id() {
            return id;
        }

        /** SMILES label sequence length (DeepDTA: 100 for DAVIS, 85 for KIBA). */
        public int smilesLength() {
            return smilesLength;
        }

        /** Protein label sequence length (DeepDTA: 1000 for DAVIS, 1200 for KIBA). */
        public int proteinLength() {
            return proteinLength;
        }
    }

    private DrugTarget() {
    }

    /** Reads the data set from {@code dir}. */
    public static Dataset read(Path dir, Kind kind) throws IOException {
        Map<String, Object> ligands = jsonObject(dir.resolve("ligands_can.txt"));
        Map<String, Object> proteins = jsonObject(dir.resolve("proteins.txt"));
        Tensor drugs = encode(ligands, SequenceAlphabet.SMILES, kind.smilesLength, dir.resolve("ligands_can.txt"));
        Tensor targets = encode(proteins, SequenceAlphabet.PROTEIN, kind.proteinLength, dir.resolve("proteins.txt"));
        Path matrixFile = dir.resolve(kind.affinityFile);
        float[] affinity = affinities(matrixFile, ligands.size(), proteins.size(), kind.kdToPkd);
        int[] measured = measured(affinity);
        Path folds = dir.resolve("folds");
        List<Object> trainFolds = jsonList(folds.resolve("train_fold_setting1.txt"));
        List<Integer> train = new ArrayList<>();
        for (Object fold : trainFolds) {
            if (!(fold instanceof List)) {
                throw new InvalidInputException(folds.resolve("train_fold_setting1.txt") + ": expected a list of "
                        + "lists of positions");
            }
            train.addAll(positions((List<?>) fold, measured.length, folds.resolve("train_fold_setting1.txt")));
        }
        Path testFile = folds.resolve("test_fold_setting1.txt");
        List<Integer> test = positions(jsonList(testFile), measured.length, testFile);
        return new Dataset(kind.id, samples(drugs, targets, affinity, measured, train, proteins.size()),
                samples(drugs, targets, affinity, measured, test, proteins.size()), 0);
    }

    private static Samples samples(Tensor drugs, Tensor targets, float[] affinity, int[] measured,
            List<Integer> positions, int columns) {
        int n = positions.size();
        int[] rows = new int[n];
        int[] cols = new int[n];
        float[] y = new float[n];
        for (int i = 0; i < n; i++) {
            int cell = measured[positions.get(i)];
            rows[i] = cell / columns;
            cols[i] = cell % columns;
            y[i] = affinity[cell];
        }
        return Samples.indexed(List.of(drugs, targets), List.of(rows, cols), y);
    }

    private static Tensor encode(Map<String, Object> sequences, SequenceAlphabet alphabet, int length, Path file)
            throws InvalidInputException {
        float[] data = new float[sequences.size() * length];
        int row = 0;
        for (Map.Entry<String, Object> e : sequences.entrySet()) {
            if (!(e.getValue() instanceof String)) {
                throw new InvalidInputException(file + ": the value of '" + e.getKey() + "' is not a string");
            }
            float[] labels = alphabet.encode((String) e.getValue(), length, file + ": '" + e.getKey() + "'");
            System.arraycopy(labels, 0, data, row++ * length, length);
        }
        return new Tensor(new int[] {sequences.size(), length}, data);
    }

    /** The matrix, row-major, NaN where not measured; Kd in nM becomes pKd = -log10(Kd / 1e9) when asked. */
    private static float[] affinities(Path file, int rows, int cols, boolean kdToPkd) throws IOException {
        String[] lines = Files.readString(file, StandardCharsets.US_ASCII).strip().split("\\R");
        if (lines.length != rows) {
            throw new InvalidInputException(file + ": " + lines.length + " rows, but " + rows + " ligands");
        }
        float[] out = new float[rows * cols];
        for (int i = 0; i < rows; i++) {
            String[] tokens = lines[i].strip().split("\\s+");
            if (tokens.length != cols) {
                throw new InvalidInputException(file + ": row " + (i + 1) + " has " + tokens.length + " values, but "
                        + cols + " proteins");
            }
            for (int j = 0; j < cols; j++) {
                double v;
                try {
                    v = tokens[j].equalsIgnoreCase("nan") ? Double.NaN : Double.parseDouble(tokens[j]);
                } catch (NumberFormatException e) {
                    throw new InvalidInputException(file + ": row " + (i + 1) + " column " + (j + 1) + ": '"
                            + tokens[j] + "' is not a number");
                }
                if (!Double.isNaN(v) && kdToPkd) {
                    if (!(v > 0)) {
                        throw new InvalidInputException(file + ": row " + (i + 1) + " column " + (j + 1) + ": Kd "
                                + v + " is not positive");
                    }
                    v = -Math.log10(v / 1e9);
                }
                out[i * cols + j] = (float) v;
            }
        }
        return out;
    }

    /** The cells holding a measurement, in row-major order. */
    private static int[] measured(float[] affinity) {
        int n = 0;
        int[] cells = new int[affinity.length];
        for (int k = 0; k < affinity.length; k++) {
            if (!Float.isNaN(affinity[k])) {
                cells[n++] = k;
            }
        }
        return java.util.Arrays.copyOf(cells, n);
    }

    private static List<Integer> positions(List<?> list, int measured, Path file) throws InvalidInputException {
        List<Integer> out = new ArrayList<>(list.size());
        for (Object o : list) {
            if (!(o instanceof Double) || (Double) o != Math.rint((Double) o) || (Double) o < 0
                    || (Double) o >= measured) {
                throw new InvalidInputException(file + ": position " + o + " is not one of the " + measured
                        + " measured pairs");
            }
            out.add(((Double) o).intValue());
        }
        return out;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> jsonObject(Path file) throws IOException {
        Object v = JsonText.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        if (!(v instanceof Map)) {
            throw new InvalidInputException(file + ": expected a JSON object");
        }
        return (Map<String, Object>) v;
    }

    @SuppressWarnings("unchecked")
    private static List<Object> jsonList(Path file) throws IOException {
        Object v = JsonText.parse(Files.readString(file, StandardCharsets.UTF_8), file.toString());
        if (!(v instanceof List)) {
            throw new InvalidInputException(file + ": expected a JSON list");
        }
        return (List<Object>) v;
    }
}
