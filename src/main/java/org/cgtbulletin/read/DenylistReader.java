package org.cgtbulletin.read;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.cgtbulletin.model.Problems;

/** Reads the denylist: one term per line; blank lines and lines starting with '#' are ignored. */
public final class DenylistReader {

    private DenylistReader() {
    }

    /**
     * The terms, for stages that need them before the dataset is read (de-identification works as reports stream
     * by). Problems are not reported here: {@link DatasetReader#read} reads and checks the same file, and a
     * dataset with errors is not used. Empty when there is no readable file.
     */
    public static List<String> terms(Path path) throws IOException {
        if (path == null || !Files.isRegularFile(path) || !Files.isReadable(path)) {
            return List.of();
        }
        return read(path, new Problems());
    }

    static List<String> read(Path path, Problems problems) throws IOException {
        String file = path.toString();
        Set<String> seen = new LinkedHashSet<>();
        List<String> terms = new ArrayList<>();
        try (InputStream in = Files.newInputStream(path);
             DecodingReader decoding = new DecodingReader(in, file, problems);
             BufferedReader lines = new BufferedReader(decoding)) {
            String line;
            while ((line = lines.readLine()) != null) {
                String term = line.strip();
                if (term.isEmpty() || term.startsWith("#")) {
                    continue;
                }
                if (seen.add(term.toLowerCase(Locale.ROOT))) {
                    terms.add(term);
                }
            }
            decoding.reportUnlisted();
        }
        return List.copyOf(terms);
    }
}
