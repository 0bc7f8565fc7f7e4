package org.cgtbulletin.analyze;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.cgtbulletin.model.Dimension;
import org.cgtbulletin.model.Problems;
import org.cgtbulletin.model.Taxonomy;
import org.cgtbulletin.model.TaxonomyCode;
import org.cgtbulletin.read.DatasetFiles;
import org.cgtbulletin.read.DatasetReader;
import org.cgtbulletin.read.ValidationRules;

/** Taxonomies for analysis tests: the shipped one, or a small one made of codes labelled by themselves. */
final class TestTaxonomy {

    private TestTaxonomy() {
    }

    /** The shipped content/taxonomy.yaml, read as the build reads it. */
    static Taxonomy shipped() {
        try {
            Path none = Path.of("content/data/no-such-reports.csv");
            Problems problems = new Problems();
            return DatasetReader.read(new DatasetFiles(none, null, null, Path.of("content/taxonomy.yaml")),
                    new ValidationRules(LocalDate.of(2026, 11, 25), null), problems, t -> r -> { }).taxonomy();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Taxonomy of(List<String> classes, List<String> steps, List<String> modes) {
        Map<Dimension, List<TaxonomyCode>> m = new EnumMap<>(Dimension.class);
        m.put(Dimension.PRODUCT_CLASS, codes(classes));
        m.put(Dimension.PROCESS_STEP, codes(steps));
        m.put(Dimension.FAILURE_MODE, codes(modes));
        m.put(Dimension.OUTCOME, codes(List.of("near_miss")));
        return new Taxonomy(m);
    }

    private static List<TaxonomyCode> codes(List<String> codes) {
        return java.util.stream.IntStream.range(0, codes.size())
                .mapToObj(i -> new TaxonomyCode(codes.get(i), label(codes.get(i)), "", "g", i)).toList();
    }

    /** "mycoplasma_positive" -> "Mycoplasma positive". */
    static String label(String code) {
        String s = code.replace('_', ' ');
        return Character.toUpperCase(s.charAt(0)) + s.substring(1);
    }
}
