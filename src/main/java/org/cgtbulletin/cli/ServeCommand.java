package org.cgtbulletin.cli;

import java.util.concurrent.Callable;

import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** {@code serve}: not available yet in this release; see the README's status section. */
@Command(name = "serve", mixinStandardHelpOptions = true, description = "Not available yet in this release.")
final class ServeCommand implements Callable<Integer> {

    private final Session session;

    @Mixin
    InputOptions inputs = new InputOptions();

    ServeCommand(Session session) {
        this.session = session;
    }

    @Override
    public Integer call() {
        session.err().println("bulletin: error: 'serve' is not available yet in this release (see README, Status)");
        return Main.FAILURE;
    }
}
