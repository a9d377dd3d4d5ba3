package org.mlagateway.config;

import java.net.URI;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * How we speak eDelivery AS4 to one partner (docs/as4.md#configuration). Only {@code partyId} is
 * required; the rest have the defaults below. {@code actions} maps our message kinds (such as
 * {@code MLA_REQUEST}) to the ebMS action a kind travels under; a kind not listed travels under its own
 * name. {@code endpoint}, when given, is where we deliver to this partner by AS4 instead of the
 * partner's {@code endpoint}.
 *
 * @param profile     {@code edelivery-1} (default) or {@code edelivery-2}
 * @param partyId     the partner's ebMS PartyId, in {@code PartyInfo/From} of what it sends us
 * @param partyIdType the PartyId type of both parties, default {@link #DEFAULT_PARTY_ID_TYPE}
 * @param service     the ebMS Service our messages travel under, default {@link #DEFAULT_SERVICE}
 * @param actions     message kind to ebMS action; default: every kind under its own name
 * @param endpoint    the partner's AS4 endpoint; default: the partner's {@code endpoint}
 */
public record As4Config(
        @OptionalKey String profile,
        String partyId,
        @OptionalKey String partyIdType,
        @OptionalKey String service,
        @OptionalKey Map<String, String> actions,
        @OptionalKey URI endpoint) {
    public static final String EDELIVERY_1 = "edelivery-1";
    public static final String EDELIVERY_2 = "edelivery-2";
    public static final String DEFAULT_PARTY_ID_TYPE = "urn:oasis:names:tc:ebcore:partyid-type:unregistered";
    public static final String DEFAULT_SERVICE = "urn:mla-gateway:as4:service:exchange";
    /** Our message kinds, as codes.xsd lists them: the keys {@code actions} may use. */
    private static final Pattern KIND = Pattern.compile("[A-Z][A-Z_]*");

    public As4Config {
        Objects.requireNonNull(partyId, "partyId");
        profile = profile == null ? EDELIVERY_1 : profile.toLowerCase(Locale.ROOT);
        if (!EDELIVERY_1.equals(profile) && !EDELIVERY_2.equals(profile)) {
            throw new IllegalArgumentException("profile must be edelivery-1 or edelivery-2, not " + profile);
        }
        if (partyId.isBlank()) {
            throw new IllegalArgumentException("partyId must not be blank");
        }
        partyIdType = partyIdType == null ? DEFAULT_PARTY_ID_TYPE : partyIdType;
        service = service == null ? DEFAULT_SERVICE : service;
        actions = actions == null ? Map.of() : Map.copyOf(new LinkedHashMap<>(actions));
        for (Map.Entry<String, String> action : actions.entrySet()) {
            if (!KIND.matcher(action.getKey()).matches()) {
                throw new IllegalArgumentException(
                        "actions key '" + action.getKey() + "' is not a message kind such as MLA_REQUEST");
            }
            if (action.getValue() == null || action.getValue().isBlank()) {
                throw new IllegalArgumentException("the action of " + action.getKey() + " must not be blank");
            }
        }
        if (endpoint != null && !"https".equals(endpoint.getScheme())) {
            throw new IllegalArgumentException("as4.endpoint must be an https:// URL");
        }
    }

    /** The ebMS action a message of {@code kind} travels under. */
    public String action(String kind) {
        return actions.getOrDefault(kind, kind);
    }

    /** The message kind an inbound action stands for, or null when no kind travels under it. */
    public String kindOf(String action, Iterable<String> kinds) {
        for (String kind : kinds) {
            if (action(kind).equals(action)) {
                return kind;
            }
        }
        return null;
    }
}
