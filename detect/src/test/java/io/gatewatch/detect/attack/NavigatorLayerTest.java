package io.gatewatch.detect.attack;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewatch.detect.sigma.RuleFile;
import io.gatewatch.detect.sigma.RuleSet;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class NavigatorLayerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A rule on a sub-technique, a correlation on another, and its generate: false building block. */
    private static final String RULES = """
            title: Guessing one password
            id: rule-guess
            level: high
            tags: [attack.credential-access, attack.t1110.001]
            detection:
              selection: {event.action: login-failed}
              condition: selection
            ---
            title: Spraying
            id: corr-spray
            level: high
            tags: [attack.credential-access, attack.t1110.003, attack.g0016, attack.t12345]
            correlation:
              type: event_count
              rules: [block]
              group-by: [source.ip]
              timespan: 10m
              condition: {gt: 5}
              generate: false
            ---
            title: Failed sign-in block
            id: block-failed
            name: block
            level: informational
            tags: [attack.t1110]
            detection:
              selection: {event.action: login-failed}
              condition: selection
            ---
            title: Untagged
            id: rule-untagged
            level: low
            detection:
              selection: {event.action: logout}
              condition: selection
            """;

    private static JsonNode layer(RuleSet rules) throws Exception {
        return JSON.readTree(NavigatorLayer.json(AttackCoverage.of(rules), "test layer"));
    }

    private static Map<String, JsonNode> byId(JsonNode layer) {
        Map<String, JsonNode> out = new TreeMap<>();
        layer.path("techniques").forEach(t -> out.put(t.path("techniqueID").asText(), t));
        return out;
    }

    @Test
    void builtinPack_layer_isValidV45() throws Exception {
        RuleSet builtin = RuleSet.builtin();
        assertThat(builtin.errors()).isEmpty();
        JsonNode layer = layer(builtin);

        assertThat(LayerFormatV45.violations(layer)).isEmpty();
        assertThat(layer.path("versions").path("layer").asText()).isEqualTo("4.5");
        assertThat(layer.path("domain").asText()).isEqualTo("enterprise-attack");
        assertThat(byId(layer)).containsKeys("T1110", "T1110.001", "T1110.003", "T1190", "T1133");
    }

    @Test
    void correlationFeedingAnotherOne_doesNotCount() throws Exception {
        // The pack's burst correlation only feeds "success after failures" (generate: false).
        String comment = byId(layer(RuleSet.builtin())).get("T1110.001").path("comment").asText();

        assertThat(comment).contains("Brute Force on One Account From One Address (correlation)",
                "Successful Sign-In After a Brute Force on the Same Account (correlation)");
        assertThat(comment).doesNotContain("Burst of Failed Sign-Ins");
    }

    @Test
    void subTechnique_countsForItsParent_andBuildingBlocksDoNotCount() throws Exception {
        RuleSet rules = RuleSet.load(List.of(RuleFile.of("test.yml", RULES)));
        assertThat(rules.errors()).isEmpty();
        Map<String, JsonNode> t = byId(layer(rules));

        assertThat(t.keySet()).containsExactly("T1110", "T1110.001", "T1110.003");
        assertThat(t.get("T1110").path("score").asInt()).isEqualTo(2);
        assertThat(t.get("T1110").path("comment").asText())
                .isEqualTo("2 rules: Guessing one password; Spraying (correlation). Tactics tagged: credential-access.");
        assertThat(t.get("T1110").path("showSubtechniques").asBoolean()).isTrue();
        assertThat(t.get("T1110.001").path("score").asInt()).isEqualTo(1);
        assertThat(t.get("T1110.001").has("showSubtechniques")).isFalse();
        assertThat(t.get("T1110.003").path("comment").asText()).startsWith("1 rule: Spraying (correlation).");
    }

    @Test
    void gradient_runsFromOneRule_toTheTopScore() throws Exception {
        JsonNode layer = layer(RuleSet.load(List.of(RuleFile.of("test.yml", RULES))));

        assertThat(layer.path("gradient").path("minValue").asInt()).isEqualTo(1);
        assertThat(layer.path("gradient").path("maxValue").asInt()).isEqualTo(2);
        assertThat(layer.path("legendItems")).hasSize(2);
    }

    @Test
    void noRules_stillAValidLayer() throws Exception {
        JsonNode layer = layer(RuleSet.load(List.of()));

        assertThat(LayerFormatV45.violations(layer)).isEmpty();
        assertThat(layer.path("techniques")).isEmpty();
    }

    @Test
    void output_isDeterministic() {
        RuleSet builtin = RuleSet.builtin();
        assertThat(NavigatorLayer.json(AttackCoverage.of(builtin), "x"))
                .isEqualTo(NavigatorLayer.json(AttackCoverage.of(RuleSet.builtin()), "x"));
    }

    // The checks themselves must catch what the Navigator would refuse, or the tests above prove nothing.
    @Test
    void formatChecks_rejectBrokenLayers() throws Exception {
        ObjectNode layer = (ObjectNode) layer(RuleSet.load(List.of(RuleFile.of("test.yml", RULES))));
        ObjectNode broken = layer.deepCopy();
        broken.remove("domain");
        ((ObjectNode) broken.path("versions")).put("layer", "4.4");
        ObjectNode first = (ObjectNode) broken.path("techniques").get(0);
        first.put("techniqueID", "T110");
        first.put("score", "2");
        broken.withArray("techniques").add(layer.path("techniques").get(1).deepCopy());
        ((ObjectNode) broken.path("gradient")).put("maxValue", 0);

        assertThat(LayerFormatV45.violations(broken)).containsExactlyInAnyOrder(
                "layer is missing required property 'domain'",
                "versions.layer must be \"4.5\"",
                "domain must be enterprise-attack, mobile-attack or ics-attack",
                "techniques[0].score must be a number, is a string",
                "techniques[0].techniqueID 'T110' does not match T####(.###)",
                "techniques[3] repeats technique T1110.001 for tactic null",
                "gradient.maxValue must be greater than minValue");
    }

    @Test
    void tags_parseTechniquesAndTactics() {
        List<String> tags = List.of("attack.t1110.001", "attack.T1190", "attack.credential-access", "attack.s0001",
                "attack.initial_access", "cve.2019-11510", "attack.t1110.001");
        assertThat(AttackTags.techniques(tags)).containsExactly("T1110.001", "T1190");
        assertThat(AttackTags.tactics(tags)).containsExactly("credential-access", "initial-access");
        assertThat(AttackTags.parent("T1110.001")).isEqualTo("T1110");
    }
}
