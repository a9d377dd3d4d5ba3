package org.mlagateway.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.mlagateway.api.ApiTokens;
import org.mlagateway.config.ApiClientConfig;
import org.mlagateway.config.ApiRole;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** Internal API commands. */
@Command(
        name = "api",
        description = "The internal API's clients.",
        subcommands = {ApiCommand.Token.class},
        mixinStandardHelpOptions = true)
final class ApiCommand extends GroupCommand {

    @Command(
            name = "token",
            mixinStandardHelpOptions = true,
            description = "Make a new random bearer token (256 bits, URL-safe) for one API client and print it once,"
                    + " with the tokenSha256 that api.clients in gateway.yaml holds in its place.")
    static final class Token implements Callable<Integer> {
        @Option(names = "--client", required = true, description = "The client's name in api.clients.")
        String client;

        @Option(
                names = "--role",
                description = "A role of the client, repeatable: domestic-system:<BODY>, translator, operator,"
                        + " auditor (alone), admin.")
        List<String> roles = new ArrayList<>();

        @Override
        public Integer call() {
            if (!client.matches("[A-Za-z0-9][A-Za-z0-9._-]{0,63}")) {
                System.err.println("api token: --client '" + client + "' is not a client name (letters, digits, '.',"
                        + " '_' and '-', at most 64)");
                return 2;
            }
            String token = ApiTokens.newToken();
            List<String> texts = new ArrayList<>();
            try {
                List<ApiRole> parsed = new ArrayList<>();
                for (String role : roles) {
                    parsed.add(ApiRole.parse(role));
                }
                // The same checks as the configuration's: the auditor role is held alone.
                new ApiClientConfig(client, ApiTokens.sha256(token), parsed);
                parsed.forEach(r -> texts.add(r.text()));
            } catch (IllegalArgumentException e) {
                System.err.println("api token: " + e.getMessage());
                return 2;
            }
            System.out.println("token: " + token);
            System.out.println("tokenSha256: " + ApiTokens.sha256(token));
            System.out.println("# The token is shown this once: hand it to the client over a secure channel; the"
                    + " gateway keeps only its SHA-256. The api.clients entry for gateway.yaml:");
            System.out.println("    - name: " + client);
            System.out.println("      tokenSha256: " + ApiTokens.sha256(token));
            System.out.println("      roles: ["
                    + (texts.isEmpty() ? "]   # add the client's roles" : String.join(", ", texts) + "]"));
            return 0;
        }
    }
}
