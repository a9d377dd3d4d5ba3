package org.mlagateway.config;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Cross-key rules that no single record can check on its own. */
final class ConfigRules {
    private ConfigRules() {}

    static List<String> check(GatewayConfig config) {
        List<String> problems = new ArrayList<>();
        checkPartners(config, problems);
        checkRouting(config.routing(), problems);
        checkApiClients(config, problems);
        checkListenerBudgets(config, problems);
        return problems;
    }

    private static void checkPartners(GatewayConfig config, List<String> problems) {
        Set<String> authorityIds = new HashSet<>();
        authorityIds.add(config.authority().id());
        Set<String> partyIds = new HashSet<>();
        partyIds.add(config.authority().id());
        for (int i = 0; i < config.partners().size(); i++) {
            PartnerConfig partner = config.partners().get(i);
            String path = "partners[" + i + "]";
            if (partner.signingAnchors().isEmpty()) {
                problems.add("'" + path + ".signingAnchors': partner " + partner.id()
                        + " has no signing trust anchor, so nothing it sends could be verified");
            }
            checkAs4(partner, path, partyIds, problems);
            for (String authorityId : partner.authorityIds()) {
                if (!authorityIds.add(authorityId)) {
                    problems.add("'" + path + ".authorityIds': authority " + authorityId
                            + " is configured more than once (or is our own authority)");
                }
            }
        }
    }

    /** docs/as4.md#configuration: an as4 section belongs to an AS4 partner, and party ids are unique. */
    private static void checkAs4(PartnerConfig partner, String path, Set<String> partyIds, List<String> problems) {
        As4Config as4 = partner.as4();
        if (as4 == null) {
            return;
        }
        if (!partner.speaksAs4()) {
            problems.add("'" + path + ".as4': partner " + partner.id() + " has an as4 section but protocol "
                    + partner.protocol() + "; set protocol: as4 or remove the section");
        }
        if (!partyIds.add(as4.partyId())) {
            problems.add("'" + path + ".as4.partyId': party id " + as4.partyId()
                    + " is used by another partner (or is our own authority id, our party id)");
        }
        if (As4Config.EDELIVERY_2.equals(as4.profile())) {
            problems.add("'" + path + ".as4.profile': edelivery-2 is not implemented yet (docs/as4.md#profiles);"
                    + " use edelivery-1");
        }
        Set<String> actions = new HashSet<>();
        for (Map.Entry<String, String> action : as4.actions().entrySet()) {
            if (!actions.add(action.getValue())) {
                problems.add("'" + path + ".as4.actions." + action.getKey() + "': action " + action.getValue()
                        + " is mapped from two message kinds, so an inbound message's kind would be ambiguous");
            }
        }
    }

    private static void checkRouting(RoutingConfig routing, List<String> problems) {
        Set<String> bodies = new HashSet<>();
        for (String body : routing.bodies()) {
            if (!bodies.add(body)) {
                problems.add("'routing.bodies': body " + body + " is listed twice");
            }
        }
        List<RuleConfig> rules = routing.rules();
        int defaults = 0;
        for (int i = 0; i < rules.size(); i++) {
            RuleConfig rule = rules.get(i);
            if (!bodies.contains(rule.target())) {
                problems.add("'routing.rules[" + i + "].target': rule '" + rule.name() + "' names unknown body "
                        + rule.target() + " (not in routing.bodies)");
            }
            if (rule.isDefault()) {
                defaults++;
                if (i != rules.size() - 1) {
                    problems.add("'routing.rules[" + i + "]': default rule '" + rule.name()
                            + "' must be the last rule, or the rules after it can never match");
                }
            }
        }
        if (defaults == 0) {
            problems.add("'routing.rules': a default rule (one without 'match') is required as the last rule");
        } else if (defaults > 1) {
            problems.add("'routing.rules': only one default rule is allowed, found " + defaults);
        }
    }

    /** A budget smaller than the largest body a listener accepts would refuse such a body forever. */
    private static void checkListenerBudgets(GatewayConfig config, List<String> problems) {
        long envelope = config.limits().maxEnvelopeBytes();
        if (config.listeners().external().limits().maxBytesInFlight() < envelope) {
            problems.add("'listeners.external.limits.maxBytesInFlight': must be at least limits.maxEnvelopeBytes ("
                    + envelope + "), or no envelope of that size could ever be received");
        }
        long apiBody = config.limits().maxApiBodyBytes();
        if (config.listeners().internal().limits().maxBytesInFlight() < apiBody) {
            problems.add("'listeners.internal.limits.maxBytesInFlight': must be at least twice"
                    + " limits.maxEnvelopeBytes (" + apiBody + "), the internal API's body limit");
        }
    }

    private static void checkApiClients(GatewayConfig config, List<String> problems) {
        Set<String> names = new HashSet<>();
        Set<String> tokens = new HashSet<>();
        List<ApiClientConfig> clients = config.api().clients();
        for (int i = 0; i < clients.size(); i++) {
            ApiClientConfig client = clients.get(i);
            String path = "'api.clients[" + i + "]";
            if (!names.add(client.name())) {
                problems.add(path + ".name': client name " + client.name() + " is used twice");
            }
            if (!tokens.add(client.tokenSha256())) {
                problems.add(path + ".tokenSha256': two clients share one token");
            }
            for (ApiRole role : client.roles()) {
                if (role instanceof ApiRole.DomesticSystem domestic
                        && !config.routing().bodies().contains(domestic.body())) {
                    problems.add(path + ".roles': role " + role + " names an unknown body");
                }
            }
        }
    }
}
