package org.cgtbulletin.cli;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.concurrent.Callable;

import org.cgtbulletin.Bulletin;
import org.cgtbulletin.model.Problems;
import org.cgtbulletin.read.DatasetSummary;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code validate}: read and check the inputs, print every problem, exit 0 or 1. */
@Command(name = "validate", mixinStandardHelpOptions = true,
        description = "Read and check the inputs only; print every problem (FILE:LINE: field: message).")
final class ValidateCommand implements Callable<Integer> {

    private final Session session;

    @Mixin
    InputOptions inputs = new InputOptions();

    ValidateCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        String refusal = inputs.asOfRefusal(LocalDate.now(session.clock()));
        if (refusal != null) {
            session.err().println("bulletin validate: " + refusal);
            return Main.USAGE;
        }
        Problems problems = new Problems();
        if (!inputs.templates.equals(Path.of(InputOptions.DEFAULT_TEMPLATES))) {
            // named on the command line, as for a build: a folder that is not there fails the build, so it fails
            // here too (the default is not required: validate may run anywhere on a data file alone)
            org.cgtbulletin.site.Site.templatesFound(inputs.templates, problems);
        }
        DatasetSummary summary = Bulletin.validate(inputs.files(), inputs.rules(LocalDate.now(session.clock())),
                inputs.content, problems);
        return Checked.finish(inputs, problems, session, summary);
    }
}
