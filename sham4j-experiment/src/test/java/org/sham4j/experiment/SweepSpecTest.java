package org.sham4j.experiment;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.sham4j.compress.CompressionPlan;

/** Sweep specs: strict validation with one-line errors, grid expansion with ties, normalisation and keys. */
class SweepSpecTest {
    private static final String MODEL = "model: {zoo: lenet-300-100, train: {epochs: 2}}\ndata: mnist:/data\n";

    private static SweepSpec yaml(String text) {
        return SweepSpec.parse(text, "s.yaml", false);
    }

    /** The error a spec gives: one line, starting with the spec's name. */
    private static String error(String text) {
        SpecException e = assertThrows(SpecException.class, () -> yaml(text));
        assertEquals(1, e.getMessage().lines().count(), e.getMessage());
        assertTrue(e.getMessage().startsWith("s.yaml: "), e.getMessage());
        return e.getMessage();
    }

    @Test
    void aFullSpecReadsWithItsDefaults() {
        SweepSpec s = yaml("""
                name: test
                model:
                  zoo: LeNet-300-100
                  train: {epochs: 3, lr: 0.002, batch: 64, optimizer: sgd, schedule: fixed, weightDecay: 0.0001,
                          seed: 7, threads: 2}
                data: npz:/tmp/x.npz
                preprocessing: {scale: 0.5, layout: flat}
                grid:
                  layers: dense
                  prune: [50, [90, 80, 70]]
                  method: cws
                  k: 16
                evaluation: {batch: 64, repeat: 3, testHeads: PyTorch}
                torchThreads: 2
                keepModels: true
                """);
        assertEquals("test", s.name());
        SweepSpec.ZooModel z = (SweepSpec.ZooModel) s.model();
        assertEquals("lenet-300-100", z.architecture());
        assertEquals(new SweepSpec.Recipe(3, 0.002, "fixed", 64, "sgd", 0.0001, 7, 2), z.recipe());
        assertEquals(0.5f, s.preprocessing().scale());
        assertEquals(64, s.evaluation().batch());
        assertEquals(1, s.evaluation().threads());
        assertTrue(s.testHeadsOnPyTorch());
        assertFalse(yaml(MODEL).testHeadsOnPyTorch(), "the Java runtime by default");
        assertEquals(2, s.torchThreads());
        assertTrue(s.keepModels());
        List<Configuration> c = s.configurations();
        assertEquals(2, c.size());
        assertEquals(List.of(50.0), c.get(0).prune());
        assertEquals(List.of(90.0, 80.0, 70.0), c.get(1).prune());
        assertEquals("layer", c.get(1).pruneScope(), "one target per layer");
        CompressionPlan plan = c.get(0).plan();
        assertEquals("cws:16", plan.quantizer().toString());
        assertEquals(1e-4f, plan.training().learningRate());
        assertEquals(128, plan.training().batchSize());
        assertEquals(1, plan.finetuneEpochs());
        assertEquals(1, c.get(0).seed());
    }

    @Test
    void jsonSpecsReadTheSame() {
        SweepSpec j = SweepSpec.parse("{\"model\": \"m.sham\", \"data\": \"mnist:/d\", \"grid\": {\"prune\": [0, 90],"
                + " \"method\": [\"none\", \"uq\"], \"k\": [4, 8]}}", "s.json", true);
        SweepSpec y = yaml("model: m.sham\ndata: mnist:/d\ngrid: {prune: [0, 90], method: [none, uq], k: [4, 8]}\n");
        assertEquals(y.configurations(), j.configurations());
        assertTrue(j.model() instanceof SweepSpec.FileModel);
    }

    @Test
    void theGridIsEveryCombinationWithoutMultiplyingNoneByK() {
        SweepSpec s = yaml(MODEL + "grid: {prune: [0, 90], method: [none, cws, uq], k: [4, 16], unified: [false, "
                + "true], seed: [1, 2]}\n");
        List<Configuration> c = s.configurations();
        // prune 0, none: nothing trains, one configuration; prune 90, none: trains, 2 seeds;
        // each method x k x unified x seed: 2 x 2 x 2 x 2 = 16 per pruning level
        assertEquals(1 + 2 + 16 + 16, c.size());
        assertEquals(c.size(), Set.copyOf(c).size());
        for (Configuration x : c) {
            if (x.method().equals("none")) {
                assertNull(x.k());
                assertFalse(x.unified());
            }
        }
        Configuration first = c.get(0);
        assertEquals(List.of(0.0), first.prune());
        assertEquals("none", first.method());
        assertEquals(0, first.finetuneEpochs(), "nothing to fine-tune");
        assertNull(first.seed());
        assertNull(first.lr());
    }

    @Test
    void tiedAxesTakeTheirValuesTogether() {
        SweepSpec s = yaml(MODEL + "grid: {prune: [50, 90, 95], pruneSteps: [1, 2, 4], method: [cws, pws], "
                + "k: [4, 32]}\nzip: [[prune, pruneSteps], [method, k]]\n");
        List<String> got = s.configurations().stream().map(c -> c.prune().get(0) + "/" + c.pruneSteps() + " "
                + c.method() + ":" + c.k()).toList();
        assertEquals(List.of("50.0/1 cws:4", "50.0/1 pws:32", "90.0/2 cws:4", "90.0/2 pws:32", "95.0/4 cws:4",
                "95.0/4 pws:32"), got);
    }

