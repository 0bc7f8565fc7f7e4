package org.cgtbulletin.cli;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.SortedSet;
import java.util.concurrent.Callable;

import org.cgtbulletin.Bulletin;
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

    /** What the server keeps from one publish of the site to the next (null until it serves). */
    private Bulletin.Preview kept;

    ServeCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() throws Exception {
        if (port < 0 || port > 65535) { // said before the first build, not after it
            session.err().println("bulletin serve: --port " + port + " is not a port; expected 1 to 65535 (or 0 for"
                    + " any free one)");
            return Main.USAGE;
        }
        try (ChangeWatcher watcher = new ChangeWatcher(Arrays.asList(inputs.content, inputs.templates,
                inputs.files().reports(), inputs.files().volumes(), inputs.files().denylist(),
                inputs.files().taxonomy()));
             Bulletin.Preview state = new Bulletin.Preview(output)) {
            // Ctrl-C ends the JVM without unwinding this thread: the site's spare version is deleted on the way out.
            Thread cleanup = new Thread(() -> {
                try {
                    state.close();
                } catch (java.io.IOException e) {
                    // a folder named after this process, left as a killed build leaves its staging folder
                }
            }, "preview-cleanup");
            Runtime.getRuntime().addShutdownHook(cleanup);
            try {
                return serve(watcher, state);
            } finally {
                try {
                    Runtime.getRuntime().removeShutdownHook(cleanup);
                } catch (IllegalStateException e) {
                    // already shutting down: the hook does it
                }
            }
        }
    }

    private int serve(ChangeWatcher watcher, Bulletin.Preview kept) throws Exception {
        this.kept = kept;
        BuildCommand.Outcome last = BuildCommand.build(session, inputs, output, audit, null, null,
                Bulletin.Pass.BUILD, kept);
        if (last.status() == Main.USAGE) {
            return last.status();
        }
        try (Preview preview = Preview.start(output, port)) {
            session.out().println("Serving " + output + " at http://127.0.0.1:" + preview.port()
                    + "/ (rebuilds when " + inputs.content + ", " + inputs.templates + " or the data change;"
                    + " Ctrl-C stops)");
            Bulletin.Prepared digestsBehind = null; // the pages were re-rendered over these data, the digests not yet
            while (!Thread.currentThread().isInterrupted()) {
                watcher.await(pollMillis); // less when the file system says something changed
                SortedSet<Path> changes = watcher.changes();
                if (changes.isEmpty()) {
                    if (digestsBehind != null) {
                        // Nothing more was edited: bring the digests up to date behind the pages already served.
                        BuildCommand.Outcome digests = rebuild(digestsBehind, Bulletin.Pass.PAGES_AND_DIGESTS);
                        if (digests.status() == Main.OK) {
                            last = digests; // its memo describes the pages published now
                        }
                        digestsBehind = null;
                    }
                    continue;
                }
                Bulletin.Prepared data = last.prepared() != null && editorialOnly(changes) ? last.prepared() : null;
                session.out().println("Changed: " + describe(changes) + (data != null
                        ? "; re-rendering the pages (the data are unchanged and not read again)" : "; rebuilding"));
                if (data == null) {
                    // After a failed build the data on disk are not those served: the fast path waits for a good
                    // full build.
                    last = rebuild(null, Bulletin.Pass.BUILD);
                    digestsBehind = null;
                } else {
                    // The data of the latest good render, with the memo of the pages it published: only the pages
                    // the edit changes are rendered.
                    BuildCommand.Outcome pages = rebuild(data, Bulletin.Pass.PAGES);
                    if (pages.status() == Main.OK) {
                        last = pages;
                        digestsBehind = pages.prepared();
                    }
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        return Main.OK;
    }

    /**
     * One rebuild while serving ({@code data} null: a full one). A file that cannot be read or written just then (an
     * editor's save under way, a folder being moved or made read-only) fails this rebuild with a message, not the
     * server: the site last published stays served, and the next change is built again, in full.
     */
    BuildCommand.Outcome rebuild(Bulletin.Prepared data, Bulletin.Pass pass) {
        try {
            return BuildCommand.build(session, inputs, output, audit, null, data, pass, kept);
        } catch (java.io.IOException | java.io.UncheckedIOException e) {
            Throwable cause = e instanceof java.io.UncheckedIOException u ? u.getCause() : e;
            session.err().println("bulletin serve: could not rebuild: " + Main.cause(cause)
                    + "; still serving the site last published");
            return new BuildCommand.Outcome(Main.FAILURE, null);
        }
    }

    /**
     * Whether every change is one the fast path covers: a template, or the editorial Markdown under content/
     * (bulletins, lessons, pages). Data, the taxonomy, bulletin.yaml and stories.yaml need a full build.
     */
    boolean editorialOnly(SortedSet<Path> changes) {
        Path templates = inputs.templates.toAbsolutePath().normalize();
        Path content = inputs.content.toAbsolutePath().normalize();
        for (Path p : changes) {
            Path a = p.toAbsolutePath().normalize();
            boolean markdown = a.startsWith(content) && a.getFileName().toString().endsWith(".md")
                    && !a.startsWith(content.resolve("data"));
            if (!(a.startsWith(templates) && !a.equals(templates)) && !markdown) {
                return false;
            }
        }
        return true;
    }

    private static String describe(SortedSet<Path> changes) {
        return changes.size() == 1 ? changes.first().toString()
                : changes.first() + " and " + (changes.size() - 1) + " more";
    }
}
