package org.mlagateway.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** The {@code gateway} command line: {@code ./gateway <command> [args]}. */
@Command(
        name = "gateway",
        mixinStandardHelpOptions = true,
        version = "MLA Gateway 0.1.0",
        description = "MLA Gateway: signed, encrypted exchange of mutual-legal-assistance and extradition messages.",
        subcommands = {
            DemoCommand.class,
            RunCommand.class,
            LogCommand.class,
            KeysCommand.class,
            ApiCommand.class,
            ConfigCommand.class,
            BenchCommand.class,
            StatsCommand.class,
            CommandLine.HelpCommand.class
        })
public final class Main implements java.util.concurrent.Callable<Integer> {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    public static void main(String[] args) {
        // A running gateway serves its embedded store to the operator's commands on loopback only
        // (store.EmbeddedServer): H2 reads this once, when it loads, so before anything else.
        if (System.getProperty("h2.bindAddress") == null) {
            System.setProperty("h2.bindAddress", "127.0.0.1");
        }
        System.exit(run(args));
    }

    /** Runs one command and returns its exit code: 0 success, 1 a problem was found, 2 bad usage. */
    public static int run(String... args) {
        return new CommandLine(new Main()).execute(args);
    }

    /** Without a command: the help, on standard error, and exit status 2 (bad usage). */
    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getErr());
        return 2;
    }
}
