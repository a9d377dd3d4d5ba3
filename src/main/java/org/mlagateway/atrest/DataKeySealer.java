package org.mlagateway.atrest;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import org.mlagateway.config.ConfigException;
import org.mlagateway.error.GatewayException;
import org.mlagateway.store.ContentSealer;
import org.mlagateway.store.DataKeys;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The store's {@link ContentSealer}: values sealed by {@link SegmentedGcm} under random AES-256 data
 * keys that the store keeps wrapped by the key-encryption key. A data key seals new values for
 * {@link #KEY_LIFETIME}, then the next value gets a new one. Unwrapped data keys stay in memory
 * for the process's life, so readers keep reading while {@code keys rotate-kek} re-wraps them.
 */
final class DataKeySealer implements ContentSealer {
    static final Duration KEY_LIFETIME = Duration.ofDays(1);
    private static final Logger LOG = LoggerFactory.getLogger(DataKeySealer.class);

    private final DataKeys keys;
    private final KeyEncryptionKeys keks;
    private final String configuredKek;
    private final SecureRandom random;
    private final Clock clock;
    private final Map<Long, SecretKey> unwrapped = new ConcurrentHashMap<>();
    private volatile Current current;

    private record Current(long id, SecretKey key, Instant createdAt) {}

    DataKeySealer(DataKeys keys, KeyEncryptionKeys keks, String configuredKek, SecureRandom random, Clock clock) {
        this.keys = keys;
        this.keks = keks;
        this.configuredKek = configuredKek;
        this.random = random;
        this.clock = clock;
        check();
    }

    /**
     * At start: the key store must hold the store's current key-encryption key, and that key must
     * unwrap the newest data key. Either failure stops the start with a message saying which.
     */
    private void check() {
        String kek = keys.currentKek().orElse(configuredKek);
        if (!keks.has(kek)) {
            throw new ConfigException(List.of("storage.kek: the store's data keys are wrapped by the key-encryption"
                    + " key '" + kek + "', which is not an AES-256 secret-key entry of " + keks.describe()));
        }
        if (!kek.equals(configuredKek)) {
            LOG.info(
                    "the store's data keys are wrapped by key-encryption key '{}' (keys rotate-kek);"
                            + " storage.kek.alias names '{}': update it",
                    kek,
                    configuredKek);
        }
        keys.newest().ifPresent(k -> {
            try {
                remember(k);
            } catch (GatewayException e) {
                throw new ConfigException(List.of("storage.kek: the key '" + kek + "' in " + keks.describe()
                        + " does not unwrap the store's data keys: wrong key store, or the entry was replaced"));
            }
        });
    }

    @Override
    public void prepare() {
        Current c = current;
        if (c == null || !c.createdAt().plus(KEY_LIFETIME).isAfter(clock.instant())) {
            renew();
        }
    }

    private synchronized void renew() {
        Current c = current;
        Instant now = clock.instant();
        if (c != null && c.createdAt().plus(KEY_LIFETIME).isAfter(now)) {
            return;
        }
        DataKeys.WrappedKey newest = keys.newest().orElse(null);
        if (newest != null && newest.createdAt().plus(KEY_LIFETIME).isAfter(now)) {
            current = new Current(newest.id(), remember(newest), newest.createdAt());
            return;
        }
        byte[] raw = new byte[32];
        random.nextBytes(raw);
        DataKeys.WrappedKey made = keys.create(configuredKek, alias -> keks.wrap(alias, raw));
        SecretKey key = new SecretKeySpec(raw, "AES");
        unwrapped.put(made.id(), key);
        current = new Current(made.id(), key, made.createdAt());
    }

    private SecretKey remember(DataKeys.WrappedKey k) {
        return unwrapped.computeIfAbsent(
                k.id(), id -> new SecretKeySpec(keks.unwrap(k.kekAlias(), k.wrapped()), "AES"));
    }

    private SecretKey dataKey(long id, String binding) {
        SecretKey known = unwrapped.get(id);
        if (known != null) {
            return known;
        }
        DataKeys.WrappedKey k = keys.find(id)
                .orElseThrow(() -> SegmentedGcm.unreadable(binding, "its data key " + id + " is not in the store"));
        return remember(k);
    }

    @Override
    public long sealedLength(long plainLength) {
        return SegmentedGcm.sealedLength(plainLength);
    }

    @Override
    public InputStream seal(String binding, InputStream plain, long plainLength) {
        Current c = current;
        if (c == null) {
            throw new IllegalStateException("prepare() was not called before sealing");
        }
        byte[] salt = new byte[SegmentedGcm.SALT];
        random.nextBytes(salt);
        byte[] header = SegmentedGcm.header(c.id(), salt);
        return SegmentedGcm.seal(SegmentedGcm.valueKey(c.key(), header), header, binding, plain, plainLength);
    }

    @Override
    public InputStream open(String binding, InputStream sealed) {
        return open(binding, sealed, 0);
    }

    /**
     * Skips the whole segments before {@code plainOffset} unread: each segment is sealed on its own
     * under a nonce that is its index, so decryption may start at any segment. What an attacker could
     * do to the skipped bytes does not matter to the bytes read; the segments read are verified as
     * always, the last one's final flag included.
     */
    @Override
    public InputStream open(String binding, InputStream sealed, long plainOffset) {
        byte[] header;
        long firstSegment = plainOffset / SegmentedGcm.SEGMENT;
        try {
            header = sealed.readNBytes(SegmentedGcm.HEADER);
            sealed.skipNBytes(firstSegment * (SegmentedGcm.SEGMENT + SegmentedGcm.TAG));
        } catch (java.io.EOFException e) {
            throw SegmentedGcm.unreadable(binding, "it is shorter than the offset " + plainOffset);
        } catch (IOException e) {
            throw new UncheckedIOException("read stored value " + binding, e);
        }
        long id = SegmentedGcm.dataKeyId(header, binding);
        InputStream plain = SegmentedGcm.open(
                SegmentedGcm.valueKey(dataKey(id, binding), header), header, binding, sealed, firstSegment);
        try {
            plain.skipNBytes(plainOffset - firstSegment * SegmentedGcm.SEGMENT);
        } catch (IOException e) {
            throw new UncheckedIOException("read stored value " + binding, e);
        }
        return plain;
    }
}
