package org.mlagateway.message.internal;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import javax.xml.transform.stream.StreamSource;
import javax.xml.validation.Schema;
import org.mlagateway.message.SafeXml;
import org.xml.sax.SAXException;

/**
 * Compiles a schema shipped on the class path. Includes and imports resolve relative to the
 * entry file's URL, so {@code message.xsd} finds {@code codes.xsd}, {@code common.xsd} and
 * {@code xml.xsd} beside it whether the schemas sit in a directory or inside the jar.
 */
public final class SchemaLoader {

    private SchemaLoader() {}

    /** @param resource absolute class-path resource, e.g. {@code /schemas/message.xsd} */
    public static Schema load(String resource) {
        URL url = SchemaLoader.class.getResource(resource);
        if (url == null) {
            throw new IllegalStateException("Schema not found on the class path: " + resource);
        }
        try (InputStream in = url.openStream()) {
            return SafeXml.newSchemaFactory().newSchema(new StreamSource(in, url.toExternalForm()));
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot read schema " + resource, e);
        } catch (SAXException e) {
            throw new IllegalStateException("Schema " + resource + " does not compile: " + e.getMessage(), e);
        }
    }
}