    @Test
    void normalisationMergesWhatComputesTheSame() {
        Configuration a = new Configuration("all", List.of(90.0), 3, "layer", "none", 16, true, "auto", 0, 1000,
                1e-3, "sgd", "fixed", 64, 0.1, "selected", 5L);
        Configuration b = new Configuration("all", List.of(90.0), 1, "layer", "none", null, false, "auto", 0, null,
                null, null, null, null, null, null, null);
        assertEquals(b, a, "no fine-tuning: steps, k, unified, training and seed do not matter");
        Configuration c = new Configuration("all", List.of(0.0, 0.0), 4, "layer", "uq", 8, false, "auto", 2, null,
                1e-3, "adam", "cosine", 64, 0.0, "all", 5L);
        assertEquals(List.of(0.0), c.prune());
        assertEquals(1, c.pruneSteps());
        assertEquals("global", c.pruneScope());
        assertEquals(5L, c.seed(), "the shared values still train");
    }

    @Test
    void keysFollowTheNormalisedConfigurationAndTheBaseline() {
        List<Configuration> c = yaml(MODEL + "grid: {prune: 90, method: uq, k: [4, 8], lr: [0.001, 0.01]}\n")
                .configurations();
        Map<String, Object> config = Rows.config("lenet-300-100", "mnist:/data", c.get(0));
        String key = Rows.key(config, "zoo a");
        assertTrue(key.matches("[0-9a-f]{16}"), key);
        assertEquals(key, Rows.key(Rows.config("lenet-300-100", "mnist:/data", c.get(0)), "zoo a"));
        assertNotEquals(key, Rows.key(config, "zoo b"));
        Set<String> keys = c.stream().map(x -> Rows.key(Rows.config("m", "d", x), "zoo a"))
                .collect(Collectors.toSet());
        assertEquals(4, keys.size());
        // a reordered spec gives the same keys
        List<Configuration> again = yaml(MODEL + "grid: {lr: [0.01, 0.001], k: [8, 4], method: uq, prune: 90.0}\n")
                .configurations();
        assertEquals(keys, again.stream().map(x -> Rows.key(Rows.config("m", "d", x), "zoo a"))
                .collect(Collectors.toSet()));
    }

    @Test
    void everyKindOfMistakeIsOneLineNamingTheKeyAndWhatIsAllowed() {
        assertTrue(error(MODEL + "grids: {}\n").contains("unknown key 'grids': expected one of name, model, data"));
        assertTrue(error(MODEL + "grid: {metod: cws}\n").contains("unknown key 'grid.metod': expected one of layers, "
                + "prune"));
        assertTrue(error(MODEL + "grid: {method: kmeans, k: 4}\n").contains("grid.method: unknown value 'kmeans', "
                + "expected one of none, cws,"));
        assertTrue(error(MODEL + "grid: {method: [cws, zip], k: 4}\n").contains("grid.method[1]"));
        assertTrue(error(MODEL + "grid: {format: zip}\n").contains("grid.format: unknown value 'zip', expected one "
                + "of auto, "));
        assertTrue(error(MODEL + "grid: {method: cws, k: 0}\n").contains("grid.k: expected a whole number from 1 to "
                + "65536, got 0"));
        assertTrue(error(MODEL + "grid: {method: cws}\n").contains("missing key 'grid.k'"));
        assertTrue(error(MODEL + "grid: {prune: 120}\n").contains("grid.prune: expected a number from 0 to 100, got "
                + "120"));
        assertTrue(error(MODEL + "grid: {prune: [50, [90, x]]}\n").contains("grid.prune[1][1]"));
        assertTrue(error(MODEL + "grid: {lr: -1}\n").contains("grid.lr: expected a number above 0"));
        assertTrue(error(MODEL + "grid: {unified: maybe}\n").contains("grid.unified: expected true or false, got "
                + "'maybe'"));
        assertTrue(error(MODEL + "grid: {seed: [1, 1]}\n").contains("grid.seed[1]: value given twice"));
        assertTrue(error(MODEL + "evaluation: {testHeads: gpu}\n").contains("evaluation.testHeads: unknown value 'gpu', "
                + "expected one of java, pytorch"));
        assertTrue(error(MODEL + "grid: {layers: heads}\n").contains("grid.layers: unknown value 'heads', expected "
                + "one of"));
        assertTrue(error("model: {zoo: alexnet}\ndata: mnist\n").contains("model.zoo: unknown architecture "
                + "'alexnet'"));
        assertTrue(error("model: {zoo: lenet-5, train: {epoch: 3}}\ndata: mnist\n").contains("unknown key "
                + "'model.train.epoch': expected one of epochs, lr"));
        assertTrue(error("model: {file: a.sham, zoo: lenet-5}\ndata: mnist\n").contains("either file"));
        assertTrue(error("data: mnist\n").contains("missing key 'model'"));
        assertTrue(error(MODEL + "grid: {prune: [50, 90], pruneSteps: [1, 2, 3]}\nzip: [[prune, pruneSteps]]\n")
                .contains("tied axes need as many values each: prune has 2, pruneSteps 3"));
        assertTrue(error(MODEL + "zip: [[prune, steps]]\n").contains("zip[0][1]: unknown axis 'steps'"));
        assertTrue(error(MODEL + "preprocessing: {std: [0]}\n").contains("preprocessing.std[0]: expected a number "
                + "above 0"));
        assertTrue(error(MODEL + "preprocessing: {layout: nchwc}\n").contains("preprocessing.layout"));
        assertTrue(error(MODEL + "evaluation: {batches: 3}\n").contains("unknown key 'evaluation.batches'"));
        assertTrue(error(MODEL + "grid: [1, 2]\n").contains("grid: expected a mapping of layers, prune"));
        assertTrue(error(MODEL + "grid: {prune: [50\n").contains("not valid YAML"));
        assertTrue(error("").contains("empty"));
    }
}
