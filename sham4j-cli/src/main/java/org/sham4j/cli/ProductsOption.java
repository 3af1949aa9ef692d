package org.sham4j.cli;

import org.sham4j.model.runtime.WeightProducts;
import picocli.CommandLine.Option;

/**
 * {@code --decode}: the runtime decodes compressed weight matrices once into its own kernels' layouts (CSC or
 * dense, whole, with CSC's memory) instead of multiplying on the stored formats (the default).
 */
final class ProductsOption {
    @Option(names = "--decode", description = "decode compressed weights once, whole, into the runtime's CSC or "
            + "dense kernels (more memory) instead of multiplying on the stored formats (batches there decode a "
            + "slice of columns at a time into the same kernels)")
    boolean decode;

    /** How the runtime multiplies the weights. */
    WeightProducts products() {
        return decode ? WeightProducts.DECODED : WeightProducts.STORED;
    }
}
