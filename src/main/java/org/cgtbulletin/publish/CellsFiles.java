package org.cgtbulletin.publish;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.cgtbulletin.analyze.Rates;
import org.cgtbulletin.model.CellKey;
import org.cgtbulletin.model.PublishedCell;

/** Writes {@code data/cells.csv} (the contract's exact header) and the same rows as {@code data/cells.json}. */
public final class CellsFiles {

    public static final List<String> HEADER = List.of("period", "product_class", "process_step", "failure_mode",
            "outcome", "events", "batches", "rate_per_100", "rate_low", "rate_high", "status");

    private CellsFiles() {
    }

    public static void write(Path dataDir, List<PublishedCell> cells) throws IOException {
        Files.createDirectories(dataDir);
        try (BufferedWriter w = Files.newBufferedWriter(dataDir.resolve("cells.csv"), StandardCharsets.UTF_8,
                StandardOpenOption.CREATE_NEW);
             SafeCsv csv = new SafeCsv(w, HEADER)) {
            for (PublishedCell c : cells) {
                csv.row(fields(c));
            }
        }
        try (OutputStream out = Files.newOutputStream(dataDir.resolve("cells.json"), StandardOpenOption.CREATE_NEW);
             JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeArrayFieldStart("cells");
            for (PublishedCell c : cells) {
                List<String> f = fields(c);
                g.writeStartObject();
                for (int i = 0; i < HEADER.size(); i++) {
                    String name = HEADER.get(i);
                    String value = f.get(i);
                    if (value.isEmpty()) {
                        g.writeNullField(name);
                    } else if (name.equals("events") || name.equals("batches")) {
                        g.writeNumberField(name, Long.parseLong(value));
                    } else if (name.startsWith("rate")) {
                        g.writeFieldName(name);
                        g.writeNumber(value);
                    } else {
                        g.writeStringField(name, value);
                    }
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    /** The row's fields as text, in header order; empty where not published. */
    public static List<String> fields(PublishedCell c) {
        CellKey k = c.key();
        List<String> f = new ArrayList<>(HEADER.size());
        f.add(k.period());
        f.add(k.productClass());
        f.add(k.processStep());
        f.add(k.failureMode());
        f.add(k.outcome());
        f.add(c.events() == null ? "" : Long.toString(c.events()));
        f.add(c.batches() == null ? "" : Long.toString(c.batches()));
        f.add(number(c.ratePer100()));
        f.add(number(c.rateLow()));
        f.add(number(c.rateHigh()));
        f.add(c.status());
        return f;
    }

    /** Rates to three decimals, locale-independent (the one format summaries quote them in). */
    public static String number(Double v) {
        return v == null ? "" : Rates.format(v);
    }
}
