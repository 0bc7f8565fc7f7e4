package org.cgtbulletin.cli;

import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import org.cgtbulletin.model.Problem;
import org.cgtbulletin.model.Problems;

/** Prints the problems of a run: as {@code FILE:LINE: field: message} lines, and as JSON on request. */
final class ProblemPrinter {

    private ProblemPrinter() {
    }

    /** Problems ordered by file (in the order files were read) and line, stable within a line. */
    static List<Problem> ordered(Problems problems) {
        Map<String, Integer> fileOrder = new LinkedHashMap<>();
        for (Problem p : problems.kept()) {
            fileOrder.putIfAbsent(p.file(), fileOrder.size());
        }
        List<Problem> list = new ArrayList<>(problems.kept());
        list.sort(Comparator.<Problem>comparingInt(p -> fileOrder.get(p.file())).thenComparingLong(Problem::line));
        return list;
    }

    static void text(Problems problems, int max, Session session) {
        List<Problem> list = ordered(problems);
        int shown = 0;
        for (Problem p : list) {
            if (shown == max) {
                break;
            }
            session.err().println(p.format());
            shown++;
        }
        long more = problems.total() - shown;
        if (more > 0) {
            session.err().println("... and " + more + " more problem" + (more == 1 ? "" : "s") + " not listed ("
                    + (shown < max ? "a run keeps the first " + Problems.DEFAULT_KEEP + " in memory"
                            : "--max-problems " + max) + ")");
        }
        if (problems.total() > 0) {
            session.err().println(count(problems.errorCount(), "error") + ", "
                    + count(problems.warningCount(), "warning") + ".");
        }
    }

    static void json(Problems problems, OutputStream out) {
        try (JsonGenerator g = new JsonFactory().createGenerator(out, JsonEncoding.UTF8)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.writeStartObject();
            g.writeNumberField("errors", problems.errorCount());
            g.writeNumberField("warnings", problems.warningCount());
            g.writeNumberField("not_listed", problems.total() - problems.kept().size());
            g.writeArrayFieldStart("problems");
            for (Problem p : ordered(problems)) {
                g.writeStartObject();
                g.writeStringField("severity", p.isError() ? "error" : "warning");
                g.writeStringField("file", p.file());
                g.writeNumberField("line", p.line());
                g.writeStringField("field", p.field());
                g.writeStringField("message", p.message());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
            g.writeRaw('\n');
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String count(long n, String what) {
        return n + " " + what + (n == 1 ? "" : "s");
    }
}
