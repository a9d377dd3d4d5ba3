package org.mlagateway.message.internal;

import org.glassfish.jaxb.runtime.marshaller.NamespacePrefixMapper;
import org.mlagateway.message.Namespaces;

/**
 * Makes the marshaller write {@code msg} and {@code exc}, as in the schemas and examples.
 * Prefixes matter: exclusive C14N keeps them, so they are part of the content digest.
 */
public final class MessagePrefixes extends NamespacePrefixMapper {

    /** The JAXB RI property that takes this mapper. */
    public static final String PROPERTY = "org.glassfish.jaxb.namespacePrefixMapper";

    @Override
    public String getPreferredPrefix(String namespaceUri, String suggestion, boolean requirePrefix) {
        if (Namespaces.MSG.equals(namespaceUri)) {
            return "msg";
        }
        if (Namespaces.EXC.equals(namespaceUri)) {
            return "exc";
        }
        return suggestion;
    }
}
