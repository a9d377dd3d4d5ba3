package org.mlagateway.security.token;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.spec.MGF1ParameterSpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import javax.crypto.Cipher;
import javax.crypto.SecretKey;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.OAEPParameterSpec;
import javax.crypto.spec.PSource;
import org.mlagateway.config.Pkcs11Config;
import org.mlagateway.security.pki.IssuedKey;

/**
 * The PKCS#11 tokens one gateway (or one command) uses: each opened and logged in once, however many
 * of our keys it holds. Every key handed out has first proved that it works and matches its
 * certificate (a signature verified with the certificate, or an OAEP block encrypted to it and
 * decrypted on the token), and {@link #problems()} repeats that proof, with the token's presence and
 * login state, for {@code /health}. A token that was logged out or removed stays unusable until the
 * gateway restarts: SunPKCS11 invalidates the handles of its keys, and there is no automatic re-login.
 */
public final class Tokens implements AutoCloseable {
    /** How long a probe's good answer is reused; a failure is probed again at the next call. */
    public static final Duration PROBE_CACHE = Duration.ofSeconds(2);

    private static final String PROOF_SIGNATURE = "SHA256withRSA";
    private static final SecureRandom RANDOM = new SecureRandom();

    /** What a key does for us, and so how it proves itself. */
    public enum Use {
        SIGN,
        DECRYPT
    }

    /** A key {@link #problems()} watches: {@code proof} answers null while it works, else what is wrong. */
    private record Watched(String where, Token token, String alias, Object key, Supplier<String> proof) {}

    private final Map<String, Token> open = new LinkedHashMap<>();
    private final Map<String, TokenException> failed = new LinkedHashMap<>();
    private final List<Watched> watched = new ArrayList<>();
    /** System.nanoTime() until which the last good answer holds; null before the first. */
    private Long goodUntil;

    /**
     * The token {@code config} names, opened and logged in at the first call. A token that failed to
     * open fails again with the same message and is not tried again: a wrong PIN is not retried
     * until the token locks.
     */
    public synchronized Token token(Pkcs11Config config) {
        String id = config.library().toAbsolutePath().normalize() + "|"
                + (config.tokenLabel() != null ? "label:" + config.tokenLabel() : "slot:" + config.slot());
        Token token = open.get(id);
        if (token != null) {
            return token;
        }
        TokenException earlier = failed.get(id);
        if (earlier != null) {
            throw new TokenException(earlier.getMessage(), earlier);
        }
        try {
            token = Token.open(config);
        } catch (TokenException e) {
            failed.put(id, e);
            throw e;
        }
        open.put(id, token);
        return token;
    }

    /**
     * Our key {@code where} (e.g. {@code keys.signing}) from its token, after it proved to work for
     * {@code use} and to match its certificate; watched by {@link #problems()} from now on.
     */
    public synchronized IssuedKey key(String where, Pkcs11Config config, Use use) {
        for (Watched w : watched) {
            if (w.where().equals(where) && w.key() instanceof IssuedKey key) {
                return key;
            }
        }
        Token token = token(config);
        IssuedKey key = token.privateKey(config.alias());
        String problem = prove(key, use);
        if (problem != null) {
            throw new TokenException("key '" + config.alias() + "' in " + token.name() + " " + problem);
        }
        watched.add(new Watched(where, token, config.alias(), key, () -> prove(key, use)));
        return key;
    }

    /**
     * The key-encryption key {@code alias} (storage.kek) from the token {@code config} names: an
     * AES-256 key that cannot leave the token, after it proved to encrypt and decrypt there; watched
     * by {@link #problems()} from now on, as {@code where}.
     */
    public synchronized SecretKey keyEncryptionKey(String where, Pkcs11Config config, String alias) {
        for (Watched w : watched) {
            if (w.where().equals(where) && w.alias().equals(alias) && w.key() instanceof SecretKey key) {
                return key;
            }
        }
        Token token = token(config);
        SecretKey key = token.secretKey(alias);
        String problem = proveSecret(key, token);
        if (problem != null) {
            throw new TokenException("key '" + alias + "' in " + token.name() + " " + problem);
        }
        watched.add(new Watched(where, token, alias, key, () -> proveSecret(key, token)));
        return key;
    }

