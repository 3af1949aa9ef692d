// Runs a .sham model on the pure-Java runtime, straight from its compressed layers, with nothing but the two
// light modules on the class path (what a device ships):
//   java -cp sham4j-core.jar:sham4j-model.jar examples/java/LightRun.java MODEL.sham INPUT.npy
// INPUT.npy holds the model's input, preprocessed, one sample per row (N, ...). Prints, per sample, the index
// of its largest output and the outputs.

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.sham4j.core.io.NpyArrays;
import org.sham4j.core.matrix.Tensor;
import org.sham4j.model.graph.Graph;
import org.sham4j.model.io.ModelFile;
import org.sham4j.model.runtime.GraphRunner;

public class LightRun {
    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: LightRun MODEL.sham INPUT.npy");
            System.exit(2);
        }
        Graph graph = ModelFile.load(Path.of(args[0]));
        Tensor x;
        try (InputStream in = Files.newInputStream(Path.of(args[1]))) {
            x = NpyArrays.read(in, args[1]);
        }
        try (GraphRunner runner = new GraphRunner(graph, 1)) {
            Tensor y = runner.run(x);
            int width = y.data().length / y.dim(0);
            for (int i = 0; i < y.dim(0); i++) {
                float[] row = Arrays.copyOfRange(y.data(), i * width, (i + 1) * width);
                int best = 0;
                for (int j = 1; j < width; j++) {
                    best = row[j] > row[best] ? j : best;
                }
                System.out.println(best + " " + Arrays.toString(row));
            }
        }
    }
}
