package org.cgtbulletin.cli;

import org.cgtbulletin.model.Problems;
import org.cgtbulletin.read.DatasetSummary;

/** Reports the outcome of reading the inputs, the same way for every command that reads them. */
final class Checked {

    private Checked() {
    }

    /** Prints problems and a one-line summary; returns 1 when there are errors, else 0. */
    static int finish(InputOptions inputs, Problems problems, Session session, DatasetSummary summary) {
        if (inputs.format == InputOptions.ProblemFormat.json) {
            ProblemPrinter.json(problems, session.out());
        }
        ProblemPrinter.text(problems, inputs.maxProblems, session);
        if (problems.hasErrors()) {
            session.err().println("The inputs have problems; nothing was published.");
            return Main.INPUT_PROBLEMS;
        }
        if (inputs.format == InputOptions.ProblemFormat.text && summary != null) {
            session.out().println(describe(inputs, summary));
        }
        return Main.OK;
    }

    static String describe(InputOptions inputs, DatasetSummary s) {
        StringBuilder b = new StringBuilder();
        b.append(inputs.files().reports()).append(": ").append(ProblemPrinter.count(s.reports(), "report"));
        if (s.reports() > 0) {
            b.append(" from ").append(ProblemPrinter.count(s.contributors(), "contributor")).append(", ")
                    .append(s.first()).append(" to ").append(s.last()).append(", ")
                    .append(s.publishable()).append(" with consent to publish the narrative");
        } else {
            b.append(" (a header-only file: the site will say there is nothing to report)");
        }
        b.append("; ").append(ProblemPrinter.count(s.volumes().size(), "volume row"))
                .append("; ").append(ProblemPrinter.count(s.denylist().size(), "denylist term")).append(". OK.");
        return b.toString();
    }
}
