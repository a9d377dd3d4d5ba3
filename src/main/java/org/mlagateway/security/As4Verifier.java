package org.mlagateway.security;

import java.security.cert.X509Certificate;
import java.security.interfaces.RSAPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import javax.xml.namespace.QName;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.WSConstants;
import org.apache.wss4j.dom.WSDataRef;
import org.apache.wss4j.dom.engine.WSSConfig;
import org.apache.wss4j.dom.engine.WSSecurityEngine;
import org.apache.wss4j.dom.engine.WSSecurityEngineResult;
import org.apache.wss4j.dom.handler.RequestData;
import org.apache.wss4j.dom.handler.WSHandlerResult;
import org.apache.wss4j.dom.processor.Processor;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;
import org.mlagateway.message.Namespaces;
import org.mlagateway.message.SafeXml;
import org.mlagateway.security.pki.IssuedKey;
import org.w3c.dom.Document;
import org.w3c.dom.Element;

/**
 * Verifies an inbound AS4 UserMessage (docs/as4.md#inbound) as a sequence of steps, each failing with
 * its own code: structure by position; the claimed UserMessage and, from its sender party, the profile;
 * every algorithm against that profile; decryption of the parts ({@code DecryptionFailed} and nothing
 * more, whatever went wrong); the signature value and every digest; coverage by position (exactly the
 * Header's {@code eb:Messaging}, the Envelope's Body and every part, each once); every part encrypted;
 * the signer's certificate path. WSS4J does the cryptography; which of its processors failed decides
 * the code, and its own trust check is replaced by {@link PartnerTrust}. Binding the party to the
 * certificate is the caller's next step. Thread-safe.
 */
public final class As4Verifier {
    /** What passed: the header, the signer and whom it is trusted for, and the decrypted parts. */
    public record Verified(
            As4UserMessage header,
            X509Certificate signer,
            Set<String> trustedPartners,
            byte[] signatureValue,
            List<Element> referenceElements,
            List<As4Mime.Part> parts) {
        public Verified {
            trustedPartners = Set.copyOf(trustedPartners);
            signatureValue = signatureValue.clone();
            referenceElements = List.copyOf(referenceElements);
            parts = List.copyOf(parts);
        }
    }

    private final PartnerTrust trust;
    private final Clock clock;
    private final SafeXml xml;
    private final long maxPartBytes;
    private final As4DecryptionCrypto decryption;
    private final WSSConfig wss;

    public As4Verifier(
            List<IssuedKey> decryptionKeys, PartnerTrust trust, Clock clock, int maxXmlDepth, long maxPartBytes) {
        XmlSecurity.init();
        this.trust = trust;
        this.clock = clock;
        this.xml = new SafeXml(maxXmlDepth);
        this.maxPartBytes = maxPartBytes;
        this.decryption = new As4DecryptionCrypto(decryptionKeys);
        this.wss = stepConfig();
    }

    /** The hardened parser, with the configured depth limit. */
    public SafeXml xml() {
        return xml;
    }

