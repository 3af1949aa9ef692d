package org.sham4j.djl;

import java.io.IOException;
import java.io.StringReader;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import org.sham4j.core.io.AtomicFiles;
import org.sham4j.core.io.InvalidInputException;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.io.ModelFile;

/**
 * A folder where a training leaves its weights after each epoch, so that a rerun continues after the last epoch
 * done. It holds {@code epoch-N.sham} (the model after N epochs) and {@code state.properties} (N and the
 * training's fingerprint), each written atomically, the state last; a killed training thus always finds a state and
 * the model it names. What resumes exactly: the weights, the epoch count, the shuffling order of the later epochs,
 * the learning rate's place on its schedule and the dropout masks. What does not: the optimiser's own state (Adam's
 * moment estimates, SGD's momentum), which DJL keeps inside the optimiser without a way to save it, so it starts
 * again from zero at the resumed epoch.
 *
 * @param fingerprint what the training is (architecture, data, options): a checkpoint of another is refused
 */
public record TrainingCheckpoint(Path dir, String fingerprint) {
    private static final String STATE = "state.properties";

    /** Where a training resumes: the model after {@code epochs} epochs. */
    public record Resume(Graph graph, int epochs) {
    }

    public TrainingCheckpoint {
        if (fingerprint.contains("\n")) {
            throw new IllegalArgumentException("a fingerprint is one line");
        }
    }

    /** The last saved epoch, or null when there is none; a checkpoint of another training is refused. */
    public Resume load() throws IOException {
        Path state = dir.resolve(STATE);
        if (!Files.exists(state)) {
            return null;
        }
        Properties p = new Properties();
        p.load(new StringReader(Files.readString(state, StandardCharsets.UTF_8)));
        String saved = p.getProperty("fingerprint");
        if (!fingerprint.equals(saved)) {
            throw new IllegalArgumentException(dir + " holds the checkpoint of another training (" + saved
                    + "), not of " + fingerprint + ": delete it to start again");
        }
        int epochs;
        try {
            epochs = Integer.parseInt(p.getProperty("epochs", ""));
        } catch (NumberFormatException e) {
            throw new InvalidInputException(state + ": no epoch count");
        }
        return new Resume(ModelFile.load(dir.resolve(model(epochs))), epochs);
    }

    /** Saves the model after {@code epochs} epochs, then the state naming it; older epochs' models go. */
    public void save(Graph graph, int epochs) throws IOException {
        Files.createDirectories(dir);
        ModelFile.save(dir.resolve(model(epochs)), graph);
        Properties p = new Properties();
        p.setProperty("fingerprint", fingerprint);
        p.setProperty("epochs", Integer.toString(epochs));
        StringWriter text = new StringWriter();
        p.store(text, "sham4j training checkpoint");
        AtomicFiles.write(dir.resolve(STATE), text.toString().getBytes(StandardCharsets.UTF_8));
        try (DirectoryStream<Path> old = Files.newDirectoryStream(dir, "epoch-*.sham")) {
            for (Path f : old) {
                if (!f.getFileName().toString().equals(model(epochs))) {
                    Files.deleteIfExists(f);
                }
            }
        }
    }

    /** Removes the checkpoint (when the training has finished and its result is saved). */
    public void delete() throws IOException {
        if (!Files.isDirectory(dir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dir)) {
            for (Path f : files) {
                String name = f.getFileName().toString();
                if (name.equals(STATE) || name.startsWith("epoch-") && name.endsWith(ModelFile.EXTENSION)) {
                    Files.deleteIfExists(f);
                }
            }
        }
        try (DirectoryStream<Path> rest = Files.newDirectoryStream(dir)) {
            if (!rest.iterator().hasNext()) {
                Files.delete(dir);
            }
        }
    }

    private static String model(int epochs) {
        return "epoch-" + epochs + ModelFile.EXTENSION;
    }
}
