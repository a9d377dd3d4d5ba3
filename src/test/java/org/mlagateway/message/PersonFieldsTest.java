package org.mlagateway.message;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlagateway.testing.DefaultLimits;

/** The person fields of a message, and their one masking. */
class PersonFieldsTest {
    private static final MessageCodec CODEC = DefaultLimits.codec();
    private static final ExampleMessages EXAMPLES = new ExampleMessages(CODEC);

    private static PersonFields of(String example) {
        return PersonFields.of(CODEC.write(EXAMPLES.example(example)));
    }

    @Test
    void mlaRequest_yieldsThePersonConcerned_withEveryNameSpelling_iinAndPassport() {
        PersonFields fields = of("mla-request.xml");
        assertEquals(1, fields.persons().size());
        PersonFields.Person p = fields.persons().get(0);
        assertEquals("PersonConcerned", p.role());
        assertEquals(
                List.of("Сәрсенбаев", "Сарсенбаев", "SARSENBAYEV"),
                p.names().stream().map(PersonFields.Name::surname).toList());
        assertEquals("kk-Latn", p.names().get(2).language());
        assertEquals("Latn", p.names().get(2).script());
        assertEquals("1988-02-28", p.birthDate());
        assertEquals(
                new PersonFields.Identifier("KZ-IIN", "KZ", "880228305469"),
                p.nationalIds().get(0));
        assertEquals("PASSPORT", p.documents().get(0).kind());
        assertEquals("N12345678", p.documents().get(0).number());
    }

    @Test
    void masked_keepsAnInitialPerNamePart_theLastTwoCharactersOfNumbers_andNoDate() {
        PersonFields.Person p = of("mla-request.xml").masked().persons().get(0);
        PersonFields.Name kk = p.names().get(0);
        assertEquals("С•••", kk.surname());
        assertEquals("Е•••", kk.givenNames());
        assertEquals("Н•••", kk.patronymic());
        assertNull(p.names().get(2).patronymic(), "an absent part stays absent");
        assertEquals("•••", p.birthDate());
        assertEquals("•••69", p.nationalIds().get(0).number());
        assertEquals("KZ-IIN", p.nationalIds().get(0).kind(), "codes stay");
        assertEquals("•••78", p.documents().get(0).number());
        assertEquals("kk", kk.language());
    }

    @Test
    void mask_keepsTwoGivenNamesTwo_andHidesShortNumbersEntirely() {
        assertEquals("A••• M•••", PersonFields.initials("Anna  Maria"));
        assertEquals("•••", PersonFields.tail("1234"));
        assertEquals("•••45", PersonFields.tail("12345"));
        assertEquals("𝔄•••", PersonFields.initial("𝔄bc"), "a whole code point, never half a surrogate pair");
    }

    @Test
    void suspectsAndPersonsOfEveryRequestKind_areFound() {
        assertEquals(
                "Suspect",
                of("transfer-of-proceedings-request.xml").persons().get(0).role());
        assertEquals(
                "Person", of("provisional-arrest-request.xml").persons().get(0).role());
        assertEquals("Person", of("transit-request.xml").persons().get(0).role());
        assertTrue(of("acknowledgement.xml").isEmpty());
    }
}
