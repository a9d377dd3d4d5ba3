package org.mlagateway.testing;

import org.mlagateway.config.LimitsConfig;
import org.mlagateway.message.MessageCodec;

/**
 * The configuration's default input limits, for tests that build a codec, sealer or report without
 * a whole gateway: the same values a gateway with no {@code limits} section applies.
 */
public final class DefaultLimits {
    public static final LimitsConfig CONFIG = LimitsConfig.defaults();
    public static final int MAX_XML_DEPTH = CONFIG.maxXmlDepth();

    private DefaultLimits() {}

    /** The codec limits a gateway derives from {@code limits}. */
    public static MessageCodec.Limits codecLimits(LimitsConfig limits) {
        return new MessageCodec.Limits(limits.maxEnvelopeBytes(), limits.maxXmlDepth(), limits.maxDocuments());
    }

    /** A codec with the default limits. */
    public static MessageCodec codec() {
        return MessageCodec.create(codecLimits(CONFIG));
    }
}
