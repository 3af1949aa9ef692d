package org.sham4j.core.quant;

import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Prints the time of the quantizers on a 4096 x 4096 matrix; run with mvn -Pslow. Asserts no timing. */
@Tag("slow")
class QuantizerSpeedTest {

    @Test
    void quantizes16MillionWeightsTo256Values() {
        float[] w = TestWeights.gaussian(4096 * 4096, 0.05, 1);
        for (String spec : new String[] {"cws:256", "cws-kmeans++:256", "pws:256", "uq:256", "ecsq:256"}) {
            QuantizerSpec s = QuantizerSpec.parse(spec);
            long t = System.nanoTime();
            Quantization q = s.quantizer().quantize(w, s.k());
            double seconds = (System.nanoTime() - t) / 1e9;
            System.out.printf("%-18s 4096x4096 k=%d mse=%.4g entropy=%.3f bits  %.2f s%n", spec, q.k(), q.mse(),
                    q.entropy(), seconds);
            assertTrue(q.k() <= 256);
        }
        float[] small = TestWeights.gaussian(1 << 20, 0.05, 2);
        long t = System.nanoTime();
        Quantization q = new ExactKMeans().quantize(small, 256);
        System.out.printf("%-18s 1024x1024 k=%d mse=%.4g  %.2f s%n", "cws-dp:256", q.k(), q.mse(),
                (System.nanoTime() - t) / 1e9);
    }
}
