package org.mlagateway.register;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.mlagateway.error.ErrorCode;
import org.mlagateway.error.GatewayException;

/** The IIN check digit, and when two records of the register are one person. */
class RegisterPersonTest {
    static RegisterPerson.Name cyrl(String surname, String given) {
        return new RegisterPerson.Name("Cyrl", "kk", surname, given, null);
    }

    @Test
    void iin_isTwelveDigitsEndingInItsCheckDigit_bothWeightRows() {
        for (String valid : List.of("880228305469", "910702403186", "900101300017", "850315400124")) {
            assertTrue(Iin.valid(valid), valid);
        }
        for (String invalid :
                List.of("880228305460", "91070240318", "9107024031860", "91070240318a", "", "８80228305469")) {
            assertFalse(Iin.valid(invalid), invalid);
        }
        GatewayException e = assertThrows(GatewayException.class, () -> new Iin("880228305460"));
        assertEquals(ErrorCode.INVALID_IIN, e.code());
        assertFalse(e.getMessage().contains("880228305460"), "the value is not echoed");
        // A number whose first weighted sum is 10 takes its check digit from the second row of weights.
        int found = 0;
        for (long n = 100000000000L; n < 100000010000L && found < 3; n++) {
            String s = Long.toString(n);
            int first = 0;
            for (int i = 0; i < 11; i++) {
                first += (s.charAt(i) - '0') * (i + 1);
            }
            if (first % 11 == 10 && Iin.valid(s)) {
                found++;
            }
        }
        assertTrue(found > 0, "the second weight row is used");
    }

    @Test
    void sameIin_isOnePerson_whateverTheSpelling_andTheMergeKeepsEverySpelling() {
        RegisterPerson a = new RegisterPerson(List.of(cyrl("Ахметова", "Динара")), "910702403186", "1991-07");
        RegisterPerson b = new RegisterPerson(
                List.of(new RegisterPerson.Name("Latn", null, "AKHMETOVA", "DINARA", null)),
                "910702403186",
                "1991-07-02");
        RegisterPerson merged = a.merge(b);
        assertNotNull(merged);
        assertEquals(2, merged.names().size());
        assertEquals("1991-07-02", merged.birthDate(), "the more precise birth date");
        assertNull(
                a.merge(new RegisterPerson(List.of(cyrl("Ахметова", "Динара")), "880228305469", null)),
                "two IINs: two people, whatever the name");
    }

    @Test
    void withoutTwoIins_aSharedSpellingAndCompatibleBirthDates_makeOnePerson() {
        RegisterPerson a = new RegisterPerson(List.of(cyrl("Ахметова", "Динара")), null, "1991");
        assertNotNull(a.merge(new RegisterPerson(List.of(cyrl("АХМЕТОВА", "динара")), "910702403186", "1991-07-02")));
        assertNull(
                a.merge(new RegisterPerson(List.of(cyrl("Ахметова", "Динара")), null, "1992-01-01")),
                "another birth year");
        assertNull(a.merge(new RegisterPerson(List.of(cyrl("Ахметова", "Алия")), null, "1991")), "another name");
    }

    @Test
    void nameSearch_foldsCaseYoAndKazakhFontDamage() {
        RegisterPerson p = new RegisterPerson(
                List.of(new RegisterPerson.Name("Cyrl", "kk", "Өтегенов", "Берік", "Сәкенұлы")), null, null);
        assertTrue(p.matchesName("ӛтегенов"), "ӛ (U+04DB) for ө");
        assertTrue(p.matchesName("ӨТЕГЕНОВ берік"));
        assertFalse(p.matchesName("Өтегенов Алия"));
    }

    @Test
    void invalidPersons_areTypedErrors() {
        assertEquals(
                ErrorCode.INVALID_REQUEST,
                assertThrows(GatewayException.class, () -> new RegisterPerson(List.of(), null, null))
                        .code());
        assertEquals(
                ErrorCode.INVALID_REQUEST,
                assertThrows(GatewayException.class, () -> new RegisterPerson(List.of(cyrl("A", "B")), null, "07/1991"))
                        .code());
        assertEquals(
                ErrorCode.INVALID_REQUEST,
                assertThrows(GatewayException.class, () -> new RegisterPerson.Name("cyr", null, "A", "B", null))
                        .code());
        assertEquals(
                ErrorCode.INVALID_IIN,
                assertThrows(GatewayException.class, () -> new RegisterPerson(List.of(cyrl("A", "B")), "123", null))
                        .code());
    }
}
