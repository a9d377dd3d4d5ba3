package org.mlagateway.cli;

import org.mlagateway.tools.sample.SampleDeployment;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Key material commands. */
@Command(name = "keys", description = "Key material.", subcommands = KeysCommand.Sample.class,
        mixinStandardHelpOptions = true)
final class KeysCommand extends GroupCommand {

    @Command(name = "sample", mixinStandardHelpOptions = true,
            description = "Generate the SAMPLE PKI and configurations (KZ-GPO and partners RU-GPO, TR-MOJ, AE-MOJ)."
                    + " Sample material is for the demo and docs, never for production.")
    static final class Sample implements Callable<Integer> {
        @Option(names = "--out", required = true, description = "Directory to write, e.g. keys-sample.")
        Path out;

        @Option(names = "--force", description = "Replace the files of an existing, non-empty directory.")
        boolean force;

        @Override
        public Integer call() throws IOException {
            if (!force && Files.isDirectory(out) && !isEmpty(out)) {
                System.err.println("keys sample: " + out + " is not empty; use --force to overwrite it");
                return 1;
            }
            new SampleDeployment(new SecureRandom(), Instant.now()).writeTo(out);
            System.out.println("keys sample: wrote SAMPLE key material for "
                    + SampleDeployment.AUTHORITIES.size() + " authorities to " + out
                    + " (never use it in production)");
            return 0;
        }

        private static boolean isEmpty(Path dir) throws IOException {
            try (Stream<Path> entries = Files.list(dir)) {
                return entries.findAny().isEmpty();
            }
        }
    }
}
