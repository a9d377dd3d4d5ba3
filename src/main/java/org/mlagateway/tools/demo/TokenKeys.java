package org.mlagateway.tools.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.mlagateway.config.ConfigLoader;
import org.mlagateway.config.GatewayConfig;
import org.mlagateway.config.KeyStoreConfig;
import org.mlagateway.config.Pkcs11Config;
import org.mlagateway.config.Secret;
import org.mlagateway.security.pki.IssuedKey;
import org.mlagateway.security.pki.PkiFiles;
import org.mlagateway.security.token.Token;
import org.mlagateway.security.token.Tokens;

/**
 * Moves one authority's three keys from its PKCS#12 key stores into a PKCS#11 token: each is stored
 * in the token under its role's name ({@code signing}, {@code encryption}, {@code tls}), the key
 * stores are deleted, and the {@code keys:} section of its {@code gateway.yaml} is rewritten to name
 * the token. For the demo and the tests, on a private copy of a sample deployment.
 */
public final class TokenKeys {
    private static final String[] ROLES = {"signing", "encryption", "tls"};

    private TokenKeys() {}

    /** The token keys section that replaces the key stores in {@code authorityDir/gateway.yaml}. */
    public static void moveInto(Path authorityDir, Path library, String tokenLabel, Path pinFile) {
        Path yaml = authorityDir.resolve("gateway.yaml");
        GatewayConfig config = new ConfigLoader().load(yaml);
        Map<String, KeyStoreConfig> stores = new LinkedHashMap<>();
        stores.put("signing", config.keys().signing());
        stores.put("encryption", config.keys().encryption());
        stores.put("tls", config.keys().tls());
        Pkcs11Config token = new Pkcs11Config(library, tokenLabel, null, new Secret(null, pinFile, null), "signing");
        try (Tokens tokens = new Tokens()) {
            Token opened = tokens.token(token);
            for (Map.Entry<String, KeyStoreConfig> e : stores.entrySet()) {
                KeyStoreConfig store = e.getValue();
                char[] password = store.password().reveal();
                IssuedKey key =
                        PkiFiles.readKey(PkiFiles.openPkcs12(store.keystore(), password), store.alias(), password);
                opened.importKey(e.getKey(), key);
            }
            for (KeyStoreConfig store : stores.values()) {
                Files.deleteIfExists(store.keystore());
            }
            Files.writeString(
                    yaml,
                    withTokenKeys(Files.readString(yaml), library, tokenLabel, authorityDir.relativize(pinFile)),
                    StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot read a sample key store: " + e.getMessage(), e);
        }
    }

    /** {@code yaml} with its {@code keys:} section naming the token instead of the key stores. */
    static String withTokenKeys(String yaml, Path library, String tokenLabel, Path pinFile) {
        int start = yaml.indexOf("\nkeys:\n");
        int end = yaml.indexOf("\n\n", start + 1);
        if (start < 0 || end < 0) {
            throw new IllegalArgumentException("no keys: section followed by a blank line");
        }
        StringBuilder keys =
                new StringBuilder("\nkeys:            # in the PKCS#11 token " + tokenLabel + " (docs/pkcs11.md)\n");
        for (String role : ROLES) {
            keys.append("  ")
                    .append(role)
                    .append(":\n    pkcs11: { library: \"")
                    .append(library.toAbsolutePath())
                    .append("\", tokenLabel: \"")
                    .append(tokenLabel)
                    .append("\", pin: { file: ")
                    .append(pinFile)
                    .append(" }, alias: ")
                    .append(role)
                    .append(" }\n");
        }
        keys.setLength(keys.length() - 1);
        return yaml.substring(0, start) + keys + yaml.substring(end);
    }
}
