package org.cgtbulletin.bench;

import java.io.File;
import java.util.List;

import org.jbake.app.Oven;
import org.jbake.app.configuration.DefaultJBakeConfiguration;
import org.jbake.app.configuration.JBakeConfigurationFactory;

/**
 * Bakes one JBake site for bench/pages.sh: {@code BakeRunner SITE OUTPUT}, where SITE holds jbake.properties,
 * content/ and templates/. Goes through JBake's own API (the configuration factory and the Oven), as the
 * {@code jbake -b} command line does, and exits non-zero when JBake reports an error.
 */
public final class BakeRunner {
    private BakeRunner() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 2) {
            System.err.println("usage: BakeRunner SITE OUTPUT");
            System.exit(2);
        }
        File site = new File(args[0]).getAbsoluteFile();
        File output = new File(args[1]).getAbsoluteFile();
        DefaultJBakeConfiguration config =
                new JBakeConfigurationFactory().createDefaultJbakeConfiguration(site, output, true);
        Oven oven = new Oven(config);
        oven.bake();
        List<Throwable> errors = oven.getErrors();
        if (!errors.isEmpty()) {
            for (Throwable error : errors) {
                System.err.println("jbake error: " + error);
            }
            System.exit(1);
        }
    }
}
