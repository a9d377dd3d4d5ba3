package org.mlagateway.atrest;

import java.security.SecureRandom;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import org.mlagateway.config.ConfigException;
import org.mlagateway.config.Pkcs11Config;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.security.token.Token;
import org.mlagateway.security.token.TokenException;
import org.mlagateway.security.token.Tokens;

/**
 * Key-encryption keys held as AES-256 secret keys in a PKCS#11 token, named by alias (the key's
 * label): a data key is wrapped and unwrapped inside the token with AES-GCM ({@link KekGcm}), and the
 * key-encryption key never leaves it (it must be sensitive and not extractable). The configured key,
 * {@code storage.kek.alias}, is watched by {@code /health} as {@code storage.kek}; other keys (older
 * or newer ones of a rotation) are checked when first used. A key another
 * process put into the token after this one opened it is not seen until the restart.
 */
final class TokenKeks implements KeyEncryptionKeys {
    /** Where health and the checks name the token's key-encryption key. */
    static final String WHERE = "storage.kek";

    private final Token token;
    private final SecureRandom random;
    private final Map<String, SecretKey> keys = new ConcurrentHashMap<>();

    private TokenKeks(Token token, SecureRandom random) {
        this.token = token;
        this.random = random;
    }

    /**
     * The token of {@code config}, logged in through {@code tokens}, with its key {@code alias} (unless
     * null) proved to work and watched; fails with a {@link ConfigException} saying what is wrong in the token.
     */
    static TokenKeks open(Tokens tokens, Pkcs11Config config, String alias, SecureRandom random) {
        try {
            TokenKeks keks = new TokenKeks(tokens.token(config), random);
            if (alias != null) {
                keks.keys.put(alias, tokens.keyEncryptionKey(WHERE, config, alias));
            }
            return keks;
        } catch (TokenException e) {
            throw new ConfigException(List.of(WHERE + ": " + e.getMessage()));
        }
    }

    @Override
    public byte[] wrap(String alias, byte[] dataKey) {
        return KekGcm.wrap(key(alias), token.provider(), alias, dataKey, random);
    }

    @Override
    public byte[] unwrap(String alias, byte[] wrapped) {
        return KekGcm.unwrap(key(alias), token.provider(), alias, wrapped);
    }

    /**
     * Whether the token holds a key {@code alias}; fails with a {@link ConfigException} naming the
     * problem when it holds one that is no fit key-encryption key (its value could leave the token,
     * or it is not AES-256).
     */
    @Override
    public boolean has(String alias) {
        if (keys.containsKey(alias)) {
            return true;
        }
        try {
            if (!token.hasKey(alias)) {
                return false;
            }
            keys.putIfAbsent(alias, token.secretKey(alias));
            return true;
        } catch (TokenException e) {
            throw new ConfigException(List.of(WHERE + ": " + e.getMessage()));
        }
    }

    @Override
    public String describe() {
        return token.name();
    }

    private SecretKey key(String alias) {
        if (!has(alias)) {
            throw new GatewayException(
                    ErrorCode.STORED_DATA_UNREADABLE,
                    "the key-encryption key '" + alias + "' is not a key in " + describe());
        }
        return keys.get(alias);
    }
}
