package org.mlagateway.cli;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;
import org.mlagateway.config.OwnerOnly;
import org.mlagateway.tools.demo.SoftHsm;
import org.mlagateway.tools.demo.TokenKeys;

/**
 * {@code ./gateway demo --pkcs11}: the demo with KZ-GPO's keys in a SoftHSM2 token made for the run.
 * SoftHSM2 takes its configuration from an environment variable, which a running JVM cannot set for
 * itself; so the demo makes the configuration and a token directory, then runs itself again in a
 * child JVM that has the variable, and that child creates the token, moves KZ-GPO's three keys from
 * the sample key stores into it, deletes the key stores and runs the demo.
 */
final class DemoToken {
    /** Set for the child: the directory with SoftHSM2's configuration and tokens. */
    static final String DIR_VARIABLE = "MLA_DEMO_SOFTHSM";

    static final String LABEL = "KZ-GPO";
    private static final String EXPORT = "--add-exports=jdk.crypto.cryptoki/sun.security.pkcs11.wrapper=ALL-UNNAMED";

    private DemoToken() {}

    /** In the child: the directory the parent prepared; in the parent: empty. */
    static Optional<Path> prepared() {
        String dir = System.getenv(DIR_VARIABLE);
        return dir == null || System.getenv(SoftHsm.CONF) == null ? Optional.empty() : Optional.of(Path.of(dir));
    }

    /**
     * In the parent: SoftHSM2's configuration in {@code dataDir/softhsm} (kept with the stores) or a
     * temporary directory (deleted afterwards), and the demo run again with {@code args} in a child JVM.
     */
    static int runInChild(List<String> args, Path dataDir) throws IOException, InterruptedException {
        Optional<String> missing = SoftHsm.unavailable();
        if (missing.isPresent()) {
            System.out.println("demo: --pkcs11 needs SoftHSM2: " + missing.get());
            return 1;
        }
        Path hsm;
        if (dataDir != null) {
            hsm = dataDir.resolve("softhsm");
            if (Files.exists(hsm)) {
                deleteTree(hsm); // a token from an earlier run would carry the same label
            }
            OwnerOnly.createDirectories(hsm);
        } else {
            hsm = Files.createTempDirectory("mla-gateway-softhsm-");
        }
        Path conf = hsm.resolve("softhsm2.conf");
        SoftHsm.writeConf(conf, hsm.resolve("tokens"));
        List<String> command = new ArrayList<>();
        command.add(ProcessHandle.current().info().command().orElse("java"));
        command.add(EXPORT);
        for (String option : ManagementFactory.getRuntimeMXBean().getInputArguments()) {
            if (option.startsWith("-D") || option.startsWith("-Xm")) {
                command.add(option);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(args);
        ProcessBuilder child = new ProcessBuilder(command).inheritIO();
        child.environment().put(SoftHsm.CONF, conf.toString());
        child.environment().put(DIR_VARIABLE, hsm.toString());
        try {
            return child.start().waitFor();
        } finally {
            if (dataDir == null) {
                deleteTree(hsm);
            }
        }
    }

    /**
     * In the child: creates the token {@value #LABEL} with a random PIN, written beside the sample's
     * other secrets, and moves KZ-GPO's keys into it.
     */
    static void moveKzKeys(Path sample, Path hsm) throws IOException {
        byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        String pin = HexFormat.of().formatHex(random);
        Path pinFile = sample.resolve("kz-gpo/secrets/token.pin");
        OwnerOnly.write(pinFile, (pin + "\n").getBytes(StandardCharsets.UTF_8));
        SoftHsm.initToken(Path.of(System.getenv(SoftHsm.CONF)), LABEL, pin);
        TokenKeys.moveInto(sample.resolve("kz-gpo"), SoftHsm.LIBRARY, LABEL, pinFile);
        System.out.println("KZ-GPO's signing, encryption and TLS keys are in the SoftHSM2 token '" + LABEL + "' ("
                + hsm.resolve("tokens") + "); its key stores are deleted");
    }

    static void deleteTree(Path root) throws IOException {
        try (Stream<Path> walk = Files.walk(root)) {
            for (Path p :
                    walk.sorted((a, b) -> b.getNameCount() - a.getNameCount()).toList()) {
                Files.deleteIfExists(p);
            }
        }
    }
}
