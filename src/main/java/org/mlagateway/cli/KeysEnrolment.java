package org.mlagateway.cli;

import java.io.IOException;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.mlagateway.security.enrolment.KeyImport;
import org.mlagateway.security.enrolment.KeyRequest;
import org.mlagateway.security.enrolment.KeyRole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code keys request} and {@code keys import}: real keys, certified by the national CA (docs/install.md). */
final class KeysEnrolment {
    static final String PASSWORD_FILE = "keystore.password";

    private KeysEnrolment() {}

    @Command(
            name = "request",
            mixinStandardHelpOptions = true,
            description = "Make the signing, encryption and TLS key pairs (RSA " + KeyRequest.RSA_BITS + ") and a"
                    + " PKCS#10 certificate request (PEM) for each, to send to the national CA. The private keys"
                    + " are written as encrypted PKCS#8 (0600) in a 0700 directory; their password is read from"
                    + " --password-file, or made into it (0600) when it does not exist.")
    static final class Request implements Callable<Integer> {
        @Option(names = "--authority", required = true, description = "Our authority id, e.g. KZ-GPO.")
        String authority;

        @Option(names = "--out", required = true, description = "Directory to write (created 0700).")
        Path out;

        @Option(
                names = "--subject",
                description = "The subject name after the CN, e.g. \"O=General Prosecutor's Office,L=Astana,C=KZ\""
                        + " (default: O=<authority>,C=<its country>).")
        String subject;

        @Option(
                names = "--dns",
                description = "A DNS name partners reach the external listener by (TLS certificate; repeatable).")
        List<String> dns = new ArrayList<>();

        @Option(names = "--ip", description = "An IP address partners reach it by (TLS certificate; repeatable).")
        List<String> ip = new ArrayList<>();

        @Option(
                names = "--password-file",
                description = "The keys' password, first line (default: DIR/" + PASSWORD_FILE + ", made if absent).")
        Path passwordFile;

        @Override
        public Integer call() throws IOException {
            Path password = passwordFile != null ? passwordFile : out.resolve(PASSWORD_FILE);
            List<KeyRequest.Written> written;
            try {
                written = new KeyRequest(new SecureRandom())
                        .write(out, new KeyRequest.Spec(authority, subject, dns, ip), password);
            } catch (IllegalArgumentException e) {
                System.err.println("keys request: " + e.getMessage());
                return 2;
            }
            for (KeyRequest.Written w : written) {
                System.out.println(w.role().id() + ": " + w.csr() + "  subject " + w.subject());
                System.out.println("    public key SHA-256 " + w.publicKeySha256());
            }
            System.out.println("keys request: wrote 3 keys and requests to " + out + " (password in " + password
                    + "); send the .csr files to the CA, compare the public key digests with it by another"
                    + " channel, then run keys import. The .key files never leave this directory.");
            if (dns.isEmpty() && ip.isEmpty()) {
                System.out.println("warning: no --dns or --ip: partners that check the host name will refuse the"
                        + " TLS certificate");
            }
            return 0;
        }
    }

    @Command(
            name = "import",
            mixinStandardHelpOptions = true,
            description = "Check the certificates the CA issued against the keys of keys request: each must hold"
                    + " its key's public key, carry its role's key usage and chain to the CA certificates given."
                    + " Then write signing.p12, encryption.p12 and tls.p12 beside the keys and print the keys:"
                    + " section of gateway.yaml. Nothing is written if any check fails.")
    static final class Import implements Callable<Integer> {
        @Option(names = "--dir", required = true, description = "The directory keys request wrote.")
        Path dir;

        @Option(
                names = "--cert",
                required = true,
                description = "ROLE=FILE for signing, encryption and tls: the issued certificate (PEM or DER;"
                        + " the CA certificates may follow it).")
        Map<String, Path> certs;

        @Option(names = "--chain", description = "The CA certificates up to the root (PEM or DER).")
        Path chain;

        @Option(
                names = "--password-file",
                description = "The keys' password file (default: DIR/" + PASSWORD_FILE + ").")
        Path passwordFile;

        @Override
        public Integer call() throws IOException {
            Map<KeyRole, Path> byRole = new EnumMap<>(KeyRole.class);
            for (Map.Entry<String, Path> e : certs.entrySet()) {
                try {
                    byRole.put(KeyRole.of(e.getKey()), e.getValue());
                } catch (IllegalArgumentException bad) {
                    System.err.println("keys import: --cert " + bad.getMessage());
                    return 2;
                }
            }
            Path password = passwordFile != null ? passwordFile : dir.resolve(PASSWORD_FILE);
            KeyImport.Imported imported;
            try {
                imported = new KeyImport(Clock.systemUTC()).importInto(dir, byRole, chain, password);
            } catch (KeyImport.Refused refused) {
                refused.problems().forEach(p -> System.err.println("keys import: refused: " + p));
                return 1;
            }
            System.out.println("# keys import: wrote " + imported.keyStores().size() + " key stores to "
                    + dir.toAbsolutePath() + "; the keys: section of gateway.yaml:");
            System.out.println(keysYaml(imported));
            return 0;
        }

        static String keysYaml(KeyImport.Imported imported) {
            StringBuilder y = new StringBuilder("keys:\n");
            imported.keyStores().forEach((role, store) -> y.append("  ")
                    .append(role.id())
                    .append(":\n    keystore: ")
                    .append(store.toAbsolutePath())
                    .append("\n    password: { file: ")
                    .append(imported.passwordFile().toAbsolutePath())
                    .append(" }\n    alias: ")
                    .append(role.id())
                    .append('\n'));
            return y.toString().stripTrailing();
        }
    }
}
