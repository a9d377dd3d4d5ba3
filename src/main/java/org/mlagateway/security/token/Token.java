package org.mlagateway.security.token;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.AuthProvider;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.SecureRandom;
import java.security.Security;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import javax.crypto.SecretKey;
import javax.security.auth.callback.PasswordCallback;
import javax.security.auth.login.LoginException;
import org.mlagateway.config.Pkcs11Config;
import org.mlagateway.security.pki.IssuedKey;

/**
 * One PKCS#11 token, logged in: its own SunPKCS11 instance, configured in code for the token's
 * slot, which every key of ours in this token shares. The provider is registered with the JVM while
 * the token is open, because TLS chooses the provider for a key among the registered ones; it is
 * removed again on {@link #close()}. Closing does not log out: login state belongs to the process,
 * and another instance on the same token (a second gateway in a test JVM) would lose its keys.
 */
public final class Token implements AutoCloseable {
    private final String name;
    private final Path path;
    private final TokenLibrary library;
    private final long slot;
    private final String label;
    private final Provider provider;
    private final KeyStore store;

    private Token(
            String name, Path path, TokenLibrary library, long slot, String label, Provider provider, KeyStore store) {
        this.name = name;
        this.path = path;
        this.library = library;
        this.slot = slot;
        this.label = label;
        this.provider = provider;
        this.store = store;
    }

    /** Finds the token, logs in with its PIN and opens its key store; fails saying what is wrong. */
    static Token open(Pkcs11Config config) {
        Path path = config.library().toAbsolutePath().normalize();
        if (!Files.isRegularFile(path)) {
            throw new TokenException("the PKCS#11 library " + path + " does not exist");
        }
        TokenLibrary library = TokenLibrary.load(path);
        TokenLibrary.Slot slot = find(library, config, path);
        String name = "token " + (slot.label().isEmpty() ? "in slot " + slot.id() : "'" + slot.label() + "'");
        Provider base = Security.getProvider("SunPKCS11");
        if (base == null) {
            throw new TokenException("this JVM has no SunPKCS11 provider (module jdk.crypto.cryptoki)");
        }
        Provider provider;
        try {
            provider = base.configure("--name = mla-"
                    + slot.label().replaceAll("[^A-Za-z0-9]", "").toLowerCase(Locale.ROOT) + "-" + randomSuffix()
                    + "\nlibrary = \"" + path + "\"\nslot = " + slot.id() + "\n");
        } catch (RuntimeException e) {
            throw new TokenException("SunPKCS11 cannot use " + name + ": " + TokenLibrary.reason(e), e);
        }
        login((AuthProvider) provider, config, name);
        try {
            KeyStore store = KeyStore.getInstance("PKCS11", provider);
            store.load(null, null);
            Security.addProvider(provider);
            return new Token(name, path, library, slot.id(), slot.label(), provider, store);
        } catch (GeneralSecurityException | IOException e) {
            throw new TokenException("cannot read the keys in " + name + ": " + TokenLibrary.reason(e), e);
        }
    }

    private static TokenLibrary.Slot find(TokenLibrary library, Pkcs11Config config, Path path) {
        List<TokenLibrary.Slot> slots = library.tokens();
        List<TokenLibrary.Slot> matching = slots.stream()
                .filter(s ->
                        config.tokenLabel() != null ? s.label().equals(config.tokenLabel()) : s.id() == config.slot())
                .toList();
        if (matching.isEmpty()) {
            List<String> present = slots.stream()
                    .map(s -> "'" + s.label() + "' (slot " + s.id() + ")")
                    .toList();
            throw new TokenException("no token " + config.tokenName() + " in " + path.getFileName()
                    + "; tokens present: " + (present.isEmpty() ? "none" : String.join(", ", present)));
        }
        if (matching.size() > 1) {
            throw new TokenException("several tokens are labelled '" + config.tokenLabel() + "'; name one by 'slot'");
        }
        return matching.get(0);
    }

    private static void login(AuthProvider provider, Pkcs11Config config, String name) {
        char[] pin;
        try {
            pin = config.pin().reveal();
        } catch (RuntimeException e) {
            throw new TokenException("cannot read the PIN of " + name + ": " + e.getMessage(), e);
        }
        try {
            provider.login(null, callbacks -> {
                for (var callback : callbacks) {
                    if (callback instanceof PasswordCallback password) {
                        password.setPassword(pin);
                    }
                }
            });
        } catch (LoginException e) {
            String reason = TokenLibrary.reason(e);
            throw new TokenException(
                    switch (reason) {
                        case "CKR_PIN_INCORRECT" -> "wrong PIN for " + name + " (CKR_PIN_INCORRECT)";
                        case "CKR_PIN_LOCKED" ->
                            "the PIN of " + name + " is locked (CKR_PIN_LOCKED); the token's officer"
                                    + " must unlock it";
                        default -> "cannot log in to " + name + ": " + reason;
                    },
                    e);
        } finally {
            Arrays.fill(pin, '\0');
        }
    }

