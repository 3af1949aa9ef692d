package org.sham4j.model.zoo;

import java.util.List;
import java.util.Locale;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.graph.Preprocessing;

/**
 * Architectures by name, as graphs with seeded initial weights and the preprocessing their data needs. The
 * outputs are logits (classification) or the predicted value (regression).
 */
public final class Zoo {
    /** The names {@link #build} knows, with one line each. */
    public static final List<String> NAMES = List.of(
            "lenet-300-100: MNIST 784-300-100-10, ReLU",
            "lenet-5: MNIST, Caffe variant: conv 20 5x5, max pool 2, conv 50 5x5, max pool 2, dense 500 ReLU, dense 10",
            "deepdta: DAVIS (SMILES 100, protein 1000); two branches of embedding 128 and three Conv1D (32, 64, 96 "
                    + "filters; kernels 4/6/8 drug, 4/8/12 protein) with global max pooling, then dense "
                    + "1024-1024-512-1 with dropout 0.1",
            "deepdta-kiba: the same for KIBA (SMILES 85, protein 1200)",
            "vgg19: CIFAR-10 3x32x32, 16 convolutions 3x3 in five blocks with max pooling, dense 4096-4096-10 with "
                    + "dropout 0.5",
            "vgg19-mnist: the same on MNIST 1x28x28, its pools rounding up (28-14-7-4-2-1) so fc1 is 512x4096 as in "
                    + "the sHAM papers");

    private static final float[] MNIST_MEAN = {0.1307f};
    private static final float[] MNIST_STD = {0.3081f};

    private Zoo() {
    }

    /** The architecture {@code name} (see {@link #NAMES}), its weights drawn from {@code seed}. */
    public static Graph build(String name, long seed) {
        return switch (name.toLowerCase(Locale.ROOT)) {
            case "lenet-300-100" -> lenet300(seed);
            case "lenet-5" -> lenet5(seed);
            case "deepdta", "deepdta-davis" -> deepDta(seed, 100, 1000);
            case "deepdta-kiba" -> deepDta(seed, 85, 1200);
            case "vgg19" -> vgg19(seed, 3, 32, false, new Preprocessing(1f / 255, new float[] {0.4914f, 0.4822f,
                    0.4465f}, new float[] {0.2470f, 0.2435f, 0.2616f}, Preprocessing.Layout.NCHW));
            case "vgg19-mnist" -> vgg19(seed, 1, 28, true, new Preprocessing(1f / 255, MNIST_MEAN, MNIST_STD,
                    Preprocessing.Layout.NCHW));
            default -> throw new IllegalArgumentException("unknown architecture '" + name + "', expected one of "
                    + NAMES.stream().map(n -> n.substring(0, n.indexOf(':'))).toList());
        };
    }

    private static Graph lenet300(long seed) {
        GraphBuilder b = new GraphBuilder(seed);
        String x = b.input("image", 784);
        x = b.relu(b.dense(x, 784, 300, true));
        x = b.relu(b.dense(x, 300, 100, true));
        x = b.dense(x, 100, 10, false);
        return b.build(x, new Preprocessing(1f / 255, MNIST_MEAN, MNIST_STD, Preprocessing.Layout.FLAT));
    }

    private static Graph lenet5(long seed) {
        GraphBuilder b = new GraphBuilder(seed);
        String x = b.input("image", 1, 28, 28);
        x = b.maxPool2d(b.conv2d(x, 1, 20, 5, 0, false), 2);
        x = b.maxPool2d(b.conv2d(x, 20, 50, 5, 0, false), 2);
        x = b.flatten(x);
        x = b.relu(b.dense(x, 50 * 4 * 4, 500, true));
        x = b.dense(x, 500, 10, false);
        return b.build(x, new Preprocessing(1f / 255, MNIST_MEAN, MNIST_STD, Preprocessing.Layout.NCHW));
    }

    /** DeepDTA (Öztürk et al. 2018): vocabularies of 64 SMILES and 25 protein labels plus padding 0. */
    private static Graph deepDta(long seed, int smilesLength, int proteinLength) {
        GraphBuilder b = new GraphBuilder(seed);
        String drug = branch(b, b.input("drug", smilesLength), 65, new int[] {4, 6, 8});
        String protein = branch(b, b.input("protein", proteinLength), 26, new int[] {4, 8, 12});
        String x = b.concat(1, drug, protein);
        x = b.dropout(b.relu(b.dense(x, 192, 1024, true)), 0.1f);
        x = b.dropout(b.relu(b.dense(x, 1024, 1024, true)), 0.1f);
        x = b.relu(b.dense(x, 1024, 512, true));
        x = b.dense(x, 512, 1, false);
        return b.build(x, new Preprocessing(1f, new float[] {0f}, new float[] {1f}, Preprocessing.Layout.FLAT));
    }

    private static String branch(GraphBuilder b, String in, int vocabulary, int[] kernels) {
        String x = b.transpose(b.embedding(in, vocabulary, 128), 0, 2, 1);
        int channels = 128;
        int[] filters = {32, 64, 96};
        for (int k = 0; k < 3; k++) {
            x = b.relu(b.conv1d(x, channels, filters[k], kernels[k], true));
            channels = filters[k];
        }
        return b.globalMaxPool(x);
    }

    /** VGG19 on square images of {@code size} pixels; pools round up when {@code ceil} (odd sizes). */
    private static Graph vgg19(long seed, int channels, int size, boolean ceil, Preprocessing preprocessing) {
        GraphBuilder b = new GraphBuilder(seed);
        String x = b.input("image", channels, size, size);
        int[][] blocks = {{64, 64}, {128, 128}, {256, 256, 256, 256}, {512, 512, 512, 512}, {512, 512, 512, 512}};
        for (int[] block : blocks) {
            for (int filters : block) {
                x = b.relu(b.conv2d(x, channels, filters, 3, 1, true));
                channels = filters;
            }
            x = b.maxPool2d(x, 2, ceil);
        }
        x = b.flatten(x);
        x = b.dropout(b.relu(b.dense(x, 512, 4096, true)), 0.5f);
        x = b.dropout(b.relu(b.dense(x, 4096, 4096, true)), 0.5f);
        x = b.dense(x, 4096, 10, false);
        return b.build(x, preprocessing);
    }
}
