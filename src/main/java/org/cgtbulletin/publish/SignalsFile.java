package org.cgtbulletin.publish;

import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.List;
import java.util.Locale;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.cgtbulletin.model.Quarter;
import org.cgtbulletin.model.Signal;

/**
 * Writes {@code data/signals.json} with the contract's keys ({@code as_of}; per signal kind, process_step,
 * failure_mode, product_class, period, statistic, value, p_value, events, summary) plus {@code q_value}, the
 * Benjamini-Hochberg adjusted p-value. Numbers have a fixed format, so the same signals give the same bytes:
 * {@code value} to three decimals (null when infinite, e.g. a spike after a baseline without events), p- and
 * q-values to three significant digits.
 */
public final class SignalsFile {

    public static final String NAME = "signals.json";

    private SignalsFile() {
    }

    public static void write(Path dataDir, Quarter asOf, List<Signal> signals) throws IOException {
        Files.createDirectories(dataDir);
        try (OutputStream out = Files.newOutputStream(dataDir.resolve(NAME), StandardOpenOption.CREATE_NEW);
             JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            if (asOf == null) {
                g.writeNullField("as_of");
            } else {
                g.writeStringField("as_of", asOf.toString());
            }
            g.writeArrayFieldStart("signals");
            for (Signal s : signals) {
                g.writeStartObject();
                g.writeStringField("kind", s.kind());
                g.writeStringField("process_step", s.processStep());
                g.writeStringField("failure_mode", s.failureMode());
                g.writeStringField("product_class", s.productClass());
                g.writeStringField("period", s.period());
                g.writeStringField("statistic", s.statistic());
                g.writeFieldName("value");
                if (Double.isFinite(s.value())) {
                    g.writeNumber(String.format(Locale.ROOT, "%.3f", s.value()));
                } else {
                    g.writeNull();
                }
                g.writeFieldName("p_value");
                g.writeNumber(significant(s.pValue()));
                g.writeFieldName("q_value");
                g.writeNumber(significant(s.qValue()));
                g.writeNumberField("events", s.events());
                g.writeStringField("summary", s.summary());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    /** A probability to three significant digits, e.g. 0.00123 or 4.56E-12 (valid JSON numbers). */
    static String significant(double p) {
        if (p == 0) {
            return "0";
        }
        return new BigDecimal(p).round(new MathContext(3, RoundingMode.HALF_EVEN)).stripTrailingZeros().toString();
    }
}
