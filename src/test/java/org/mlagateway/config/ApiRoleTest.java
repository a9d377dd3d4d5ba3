package org.mlagateway.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ApiRoleTest {

    @Test
    void plainRoles_parseToTheirConstants_andWriteBackAsTheyWereWritten() {
        assertEquals(ApiRole.TRANSLATOR, ApiRole.parse("translator"));
        assertEquals(ApiRole.OPERATOR, ApiRole.parse("operator"));
        assertEquals(ApiRole.ADMIN, ApiRole.parse("admin"));
        assertEquals(ApiRole.AUDITOR, ApiRole.parse("auditor"));
        assertEquals(ApiRole.CONSULAR, ApiRole.parse("consular"));
        assertEquals(ApiRole.REGISTER, ApiRole.parse("register"));
        for (String text : new String[] {"translator", "operator", "auditor", "admin", "consular", "register"}) {
            assertEquals(text, ApiRole.parse(text).text());
            assertEquals(text, ApiRole.parse(text).toString());
        }
    }

    @Test
    void domesticSystemRole_carriesItsBody() {
        ApiRole role = ApiRole.parse("domestic-system:MVD-INVESTIGATION");
        ApiRole.DomesticSystem domestic = assertInstanceOf(ApiRole.DomesticSystem.class, role);
        assertEquals("MVD-INVESTIGATION", domestic.body());
        assertEquals("domestic-system:MVD-INVESTIGATION", role.text());
        assertEquals(new ApiRole.DomesticSystem("MVD-INVESTIGATION"), role, "a value: equal bodies, equal roles");
        assertEquals(new ApiRole.DomesticSystem("KNB2"), ApiRole.parse("domestic-system:KNB2"));
    }

    @Test
    void unknownRoles_areRefusedNamingTheValue() {
        for (String text : new String[] {
            "superuser",
            "Admin",
            "operator ",
            "",
            "domestic-system:",
            "domestic-system:mvd",
            "domestic-system:MVD INVESTIGATION",
            "domestic:MVD",
            "domestic-system"
        }) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> ApiRole.parse(text), text);
            assertTrue(e.getMessage().startsWith("unknown role '"), e.getMessage());
        }
    }

    @Test
    void onlyTheAuditor_seesPersonFieldsMasked() {
        assertTrue(ApiRole.masksPersonFields(List.of(ApiRole.AUDITOR)));
        for (ApiRole role : List.of(
                ApiRole.OPERATOR, ApiRole.ADMIN, ApiRole.TRANSLATOR, new ApiRole.DomesticSystem("MVD-INVESTIGATION"))) {
            assertFalse(ApiRole.masksPersonFields(List.of(role)), role.text());
        }
    }

    @Test
    void auditorRole_isHeldAlone() {
        String sha = "0".repeat(64);
        assertEquals(List.of(ApiRole.AUDITOR), new ApiClientConfig("audit", sha, List.of(ApiRole.AUDITOR)).roles());
        IllegalArgumentException e = assertThrows(
                IllegalArgumentException.class,
                () -> new ApiClientConfig("audit", sha, List.of(ApiRole.AUDITOR, ApiRole.OPERATOR)));
        assertTrue(e.getMessage().contains("auditor role is held alone"), e.getMessage());
    }
}
