package org.sham4j.cli;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.sham4j.core.format.Formats;
import org.sham4j.core.format.MatrixFormat;

/** Format names for help texts and completion. */
final class FormatNames implements Iterable<String> {
    @Override
    public Iterator<String> iterator() {
        List<String> names = new ArrayList<>();
        for (MatrixFormat f : Formats.all()) {
            names.add(f.name());
        }
        return names.iterator();
    }
}
