package org.mlagateway.tools.sample;

import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.mlagateway.config.ApiRole;
import org.mlagateway.tools.sample.SampleDeployment.Authority;

/** The {@code gateway.yaml} of one sample authority, with relative paths into its own folder. */
final class SampleYaml {
    private static final List<String> HOME_BODIES =
            List.of("MVD-INVESTIGATION", "ANTI-CORRUPTION", "FIN-MONITORING", "KNB", "GPO-SUPERVISION", "COURTS");

    private SampleYaml() {}

    static String render(Authority a, List<Authority> partners, Map<String, String> tokenHashes, boolean home) {
        StringBuilder y = new StringBuilder();
        y.append("# SAMPLE configuration of ")
                .append(a.id())
                .append(" for the demo and the docs. NEVER for production.\n")
                .append("# Paths are relative to this file. See README.md, section Configuration.\n\n");
        y.append("authority:\n  id: ")
                .append(a.id())
                .append("\n  country: ")
                .append(a.country())
                .append("\n  name: \"")
                .append(a.name())
                .append("\"\n\n");
        y.append("keys:\n");
        for (String key : List.of("signing", "encryption", "tls")) {
            y.append("  ")
                    .append(key)
                    .append(":\n    keystore: ")
                    .append(key)
                    .append(".p12\n")
                    .append("    password: { file: secrets/keystore.password }\n    alias: ")
                    .append(key)
                    .append('\n');
        }
        y.append("\nlisteners:\n  external: { host: 127.0.0.1, port: ")
                .append(a.externalPort())
                .append(" }\n")
                .append("  internal: { host: 127.0.0.1, port: ")
                .append(a.internalPort())
                .append(" }\n\n");
        y.append("storage:\n  dataDir: data        # embedded H2; set jdbcUrl for PostgreSQL\n")
                .append("  kek:                # SAMPLE key-encryption key (docs/encryption-at-rest.md). NEVER for"
                        + " production.\n")
                .append("    keystore: kek.p12\n    password: { file: secrets/keystore.password }\n    alias:"
                        + " kek-1\n\n");
        y.append("partners:\n");
        for (Authority p : partners) {
            String dir = "partners/" + p.dir() + "/";
            y.append("  - id: ")
                    .append(p.id())
                    .append("\n    country: ")
                    .append(p.country())
                    .append("\n    endpoint: https://127.0.0.1:")
                    .append(p.externalPort())
                    .append("/exchange/v1\n")
                    .append("    signingAnchors: [")
                    .append(dir)
                    .append("ca.pem]\n")
                    .append("    crls: [")
                    .append(dir)
                    .append("ca.crl]\n")
                    .append("    encryptionCertificate: ")
                    .append(dir)
                    .append("encryption.pem\n")
                    .append("    tlsAnchors: [")
                    .append(dir)
                    .append("ca.pem]\n")
                    .append("    acceptedLanguages: [")
                    .append(String.join(", ", p.languages()))
                    .append("]\n")
                    .append("    legalBases:\n")
                    .append(legalBases(home ? p : a));
        }
        y.append('\n').append(home ? homeRouting() : partnerRouting(a));
        y.append("\nlimits:\n  maxEnvelopeBytes: 33554432\n  maxDocuments: 100\n  clockSkew: 300s\n");
        y.append("\nsending:\n  initialBackoff: 10s\n  maxBackoff: 1h\n  giveUpAfter: 48h\n  workers: 4\n");
        y.append("\nlog:\n  checkpointEveryEntries: 100\n  checkpointEvery: 5m\n");
        if (home) {
            y.append("\nops:\n  defaultLanguage: kk  # of the operator pages, for a browser that asks for none of ")
                    .append("kk, ru, en\n");
        }
        y.append("\napi:\n  clients:          # tokens are stored as SHA-256; the sample tokens are in secrets/\n");
        tokenHashes.forEach((client, hash) -> y.append("    - name: ")
                .append(client)
                .append("\n      tokenSha256: ")
                .append(hash)
                .append("\n      roles: [")
                .append(role(client, a, home).text())
                .append("]\n"));
        return y.toString();
    }

    private static String legalBases(Authority partner) {
        String instruments =
                switch (partner.country()) {
                    case "RU" ->
                        "      - { instrument: CIS-MINSK-1993 }\n      - { instrument: CIS-MINSK-1993-P1997 }\n"
                                + "      - { instrument: CIS-CHISINAU-2002 }\n"
                                + "      - { instrument: CIS-TSP-1998, requestTypes: [TRANSFER_SENTENCED_PERSON] }\n";
                    case "KZ" ->
                        "      - { instrument: CIS-MINSK-1993 }\n      - { instrument: CIS-MINSK-1993-P1997 }\n"
                                + "      - { instrument: CIS-TSP-1998, requestTypes: [TRANSFER_SENTENCED_PERSON] }\n";
                    default -> "      - { instrument: " + partner.instrument() + " }\n";
                };
        return instruments + "      - { instrument: UN-UNTOC-2000, requestTypes: [MLA, EXTRADITION_PROSECUTION, "
                + "EXTRADITION_ENFORCEMENT, PROVISIONAL_ARREST] }\n";
    }

    private static String homeRouting() {
        return "routing:\n  workingLanguages: [kk, ru]\n"
                + "  bodies: [" + String.join(", ", HOME_BODIES) + "]\n"
                + "  rules:             # first match wins; the last rule, without match, is the default\n"
                + "    - name: terrorism\n      match: { offenceCategories: [TERRORISM] }\n"
                + "      target: KNB\n      priority: 9\n"
                + "    - name: extradition-and-arrest\n      match: { requestTypes: [EXTRADITION_PROSECUTION, "
                + "EXTRADITION_ENFORCEMENT, PROVISIONAL_ARREST, TRANSIT, TRANSFER_SENTENCED_PERSON] }\n"
                + "      target: GPO-SUPERVISION\n      priority: 8\n"
                + "    - name: corruption\n      match: { offenceCategories: [CORRUPTION] }\n"
                + "      target: ANTI-CORRUPTION\n      priority: 6\n"
                + "    - name: financial\n      match: { offenceCategories: [MONEY_LAUNDERING] }\n"
                + "      target: FIN-MONITORING\n      priority: 6\n"
                + "    - name: default\n      target: MVD-INVESTIGATION\n      priority: 5\n";
    }

    private static String partnerRouting(Authority a) {
        String body = a.country() + "-CENTRAL-AUTHORITY";
        return "routing:\n  workingLanguages: [" + a.languages().stream().collect(Collectors.joining(", ")) + "]\n"
                + "  bodies: [" + body + "]\n"
                + "  rules:\n    - name: default\n      target: " + body + "\n";
    }

    private static ApiRole role(String client, Authority a, boolean home) {
        return switch (client) {
            case "operator" -> ApiRole.OPERATOR;
            case "translator" -> ApiRole.TRANSLATOR;
            case "admin" -> ApiRole.ADMIN;
            case "auditor" -> ApiRole.AUDITOR;
            case "consular" -> ApiRole.CONSULAR;
            case "registrar" -> ApiRole.REGISTER;
            case "mvd-investigation" -> new ApiRole.DomesticSystem("MVD-INVESTIGATION");
            case "anti-corruption" -> new ApiRole.DomesticSystem("ANTI-CORRUPTION");
            default -> new ApiRole.DomesticSystem(home ? "GPO-SUPERVISION" : a.country() + "-CENTRAL-AUTHORITY");
        };
    }
}
