package org.cgtbulletin.config;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Pattern;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import org.cgtbulletin.analyze.SignalSettings;
import org.cgtbulletin.model.Problems;
import org.cgtbulletin.protect.DisclosureRules;

/**
 * The staff's settings, from {@code content/bulletin.yaml}, parsed once and strictly (an unknown key is an
 * error, not silently ignored). Each stage receives only its part.
 */
public record BulletinConfig(DisclosureRules disclosure, SignalSettings signals, SiteSettings site) {

    public static final String FILE = "bulletin.yaml";

    public static BulletinConfig defaults() {
        return new BulletinConfig(DisclosureRules.defaults(), SignalSettings.defaults(), SiteSettings.defaults());
    }

    /** Reads {@code <content>/bulletin.yaml}; defaults when it does not exist; null (with problems) when bad. */
    public static BulletinConfig read(Path contentDir, Problems problems) throws IOException {
        Path file = contentDir.resolve(FILE);
        if (!Files.exists(file)) {
            return defaults();
        }
        ObjectMapper mapper = new ObjectMapper(new YAMLFactory())
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
                .disable(DeserializationFeature.ACCEPT_FLOAT_AS_INT);
        try {
            Raw raw = mapper.readValue(file.toFile(), Raw.class);
            RawDisclosure d = raw == null || raw.disclosure == null ? new RawDisclosure() : raw.disclosure;
            DisclosureRules defaults = DisclosureRules.defaults();
            DisclosureRules rules = new DisclosureRules(
                    d.minContributors == null ? defaults.minContributors() : d.minContributors,
                    d.minEvents == null ? defaults.minEvents() : d.minEvents,
                    d.dominance == null ? defaults.dominance() : d.dominance,
                    d.pPercent == null ? defaults.pPercent() : d.pPercent);
            String bad = check(rules);
            if (bad != null) {
                problems.error(file.toString(), 1, "disclosure", bad);
                return null;
            }
            RawSignals sg = raw == null || raw.signals == null ? new RawSignals() : raw.signals;
            SignalSettings sd = SignalSettings.defaults();
            SignalSettings signals = new SignalSettings(
                    sg.trendQuarters == null ? sd.trendQuarters() : sg.trendQuarters,
                    sg.spikeBaselineQuarters == null ? sd.spikeBaselineQuarters() : sg.spikeBaselineQuarters,
                    sg.falseDiscoveryRate == null ? sd.falseDiscoveryRate() : sg.falseDiscoveryRate,
                    sg.minEvents == null ? sd.minEvents() : sg.minEvents);
            SignalSettings.Invalid invalid = signals.check();
            if (invalid != null) {
                problems.error(file.toString(), lineOf(file, "signals", invalid.setting()), invalid.setting(),
                        invalid.message());
                return null;
            }
            SiteSettings site = site(raw == null ? null : raw.site);
            if (!site.baseUrl().matches("https?://[^\\s<>\"']+/")) {
                problems.error(file.toString(), 1, "base_url", "expected an http(s) address ending in '/', such as"
                        + " https://bulletin.example.org/, found '" + site.baseUrl() + "'");
                return null;
            }
            return new BulletinConfig(rules, signals, site);
        } catch (UnrecognizedPropertyException e) {
            problems.error(file.toString(), line(e), e.getPropertyName(), "unknown setting '" + e.getPropertyName()
                    + "'; known settings are " + e.getKnownPropertyIds());
            return null;
        } catch (JsonMappingException e) {
            String field = e.getPath().isEmpty() ? null : e.getPath().get(e.getPath().size() - 1).getFieldName();
            String message = e.getOriginalMessage();
            if (e instanceof MismatchedInputException m && m.getTargetType() != null) {
                Class<?> type = m.getTargetType();
                if (type == Integer.class || type == Long.class) {
                    message = "expected a whole number, e.g. 8";
                } else if (type == Double.class) {
                    message = "expected a number, e.g. 0.05";
                }
            }
            problems.error(file.toString(), line(e), field == null ? "setting" : field, message);
            return null;
        }
    }

    private static SiteSettings site(RawSite s) {
        SiteSettings d = SiteSettings.defaults();
        if (s == null) {
            return d;
        }
        return new SiteSettings(s.title == null || s.title.isBlank() ? d.title() : s.title.strip(),
                s.baseUrl == null ? d.baseUrl() : s.baseUrl.strip(),
                s.allowRawHtml != null && s.allowRawHtml);
    }

    private static String check(DisclosureRules r) {
        if (r.minContributors() < 1) {
            return "min_contributors must be 1 or more";
        }
        if (r.minEvents() < 1) {
            return "min_events must be 1 or more";
        }
        if (!(r.dominance() > 0 && r.dominance() <= 1)) {
            return "dominance must be a share between 0 (exclusive) and 1, e.g. 0.75";
        }
        if (!(r.pPercent() >= 0 && r.pPercent() <= 1)) {
            return "p_percent must be a share between 0 and 1, e.g. 0.20 for 20%";
        }
        return null;
    }

    /** The line of {@code key} inside the top-level {@code section} (1 when not found), for a located message. */
    static long lineOf(Path file, String section, String key) throws IOException {
        List<String> lines = Files.readAllLines(file);
        Pattern sectionLine = Pattern.compile("^" + Pattern.quote(section) + "\\s*:.*");
        Pattern keyLine = Pattern.compile("^\\s+" + Pattern.quote(key) + "\\s*:.*");
        boolean inSection = false;
        for (int i = 0; i < lines.size(); i++) {
            String l = lines.get(i);
            if (!l.isEmpty() && !Character.isWhitespace(l.charAt(0)) && !l.startsWith("#")) {
                inSection = sectionLine.matcher(l).matches();
            } else if (inSection && keyLine.matcher(l).matches()) {
                return i + 1;
            }
        }
        return 1;
    }

    private static long line(JsonMappingException e) {
        return e.getLocation() == null ? 1 : e.getLocation().getLineNr();
    }

    static final class Raw {
        @JsonProperty("disclosure")
        RawDisclosure disclosure;
        @JsonProperty("signals")
        RawSignals signals;
        @JsonProperty("site")
        RawSite site;
    }

    static final class RawSite {
        @JsonProperty("title")
        String title;
        @JsonProperty("base_url")
        String baseUrl;
        @JsonProperty("allow_raw_html")
        Boolean allowRawHtml;
    }

    static final class RawSignals {
        @JsonProperty("trend_quarters")
        Integer trendQuarters;
        @JsonProperty("spike_baseline_quarters")
        Integer spikeBaselineQuarters;
        @JsonProperty("false_discovery_rate")
        Double falseDiscoveryRate;
        @JsonProperty("min_events")
        Long minEvents;
    }

    static final class RawDisclosure {
        @JsonProperty("min_contributors")
        Integer minContributors;
        @JsonProperty("min_events")
        Long minEvents;
        @JsonProperty("dominance")
        Double dominance;
        @JsonProperty("p_percent")
        Double pPercent;
    }
}
