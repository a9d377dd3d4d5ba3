package org.mlagateway.security;

import java.security.GeneralSecurityException;
import java.util.ArrayList;
import java.util.List;
import javax.security.auth.callback.UnsupportedCallbackException;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.Transform;
import org.apache.wss4j.common.WSEncryptionPart;
import org.apache.wss4j.common.crypto.WSProviderConfig;
import org.apache.wss4j.common.ext.Attachment;
import org.apache.wss4j.common.ext.WSSecurityException;
import org.apache.wss4j.dom.message.WSSecHeader;
import org.apache.wss4j.dom.message.WSSecSignature;
import org.apache.wss4j.dom.transform.AttachmentContentSignatureTransformProvider;
import org.apache.wss4j.dom.transform.AttachmentTransformParameterSpec;

/**
 * WSS4J's signature with one reference per attachment part added (WS-Security SwA profile 1.1 §5.3):
 * {@code cid:} URI, the Attachment-Content-Signature-Transform, and the digest the caller computed
 * (the SHA-256 of the part's content, an octet stream). The references are made digested, so the
 * signature reads no part: a document is never held, nor read twice, to be signed.
 */
final class PartsSignature extends WSSecSignature {
    private final List<PartDigest> parts;

    PartsSignature(WSSecHeader header, List<PartDigest> parts) {
        super(header);
        // The transform's description must be known to the XML signature factory, as WSS4J's own
        // configuration would register it; appended once, after every provider already there.
        WSProviderConfig.appendJceProvider(
                "AttachmentContentSignatureTransform", new AttachmentContentSignatureTransformProvider());
        this.parts = List.copyOf(parts);
    }

    @Override
    public List<Reference> addReferencesToSign(List<WSEncryptionPart> references) throws WSSecurityException {
        List<Reference> all = new ArrayList<>(super.addReferencesToSign(references));
        try {
            DigestMethod digest = signatureFactory.newDigestMethod(getDigestAlgo(), null);
            for (PartDigest part : parts) {
                // The reference is digested already, so the transform never runs: nothing is read.
                Attachment described = new Attachment();
                described.setId(part.contentId());
                described.setMimeType(PartsProfile.PART_MEDIA_TYPE);
                Transform transform = signatureFactory.newTransform(
                        PartsProfile.CONTENT_SIGNATURE_TRANSFORM,
                        new AttachmentTransformParameterSpec(
                                callbacks -> {
                                    throw new UnsupportedCallbackException(
                                            callbacks[0], "the part's digest is given, its content is not read");
                                },
                                described));
                all.add(signatureFactory.newReference(
                        "cid:" + part.contentId(), digest, List.of(transform), null, null, part.sha256()));
            }
        } catch (GeneralSecurityException e) {
            throw new WSSecurityException(WSSecurityException.ErrorCode.FAILED_SIGNATURE, e);
        }
        return all;
    }
}
