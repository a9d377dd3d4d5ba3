package org.mlagateway.pages;

import gg.jte.ContentType;
import gg.jte.TemplateEngine;
import gg.jte.output.StringOutput;
import java.util.Map;

/**
 * The pages' JTE templates ({@code src/main/jte}), compiled to classes of this package at build time by
 * jte-maven-plugin. Their content type is HTML: every {@code ${value}} is escaped for where it stands (text
 * or attribute), and an attribute whose value is null is left out.
 */
final class Templates {
    private final TemplateEngine engine =
            TemplateEngine.createPrecompiled(null, ContentType.Html, null, Templates.class.getPackageName());

    /** The template {@code name} (such as {@code log.jte}) rendered with {@code parameters}. */
    String render(String name, Map<String, Object> parameters) {
        StringOutput out = new StringOutput(8192);
        engine.render(name, parameters, out);
        return out.toString();
    }
}
