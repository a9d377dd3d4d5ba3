package org.mlagateway.pages;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.ResourceBundle;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** The labels of the pages: every key in all three languages, and every key a template names exists. */
class MessagesTest {
    private static final Pattern TEMPLATE_KEY = Pattern.compile("t\\.get\\(\"([a-zA-Z.]*[a-zA-Z])\"[,)]");

    @Test
    void everyKey_existsInKazakhRussianAndEnglish_andIsNotBlank() {
        Set<String> english = ResourceBundle.getBundle(Messages.BUNDLE, java.util.Locale.ENGLISH)
                .keySet();
        assertFalse(english.isEmpty());
        for (String language : Messages.LANGUAGES) {
            ResourceBundle bundle = Messages.bundle(language);
            assertEquals(new TreeSet<>(english), new TreeSet<>(bundle.keySet()), "the keys of " + language);
            for (String key : bundle.keySet()) {
                assertFalse(bundle.getString(key).isBlank(), language + " " + key);
            }
        }
    }

    @Test
    void everyKeyATemplateNames_exists() throws IOException {
        List<String> named = new ArrayList<>();
        try (Stream<Path> templates = Files.list(Path.of("src/main/jte"))) {
            for (Path template : templates.toList()) {
                Matcher m = TEMPLATE_KEY.matcher(Files.readString(template, StandardCharsets.UTF_8));
                while (m.find()) {
                    named.add(m.group(1));
                }
            }
        }
        assertTrue(named.contains("nav.log"), named.toString());
        Set<String> keys = Messages.bundle("en").keySet();
        for (String key : named) {
            assertTrue(keys.contains(key), key);
        }
    }

    @Test
    void theLabelsAreInTheirLanguage() {
        assertEquals("Хабарламалар журналы", Messages.of("kk").get("log.title"));
        assertEquals("Журнал сообщений", Messages.of("ru").get("log.title"));
        assertEquals("Message log", Messages.of("en").get("log.title"));
        assertEquals("мысалы, өтініш", Messages.of("kk").get("log.example", "өтініш"));
    }

    @Test
    void theLanguage_isTheSessionsChoice_elseAcceptLanguage_elseTheDefault() {
        Languages languages = new Languages("kk");
        assertEquals("ru", languages.choose("ru", "en-GB,en;q=0.9"));
        assertEquals("en", languages.choose(null, "en-GB,en;q=0.9"));
        assertEquals("ru", languages.choose(null, "de-DE, ru;q=0.8, en;q=0.5"));
        assertEquals("kk", languages.choose(null, "kk-KZ"));
        assertEquals("kk", languages.choose(null, "de, fr;q=0.5"));
        assertEquals("kk", languages.choose(null, "not a ;; header = ="));
        assertEquals("kk", languages.choose(null, null));
        assertEquals("kk", languages.choose("xx", null), "a language without labels is not kept");
    }
}
