package org.mlagateway.exchange;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.mlagateway.config.PartnerConfig;
import org.mlagateway.testing.TestPki;

class PartnerDirectoryTest {
    private static final URI RU = URI.create("https://ru.example:8443/exchange/v1");
    private static final URI TR = URI.create("https://tr.example:8443/exchange/v1");
    private static X509Certificate encryption;

    /** The addresses the directory connected to, in order: a recording connector. */
    private final List<String> connected = new ArrayList<>();

    private final HttpClient client = HttpClient.newHttpClient();

    @BeforeAll
    static void pki() {
        encryption = TestPki.create("RU-GPO", "RU").encryption().certificate();
    }

    private PartnerDirectory directory() {
        return new PartnerDirectory(
                List.of(partner("RU-GPO", List.of("RU-GPO", "RU-MVD"), RU), partner("TR-MOJ", null, TR)), (id, uri) -> {
                    connected.add(id + " " + uri);
                    return new PartnerEndpoint(id, uri, encryption, client);
                });
    }

    private static PartnerConfig partner(String id, List<String> authorities, URI endpoint) {
        return new PartnerConfig(
                id,
                authorities,
                id.substring(0, 2),
                endpoint,
                List.of(Path.of(id + "-ca.pem")),
                null,
                Path.of(id + "-encryption.pem"),
                null,
                null,
                null,
                null);
    }

    @Test
    void eachConfiguredPartner_isConnectedOnce_atItsConfiguredEndpoint() {
        PartnerDirectory partners = directory();

        assertEquals(List.of("RU-GPO " + RU, "TR-MOJ " + TR), connected);
        assertEquals(RU, partners.endpoint("RU-GPO").orElseThrow().endpoint());
        assertEquals(TR, partners.endpoint("TR-MOJ").orElseThrow().endpoint());
        assertEquals(Optional.empty(), partners.endpoint("AE-MOJ"));
    }

    @Test
    void everyAuthorityId_namesItsPartner() {
        PartnerDirectory partners = directory();

        assertEquals(Optional.of("RU-GPO"), partners.partnerOfAuthority("RU-GPO"));
        assertEquals(Optional.of("RU-GPO"), partners.partnerOfAuthority("RU-MVD"));
        assertEquals(Optional.of("TR-MOJ"), partners.partnerOfAuthority("TR-MOJ"));
        assertEquals(Optional.empty(), partners.partnerOfAuthority("AE-MOJ"));
    }

    @Test
    void repoint_connectsAnew_andLaterLookupsSeeTheNewEndpoint() {
        PartnerDirectory partners = directory();
        URI moved = URI.create("https://127.0.0.1:40123/exchange/v1");

        partners.repoint("RU-GPO", moved);

        assertEquals("RU-GPO " + moved, connected.get(connected.size() - 1));
        assertEquals(moved, partners.endpoint("RU-GPO").orElseThrow().endpoint());
        assertEquals(TR, partners.endpoint("TR-MOJ").orElseThrow().endpoint());
    }

    @Test
    void repointingAnUnknownPartner_isRefused_andConnectsNothing() {
        PartnerDirectory partners = directory();
        int before = connected.size();

        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> partners.repoint("AE-MOJ", RU));

        assertEquals("unknown partner AE-MOJ", e.getMessage());
        assertEquals(before, connected.size());
        assertEquals(Optional.empty(), partners.endpoint("AE-MOJ"));
    }
}