    private static String randomSuffix() {
        byte[] bytes = new byte[4];
        new SecureRandom().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The private key {@code alias} with its certificate chain from the token; fails naming what is missing. */
    public IssuedKey privateKey(String alias) {
        try {
            if (!store.isKeyEntry(alias)) {
                throw new TokenException(
                        "no key with alias '" + alias + "' in " + name + " (aliases there: " + aliases() + ")");
            }
            Key key = store.getKey(alias, null);
            Certificate[] chain = store.getCertificateChain(alias);
            if (!(key instanceof PrivateKey privateKey) || chain == null || chain.length == 0) {
                throw new TokenException("'" + alias + "' in " + name + " is not a private key with its certificate");
            }
            List<X509Certificate> certificates = new ArrayList<>();
            for (Certificate c : chain) {
                certificates.add((X509Certificate) c);
            }
            return new IssuedKey(privateKey, certificates, provider);
        } catch (GeneralSecurityException e) {
            throw new TokenException("cannot read key '" + alias + "' in " + name + ": " + TokenLibrary.reason(e), e);
        }
    }

    /**
     * Any key in the token by its alias (a private key, or a secret key such as a key-encryption
     * key), for use with {@link #provider()}; fails when there is none.
     */
    public Key key(String alias) {
        try {
            Key key = store.getKey(alias, null);
            if (key == null) {
                throw new TokenException(
                        "no key with alias '" + alias + "' in " + name + " (aliases there: " + aliases() + ")");
            }
            return key;
        } catch (GeneralSecurityException e) {
            throw new TokenException("cannot read key '" + alias + "' in " + name + ": " + TokenLibrary.reason(e), e);
        }
    }

    /** Whether the token holds a key (of any kind) under {@code alias}. */
    public boolean hasKey(String alias) {
        try {
            return store.isKeyEntry(alias);
        } catch (GeneralSecurityException e) {
            throw new TokenException("cannot list the keys in " + name + ": " + TokenLibrary.reason(e), e);
        }
    }

    /**
     * The AES-256 secret key {@code alias}, for wrapping inside the token: fails naming what is
     * wrong when there is none, or when it is of another kind or size, or its value could leave the
     * token (not sensitive, or extractable).
     */
    public SecretKey secretKey(String alias) {
        Key key = key(alias);
        if (!(key instanceof SecretKey secret)) {
            throw new TokenException("'" + alias + "' in " + name + " is not a secret key");
        }
        String problem = library.keyEncryptionKeyProblem(slot, alias);
        if (problem != null) {
            throw new TokenException("key '" + alias + "' in " + name + " " + problem);
        }
        return secret;
    }

    /**
     * Generates an AES-256 key inside the token under {@code alias}, sensitive and not extractable,
     * and returns it: how the tests and a first setup make a key-encryption key (docs/pkcs11.md).
     */
    public SecretKey generateKeyEncryptionKey(String alias) {
        try {
            // A second instance on the same slot, only for this: it generates AES keys that cannot leave the token.
            Provider generating = Security.getProvider("SunPKCS11")
                    .configure("--name = " + provider.getName().substring("SunPKCS11-".length()) + "-gen"
                            + "\nlibrary = \"" + path + "\"\nslot = " + slot
                            + "\nattributes(generate, CKO_SECRET_KEY, CKK_AES) = {\n  CKA_SENSITIVE = true\n"
                            + "  CKA_EXTRACTABLE = false\n}\n");
            javax.crypto.KeyGenerator generator = javax.crypto.KeyGenerator.getInstance("AES", generating);
            generator.init(256);
            // The session key is copied to the token under the alias, keeping both attributes.
            KeyStore generated = KeyStore.getInstance("PKCS11", generating);
            generated.load(null, null);
            generated.setEntry(alias, new KeyStore.SecretKeyEntry(generator.generateKey()), null);
            store.load(null, null);
            return secretKey(alias);
        } catch (GeneralSecurityException | IOException | RuntimeException e) {
            throw new TokenException(
                    "cannot generate key '" + alias + "' in " + name + ": " + TokenLibrary.reason(e), e);
        }
    }

    /**
     * Stores {@code key} with its chain under {@code alias} (the certificates' label, the pair's CKA_ID):
     * how the demo and the tests put sample keys into a SoftHSM2 token. A production token gets its
     * keys from its own tools, ideally generated inside it.
     */
    public void importKey(String alias, IssuedKey key) {
        try {
            store.setKeyEntry(alias, key.privateKey(), null, key.chain().toArray(new Certificate[0]));
        } catch (GeneralSecurityException e) {
            throw new TokenException("cannot store key '" + alias + "' in " + name + ": " + TokenLibrary.reason(e), e);
        }
    }

    /** The SunPKCS11 instance of this token: operations with its keys run there. */
    public Provider provider() {
        return provider;
    }

    /** How messages name it, e.g. {@code token 'KZ-GPO'}. */
    public String name() {
        return name;
    }

    /**
     * What is wrong with the token now, or null: gone from its slot, or no longer logged in. Asks the
     * token itself; a second or two at most.
     */
    String problem() {
        try {
            String now = library.label(slot);
            if (!now.equals(label)) {
                return name + " is no longer in slot " + slot + " (found '" + now + "')";
            }
            return library.loggedIn(slot) ? null : name + " logged out";
        } catch (TokenException e) {
            return name + " not present (" + e.getMessage() + ")";
        }
    }

    private List<String> aliases() throws GeneralSecurityException {
        return Collections.list(store.aliases());
    }

    @Override
    public void close() {
        Security.removeProvider(provider.getName());
    }
}