    /**
     * What is wrong now with the tokens of the watched keys, one line per key naming it, e.g.
     * {@code keys.signing: token 'KZ-GPO' logged out; restart the gateway to log in again}; empty when
     * every key works. Good answers are reused for {@link #PROBE_CACHE}.
     */
    public synchronized List<String> problems() {
        if (watched.isEmpty() || goodUntil != null && System.nanoTime() - goodUntil < 0) {
            return List.of();
        }
        List<String> problems = new ArrayList<>();
        for (Watched w : watched) {
            String problem = w.token().problem();
            if (problem == null) {
                String proof = w.proof().get();
                problem = proof == null
                        ? null
                        : "key '" + w.alias() + "' in " + w.token().name() + " " + proof;
            }
            if (problem != null) {
                problems.add(w.where() + ": " + problem + "; restart the gateway to log in again");
            }
        }
        if (problems.isEmpty()) {
            goodUntil = System.nanoTime() + PROBE_CACHE.toNanos();
        }
        return problems;
    }

    /** Null when the key does its work and matches its certificate, else what is wrong. */
    static String prove(IssuedKey key, Use use) {
        byte[] challenge = new byte[32];
        RANDOM.nextBytes(challenge);
        try {
            if (use == Use.SIGN) {
                Signature signer = Signature.getInstance(PROOF_SIGNATURE, key.provider());
                signer.initSign(key.privateKey());
                signer.update(challenge);
                byte[] signature = signer.sign();
                Signature verifier = Signature.getInstance(PROOF_SIGNATURE);
                verifier.initVerify(key.certificate().getPublicKey());
                verifier.update(challenge);
                return verifier.verify(signature) ? null : mismatch(key);
            }
            Cipher oaep = Cipher.getInstance("RSA/ECB/OAEPPadding");
            oaep.init(
                    Cipher.ENCRYPT_MODE,
                    key.certificate().getPublicKey(),
                    new OAEPParameterSpec("SHA-256", "MGF1", MGF1ParameterSpec.SHA256, PSource.PSpecified.DEFAULT));
            byte[] block = oaep.doFinal(challenge);
            try {
                byte[] back = TokenOaep.decrypt(key, block, "SHA-256", new byte[0]);
                return MessageDigest.isEqual(challenge, back) ? null : mismatch(key);
            } catch (javax.crypto.BadPaddingException e) {
                return mismatch(key);
            }
        } catch (GeneralSecurityException | RuntimeException e) {
            return "cannot " + (use == Use.SIGN ? "sign" : "decrypt") + " (" + TokenLibrary.reason(e) + ")";
        }
    }

    /** Null when the secret key encrypts and decrypts with AES-GCM in its token, else what is wrong. */
    static String proveSecret(SecretKey key, Token token) {
        byte[] challenge = new byte[32];
        byte[] nonce = new byte[12];
        RANDOM.nextBytes(challenge);
        RANDOM.nextBytes(nonce);
        try {
            Cipher gcm = Cipher.getInstance("AES/GCM/NoPadding", token.provider());
            gcm.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            byte[] sealed = gcm.doFinal(challenge);
            gcm = Cipher.getInstance("AES/GCM/NoPadding", token.provider());
            gcm.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, nonce));
            return MessageDigest.isEqual(challenge, gcm.doFinal(sealed)) ? null : "does not decrypt what it encrypts";
        } catch (GeneralSecurityException | RuntimeException e) {
            return "cannot encrypt with AES-GCM (" + TokenLibrary.reason(e) + ")";
        }
    }

    private static String mismatch(IssuedKey key) {
        // The serial, not the subject: health reports must not name people.
        return "does not match its certificate (serial "
                + key.certificate().getSerialNumber().toString(16) + ")";
    }

    /** Unregisters every token's provider. */
    @Override
    public synchronized void close() {
        open.values().forEach(Token::close);
        open.clear();
        watched.clear();
    }
}
