package org.cgtbulletin.site;

import java.io.IOException;
import java.io.Reader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;

/** Reading a built site back, for tests. */
final class SiteFiles {

    private SiteFiles() {
    }

    static List<Path> files(Path site, String suffix) throws IOException {
        try (Stream<Path> s = Files.walk(site)) {
            return s.filter(Files::isRegularFile).filter(p -> p.toString().endsWith(suffix)).sorted().toList();
        }
    }

    static List<CSVRecord> csv(Path file) throws IOException {
        try (Reader r = Files.newBufferedReader(file)) {
            return CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).build().parse(r).getRecords();
        }
    }

    /** Every events, batches and rate value of cells.csv, as written. */
    static Set<String> publishedNumbers(Path site) throws IOException {
        Set<String> numbers = new HashSet<>();
        for (CSVRecord r : csv(site.resolve("data/cells.csv"))) {
            for (String f : new String[] {"events", "batches", "rate_per_100", "rate_low", "rate_high"}) {
                if (!r.get(f).isEmpty()) {
                    numbers.add(r.get(f));
                }
            }
        }
        return numbers;
    }
}
