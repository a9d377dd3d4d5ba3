package org.mlagateway.message;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.mlagateway.message.xml.Message;
import org.mlagateway.message.xml.MessageKind;

class ExamplesTest {

    static List<Path> examples() {
        return Fixtures.exampleFiles();
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("examples")
    void everyExample_parsesValidatesAndPassesRulesAndDigests(Path file) throws IOException {
        Message message = Fixtures.CODEC.read(Files.readAllBytes(file));

        assertEquals(List.of(), Fixtures.CODEC.checkRules(message));
        assertDoesNotThrow(() -> Fixtures.CODEC.checkDocumentDigests(message));
        MessageSummary summary = Fixtures.CODEC.summarize(message);
        assertEquals(message.getHeader().getMessageKind(), summary.kind());
    }

    @Test
    void examples_coverEveryMessageKind() throws IOException {
        Set<MessageKind> seen = EnumSet.noneOf(MessageKind.class);
        for (Path file : examples()) {
            seen.add(Fixtures.CODEC.read(Files.readAllBytes(file)).getHeader().getMessageKind());
        }
        assertEquals(EnumSet.allOf(MessageKind.class), seen);
        assertEquals(13, MessageKind.values().length);
    }

    @Test
    void examples_useKazakhLettersAPatronymicAndAHistoricalBirthCountry() {
        String all = String.join(
                "\n",
                examples().stream()
                        .map(p -> Fixtures.example(p.getFileName().toString()))
                        .toList());
        for (String letter : List.of("ә", "ғ", "қ", "ң", "ө", "ұ", "ү", "һ", "і")) {
            assertTrue(all.contains(letter), "no example uses the Kazakh letter " + letter);
        }
        assertTrue(all.contains("<msg:Patronymic>"));
        assertTrue(all.contains("<msg:HistoricalCountry>SUHH</msg:HistoricalCountry>"));
        assertTrue(all.contains("<msg:Scheme>KZ-IIN</msg:Scheme>"));
        assertTrue(all.contains("<msg:TranslationOf>"));
        assertTrue(all.contains("<msg:BirthDate approximate=\"true\">1979</msg:BirthDate>"));
    }
}
