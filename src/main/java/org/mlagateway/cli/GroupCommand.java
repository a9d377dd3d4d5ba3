package org.mlagateway.cli;

import picocli.CommandLine;

/** A command that only groups subcommands: called alone, it prints its usage. */
abstract class GroupCommand implements Runnable {
    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }
}
