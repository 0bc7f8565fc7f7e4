package org.cgtbulletin.cli;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;

import org.cgtbulletin.serve.ChangeWatcher;
import org.cgtbulletin.serve.Preview;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code serve}: builds the site, serves it on 127.0.0.1 and rebuilds whenever content, templates or data change.
 * A build with problems prints them and keeps serving the last good site.
 */
@Command(name = "serve", mixinStandardHelpOptions = true,
        description = "Preview the site locally, rebuilding when content, templates or data change.")
final class ServeCommand implements Callable<Integer> {

    private final Session session;

    @Mixin
    InputOptions inputs = new InputOptions();

    @Option(names = "--port", paramLabel = "N", defaultValue = "8000",
            description = "the local port to serve on [default: ${DEFAULT-VALUE}]")
    int port;

    @Option(names = "--output", paramLabel = "DIR", defaultValue = "site",
            description = "where the previewed site is built [default: ${DEFAULT-VALUE}]")
    Path output;

    @Option(names = "--audit", paramLabel = "DIR", defaultValue = "audit",
            description = "where the staff-only audit is written [default: ${DEFAULT-VALUE}]")
    Path audit;

    @Option(names = "--poll-ms", paramLabel = "MS", defaultValue = "300", hidden = true)
    long pollMillis;

    ServeCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        ChangeWatcher watcher = new ChangeWatcher(List.of(inputs.content, inputs.templates, inputs.files().reports(),
                inputs.files().volumes() == null ? inputs.content : inputs.files().volumes()));
        int first = BuildCommand.build(session, inputs, output, audit, null);
        if (first == Main.USAGE) {
            return first;
        }
        try (Preview preview = Preview.start(output, port)) {
            session.out().println("Serving " + output + " at http://127.0.0.1:" + preview.port()
                    + "/ (rebuilds when " + inputs.content + ", " + inputs.templates + " or the data change;"
                    + " Ctrl-C stops)");
            while (!Thread.currentThread().isInterrupted()) {
                Thread.sleep(pollMillis);
                if (watcher.changed()) {
                    session.out().println("Change detected; rebuilding.");
                    BuildCommand.build(session, inputs, output, audit, null);
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }
}
