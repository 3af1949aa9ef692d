package org.sham4j.experiment;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.sham4j.compress.Comparison;
import org.sham4j.djl.TrainingOptions;
import org.sham4j.model.graph.Preprocessing;
import org.sham4j.model.zoo.Zoo;

/**
 * A sweep: the model (a file, or a zoo architecture and the recipe that trains it once), the data set, optional
 * preprocessing overrides, the grid's axes (each a value or a list of values), groups of axes tied together
 * (zip: their i-th values go together instead of every combination), how to measure, the PyTorch threads of each
 * worker, and whether to keep every compressed model. Read from YAML or JSON and validated whole before any work.
 *
 * @param source       the spec's file name, for messages
 * @param axes         every axis with its values, in {@link Axes#NAMES} order (omitted ones with their default)
 * @param torchThreads PyTorch intra-op threads of each worker's fine-tuning
 * @param testHeadsOnPyTorch whether a frozen head's results on the test samples come from PyTorch (else the Java
 *                     runtime); the tail's stored layers score on the Java runtime either way
 */
public record SweepSpec(String source, String name, ModelSource model, String data, PreprocessingOverride preprocessing,
                        Map<String, List<Object>> axes, List<List<String>> zip,
                        Comparison.Settings evaluation, boolean testHeadsOnPyTorch, int torchThreads,
                        boolean keepModels) {
    static final List<String> KEYS = List.of("name", "model", "data", "preprocessing", "grid", "zip", "evaluation",
            "torchThreads", "keepModels");

    /** Where the model comes from. */
    public sealed interface ModelSource {
        /** What the row's {@code config.model} says: the file as written, or the architecture's name. */
        String label();
    }

    /** A model file ({@code .sham}, {@code .onnx}, {@code .h5}). */
    public record FileModel(Path file) implements ModelSource {
        @Override
        public String label() {
            return file.toString();
        }
    }

    /** A zoo architecture trained on the sweep's data by {@code recipe} (once, cached in the sweep's folder). */
    public record ZooModel(String architecture, Recipe recipe) implements ModelSource {
        @Override
        public String label() {
            return architecture;
        }
    }

    /** How a baseline trains: {@code train}'s options, and the PyTorch threads it uses. */
    public record Recipe(int epochs, double lr, String schedule, int batch, String optimizer, double weightDecay,
                         long seed, int threads) {
        static final List<String> KEYS = List.of("epochs", "lr", "schedule", "batch", "optimizer", "weightDecay",
                "seed", "threads");

        /** The training options. */
        public TrainingOptions options() {
            return new TrainingOptions(epochs, (float) lr, TrainingOptions.Schedule.byName(schedule), batch,
                    TrainingOptions.Optimizer.byName(optimizer), seed, (float) weightDecay, Set.of());
        }

        /** The recipe as one line: what identifies the trained baseline (threads aside, as PyTorch's result). */
        public String describe() {
            return String.format(Locale.ROOT, "epochs=%d lr=%s schedule=%s batch=%d optimizer=%s weightDecay=%s "
                    + "seed=%d threads=%d", epochs, lr, schedule, batch, optimizer, weightDecay, seed, threads);
        }
    }

    /** Preprocessing settings that replace the model's own (null: keep the model's). */
    public record PreprocessingOverride(Float scale, float[] mean, float[] std, Preprocessing.Layout layout) {
        static final List<String> KEYS = List.of("scale", "mean", "std", "layout");

        /** {@code p} with the given settings replaced. */
        public Preprocessing apply(Preprocessing p) {
            return new Preprocessing(scale != null ? scale : p.scale(), mean != null ? mean : p.mean(),
                    std != null ? std : p.std(), layout != null ? layout : p.layout());
        }

        /** What is overridden, e.g. {@code scale=0.0039 layout=FLAT} (empty when nothing is). */
        public String describe() {
            StringBuilder sb = new StringBuilder();
            if (scale != null) {
                sb.append("scale=").append(scale);
            }
            if (mean != null) {
                sb.append(sb.length() == 0 ? "" : " ").append("mean=").append(Arrays.toString(mean));
            }
            if (std != null) {
                sb.append(sb.length() == 0 ? "" : " ").append("std=").append(Arrays.toString(std));
            }
            if (layout != null) {
                sb.append(sb.length() == 0 ? "" : " ").append("layout=").append(layout);
            }
            return sb.toString();
        }
    }

    public SweepSpec {
        axes = Collections.unmodifiableMap(new LinkedHashMap<>(axes));
        zip = List.copyOf(zip);
    }

    /** Reads and validates a spec file: YAML ({@code .yaml}, {@code .yml}) or JSON ({@code .json}). */
    public static SweepSpec read(Path file) throws IOException {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        boolean json = name.endsWith(".json");
        if (!json && !name.endsWith(".yaml") && !name.endsWith(".yml")) {
            throw new SpecException(file + ": a spec is a .yaml, .yml or .json file");
        }
        return parse(Files.readString(file), file.toString(), json);
    }

    /** Parses and validates a spec's text (JSON when {@code json}, else YAML). */
    public static SweepSpec parse(String text, String source, boolean json) {
        JsonNode root;
        try {
            ObjectMapper mapper = json ? new ObjectMapper() : new ObjectMapper(new YAMLFactory());
            root = mapper.readTree(text);
        } catch (JsonProcessingException e) {
            String first = String.valueOf(e.getOriginalMessage()).lines().findFirst().orElse("").trim();
            throw new SpecException(source + ": not valid " + (json ? "JSON" : "YAML") + (e.getLocation() == null
                    ? "" : " at line " + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr())
                    + ": " + first);
        }
        if (root == null || root.isMissingNode() || root.isNull()) {
            throw new SpecException(source + ": the spec is empty");
        }
        SpecNode top = new SpecNode(root, "", source).keys(KEYS);
        String name = top.has("name") ? top.get("name").string() : source;
        ModelSource model = model(top.get("model"));
        String data = top.get("data").string();
        PreprocessingOverride pre = top.has("preprocessing") ? preprocessing(top.get("preprocessing"))
                : new PreprocessingOverride(null, null, null, null);
        Map<String, List<Object>> axes = new LinkedHashMap<>();
        Set<String> given = new LinkedHashSet<>();
        SpecNode grid = top.has("grid") ? top.get("grid").keys(Axes.NAMES) : null;
        for (String axis : Axes.NAMES) {
            List<Object> values = new ArrayList<>();
            if (grid != null && grid.has(axis)) {
                given.add(axis);
                for (SpecNode v : grid.get(axis).items()) {
                    Object value = Axes.parse(axis, v);
                    if (values.contains(value)) {
                        throw v.error("value given twice");
                    }
                    values.add(value);
                }
            } else {
                values.add(Axes.defaultValue(axis));
            }
            axes.put(axis, values);
        }
        boolean shares = axes.get("method").stream().anyMatch(m -> !Configuration.NONE.equals(m));
        if (shares && !given.contains("k")) {
            throw new SpecException(source + ": missing key 'grid.k': methods other than none need the numbers of "
                    + "shared values k");
        }
        List<List<String>> zip = top.has("zip") ? zip(top.get("zip"), axes) : List.of();
        Comparison.Settings evaluation = Comparison.Settings.DEFAULT;
        boolean testHeadsOnPyTorch = false;
        if (top.has("evaluation")) {
            SpecNode e = top.get("evaluation").keys(List.of("batch", "threads", "repeat", "warmup", "testHeads"));
            testHeadsOnPyTorch = e.has("testHeads") && e.get("testHeads").choice(new LinkedHashSet<>(List.of("java", "pytorch")))
                    .equals("pytorch");
            evaluation = new Comparison.Settings(
                    e.has("batch") ? e.get("batch").integer(1, 1 << 20) : evaluation.batch(),
                    e.has("threads") ? e.get("threads").integer(1, 1024) : evaluation.threads(),
                    e.has("repeat") ? e.get("repeat").integer(1, 1000) : evaluation.repeat(),
                    e.has("warmup") ? e.get("warmup").number(0, 3600, false) : evaluation.warmupSeconds());
        }
        int torchThreads = top.has("torchThreads") ? top.get("torchThreads").integer(1, 1024) : 1;
        boolean keep = top.has("keepModels") && top.get("keepModels").bool();
        SweepSpec spec = new SweepSpec(source, name, model, data, pre, axes, zip, evaluation, testHeadsOnPyTorch,
                torchThreads, keep);
        Grid.expand(spec);
        return spec;
    }

    private static ModelSource model(SpecNode m) {
        if (!m.isObject()) {
            return new FileModel(Path.of(m.string()));
        }
        m.keys(List.of("file", "zoo", "train"));
        if (m.has("file") == m.has("zoo")) {
            throw m.error("give either file (a .sham, .onnx or .h5 model) or zoo (an architecture), not both");
        }
        if (m.has("file")) {
            if (m.has("train")) {
                throw m.get("train").error("only a zoo architecture trains; a file model is used as it is");
            }
            return new FileModel(Path.of(m.get("file").string()));
        }
        SpecNode zoo = m.get("zoo");
        String architecture = zoo.string().trim().toLowerCase(Locale.ROOT);
        try {
            Zoo.build(architecture, 1);
        } catch (IllegalArgumentException e) {
            throw zoo.error(e.getMessage());
        }
        SpecNode t = m.has("train") ? m.get("train").keys(Recipe.KEYS) : null;
        Recipe recipe = new Recipe(
                t != null && t.has("epochs") ? t.get("epochs").integer(1, 10_000) : 10,
                t != null && t.has("lr") ? t.get("lr").number(0, 10, true) : 1e-3,
                t != null && t.has("schedule") ? t.get("schedule").choice(Axes.SCHEDULES) : "cosine",
                t != null && t.has("batch") ? t.get("batch").integer(1, 1 << 20) : 128,
                t != null && t.has("optimizer") ? t.get("optimizer").choice(Axes.OPTIMIZERS) : "adam",
                t != null && t.has("weightDecay") ? t.get("weightDecay").number(0, 1, false) : 0,
                t != null && t.has("seed") ? t.get("seed").longValue() : 1,
                t != null && t.has("threads") ? t.get("threads").integer(1, 1024)
                        : Runtime.getRuntime().availableProcessors());
        return new ZooModel(architecture, recipe);
    }

    private static PreprocessingOverride preprocessing(SpecNode p) {
        p.keys(PreprocessingOverride.KEYS);
        Float scale = p.has("scale") ? (float) p.get("scale").number(0, Float.MAX_VALUE, true) : null;
        float[] mean = p.has("mean") ? floats(p.get("mean"), false) : null;
        float[] std = p.has("std") ? floats(p.get("std"), true) : null;
        Preprocessing.Layout layout = null;
        if (p.has("layout")) {
            layout = Preprocessing.Layout.valueOf(p.get("layout").choice(Set.of("nchw", "nhwc", "flat"))
                    .toUpperCase(Locale.ROOT));
        }
        return new PreprocessingOverride(scale, mean, std, layout);
    }

    private static float[] floats(SpecNode list, boolean positive) {
        List<SpecNode> items = list.items();
        float[] out = new float[items.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (float) (positive ? items.get(i).number(0, Float.MAX_VALUE, true)
                    : items.get(i).number(-Float.MAX_VALUE, Float.MAX_VALUE, false));
        }
        return out;
    }

    private static List<List<String>> zip(SpecNode z, Map<String, List<Object>> axes) {
        List<List<String>> groups = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        for (SpecNode g : z.items()) {
            if (!g.isArray()) {
                throw g.error("expected a list of axes tied together, e.g. [prune, pruneSteps]");
            }
            List<String> group = new ArrayList<>();
            int size = -1;
            for (SpecNode a : g.items()) {
                String axis = a.string();
                if (!Axes.NAMES.contains(axis)) {
                    throw a.error("unknown axis '" + axis + "', expected one of " + String.join(", ", Axes.NAMES));
                }
                if (!seen.add(axis)) {
                    throw a.error("axis " + axis + " is tied twice");
                }
                int n = axes.get(axis).size();
                if (size >= 0 && n != size) {
                    throw a.error("tied axes need as many values each: " + group.get(0) + " has " + size + ", "
                            + axis + " " + n);
                }
                size = n;
                group.add(axis);
            }
            if (group.size() < 2) {
                throw g.error("a tie needs at least two axes");
            }
            groups.add(group);
        }
        return groups;
    }

    /** The configurations of the grid, normalised, each once, in grid order. */
    public List<Configuration> configurations() {
        return Grid.expand(this);
    }
}