    /**
     * Runs every step. {@code profileFor} names the profile of the claimed header's sender party, or
     * throws the rejection for a party we do not know. {@code facts} collects what the envelope claims.
     */
    public Verified verify(As4Mime mime, Function<As4UserMessage, As4Profile> profileFor, EnvelopeFacts facts) {
        Instant now = clock.instant();
        Document doc = xml.parse(mime.envelope());
        As4Checks.Structure s = As4Checks.structure(doc);
        As4UserMessage header = As4UserMessage.read(s.messaging());
        facts.header(header.from().id(), header.messageId());
        As4Profile profile = profileFor.apply(header);
        As4Checks.algorithms(s.security(), profile);
        As4Attachments attachments = new As4Attachments(mime.parts(), maxPartBytes);
        WSHandlerResult results = process(s.security(), attachments);
        WSSecurityEngineResult signed = onlySignature(results);
        X509Certificate signer = (X509Certificate) signed.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE);
        if (signer == null) {
            throw new GatewayException(ErrorCode.SIGNATURE_INVALID, "the signature names no X.509 certificate");
        }
        facts.signer(signer);
        if (!(signer.getPublicKey() instanceof RSAPublicKey rsa)
                || rsa.getModulus().bitLength() < profile.minRsaBits()) {
            throw new GatewayException(
                    ErrorCode.UNSUPPORTED_ALGORITHM, "the signing key is not RSA of " + profile.minRsaBits() + " bits");
        }
        coverage(dataRefs(signed), s, mime);
        encryptedParts(results, mime);
        payloadInfo(header, mime);
        Set<String> partners = trust.trustedFor(signer, now);
        Element signature = Dom.child(s.security(), Namespaces.DS, "Signature");
        return new Verified(
                header,
                signer,
                partners,
                (byte[]) signed.get(WSSecurityEngineResult.TAG_SIGNATURE_VALUE),
                referenceCopies(signature),
                attachments.parts());
    }

    /** A signal (receipt or error) whose signature verified, with its signer and whom it is trusted for. */
    public record VerifiedSignal(Element signal, X509Certificate signer, Set<String> trustedPartners) {}

    /**
     * Verifies a signed signal as a partner answers with it: the same structure, algorithms, signature and
     * coverage (eb:Messaging and the Body) as a UserMessage, and the signer's certificate path.
     */
    public VerifiedSignal verifySignal(byte[] envelope, As4Profile profile) {
        Instant now = clock.instant();
        Document doc = xml.parse(envelope);
        As4Checks.Structure s = As4Checks.structure(doc);
        List<Element> signals = Dom.children(s.messaging(), As4Profile.EBMS, "SignalMessage");
        if (signals.size() != 1 || Dom.elements(s.messaging()).size() != 1) {
            throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "eb:Messaging must hold one eb:SignalMessage");
        }
        As4Checks.algorithms(s.security(), profile);
        As4Mime none = new As4Mime(envelope, List.of());
        WSSecurityEngineResult signed = onlySignature(process(s.security(), new As4Attachments(List.of(), 0)));
        X509Certificate signer = (X509Certificate) signed.get(WSSecurityEngineResult.TAG_X509_CERTIFICATE);
        if (signer == null) {
            throw new GatewayException(ErrorCode.SIGNATURE_INVALID, "the signature names no X.509 certificate");
        }
        coverage(dataRefs(signed), s, none);
        return new VerifiedSignal(signals.get(0), signer, trust.trustedFor(signer, now));
    }

    private WSHandlerResult process(Element security, As4Attachments attachments) {
        RequestData data = new RequestData();
        data.setWssConfig(wss);
        data.setDecCrypto(decryption);
        data.setSigVerCrypto(decryption);
        data.setCallbackHandler(callbacks -> {});
        data.setAttachmentCallbackHandler(attachments);
        data.setAllowRSA15KeyTransportAlgorithm(false);
        data.setRequireSignedEncryptedDataElements(false);
        WSSecurityEngine engine = new WSSecurityEngine();
        engine.setWssConfig(wss);
        try {
            WSHandlerResult results = engine.processSecurityHeader(security, data);
            if (results == null) {
                throw new GatewayException(ErrorCode.SECURITY_HEADER_MISSING, "the Security header is empty");
            }
            return results;
        } catch (WSSecurityException e) {
            // A failure outside the processors below: the header as a whole could not be processed.
            throw new GatewayException(
                    ErrorCode.SIGNATURE_INVALID, "the Security header cannot be processed: " + e.getErrorCode());
        }
    }

    private static WSSecurityEngineResult onlySignature(WSHandlerResult results) {
        List<WSSecurityEngineResult> signatures = results.getActionResults().getOrDefault(WSConstants.SIGN, List.of());
        if (signatures.size() != 1) {
            throw new GatewayException(ErrorCode.SIGNATURE_COVERAGE, "not exactly one signature was verified");
        }
        return signatures.get(0);
    }

    @SuppressWarnings("unchecked")
    private static List<WSDataRef> dataRefs(WSSecurityEngineResult result) {
        Object refs = result.get(WSSecurityEngineResult.TAG_DATA_REF_URIS);
        return refs == null ? List.of() : (List<WSDataRef>) refs;
    }

    /**
     * By position: the signed elements are the very {@code eb:Messaging} under the Envelope's Header and
     * the Envelope's own Body, each once, and the signed parts are every part of the package, each once.
     */
    private static void coverage(List<WSDataRef> refs, As4Checks.Structure s, As4Mime mime) {
        boolean messaging = false;
        boolean body = false;
        Set<String> parts = new HashSet<>();
        for (WSDataRef ref : refs) {
            if (ref.isAttachment()) {
                String id = ref.getWsuId() == null
                        ? ""
                        : As4Mime.unbracket(ref.getWsuId().replaceFirst("^cid:", ""));
                if (!parts.add(id) || mime.part(id) == null) {
                    throw coverage("a part is signed twice, or a signed part is not in the package");
                }
            } else if (ref.getProtectedElement() == s.messaging() && !messaging) {
                messaging = true;
            } else if (ref.getProtectedElement() == s.body() && !body) {
                body = true;
            } else {
                throw coverage("a reference points at something other than eb:Messaging, the Body or a part");
            }
        }
        if (!messaging || !body) {
            throw coverage((messaging ? "the Body" : "eb:Messaging") + " is not signed");
        }
        if (parts.size() != mime.parts().size()) {
            throw coverage("a part is not signed");
        }
    }

    /** The profile encrypts every part (docs/as4.md#profiles); a part in clear is refused outright. */
    private static void encryptedParts(WSHandlerResult results, As4Mime mime) {
        Set<String> decrypted = new HashSet<>();
        for (int action : List.of(WSConstants.ENCR)) {
            for (WSSecurityEngineResult r : results.getActionResults().getOrDefault(action, List.of())) {
                for (WSDataRef ref : dataRefs(r)) {
                    if (ref.isAttachment() && ref.getWsuId() != null) {
                        decrypted.add(As4Mime.unbracket(ref.getWsuId().replaceFirst("^cid:", "")));
                    }
                }
            }
        }
        for (As4Mime.Part part : mime.parts()) {
            if (!decrypted.contains(part.contentId())) {
                throw new GatewayException(ErrorCode.UNSUPPORTED_ALGORITHM, "a part is not encrypted");
            }
        }
    }

    /** PayloadInfo names exactly the package's parts, each once. */
    private static void payloadInfo(As4UserMessage header, As4Mime mime) {
        Set<String> named = new HashSet<>();
        for (As4UserMessage.PartInfo p : header.payloads()) {
            if (!p.href().startsWith("cid:") || mime.part(p.href()) == null || !named.add(p.href())) {
                throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "a PartInfo names no part of the package");
            }
        }
        if (named.size() != mime.parts().size()) {
            throw new GatewayException(ErrorCode.MALFORMED_MESSAGE, "a part is not named in PayloadInfo");
        }
    }

    private List<Element> referenceCopies(Element signature) {
        List<Element> copies = new ArrayList<>();
        Document own = xml.newDocument();
        Element signedInfo = Dom.child(signature, Namespaces.DS, "SignedInfo");
        for (Element ref : Dom.children(signedInfo, Namespaces.DS, "Reference")) {
            copies.add((Element) own.importNode(ref, true));
        }
        return copies;
    }

    private static GatewayException coverage(String detail) {
        return new GatewayException(ErrorCode.SIGNATURE_COVERAGE, detail);
    }

    /**
     * WSS4J's processors, each wrapped so that its failure carries the code of its step, and its
     * signature trust check replaced: trust is decided by {@link PartnerTrust} afterwards.
     */
    private static WSSConfig stepConfig() {
        WSSConfig config = WSSConfig.getNewInstance();
        try {
            wrap(config, WSConstants.ENCRYPTED_KEY, ErrorCode.DECRYPTION_FAILED);
            wrap(config, WSConstants.REFERENCE_LIST, ErrorCode.DECRYPTION_FAILED);
            wrap(config, WSConstants.ENCRYPTED_DATA, ErrorCode.DECRYPTION_FAILED);
            wrap(config, WSConstants.SIGNATURE, ErrorCode.SIGNATURE_INVALID);
            wrap(config, WSConstants.BINARY_TOKEN, ErrorCode.SIGNATURE_INVALID);
            wrap(config, WSConstants.TIMESTAMP, ErrorCode.TIMESTAMP_INVALID);
        } catch (WSSecurityException e) {
            throw new IllegalStateException("WSS4J has no default processor", e);
        }
        config.setValidator(WSConstants.SIGNATURE, (credential, data) -> credential);
        return config;
    }

    private static void wrap(WSSConfig config, QName element, ErrorCode code) throws WSSecurityException {
        Processor inner = config.getProcessor(element);
        config.setProcessor(element, (Processor) (token, data) -> {
            try {
                return inner.handleToken(token, data);
            } catch (WSSecurityException | RuntimeException e) {
                if (e instanceof GatewayException g) {
                    throw g;
                }
                String detail = e instanceof WSSecurityException w
                        ? String.valueOf(w.getErrorCode())
                        : e.getClass().getSimpleName();
                throw new GatewayException(code, element.getLocalPart() + " failed (" + detail + ")");
            }
        });
    }
}
