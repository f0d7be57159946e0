package io.gatewatch.detect.correlation;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import io.gatewatch.detect.correlation.CorrelationRule.Criterion;
import io.gatewatch.detect.correlation.CorrelationRule.Op;
import io.gatewatch.detect.correlation.CorrelationRule.Type;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

class CorrelationRuleParserTest {
    private static final YAMLMapper YAML = new YAMLMapper();

    static JsonNode yaml(String text) {
        try {
            return YAML.readTree(text);
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    static CorrelationRule parse(String text) {
        return CorrelationRuleParser.parse(yaml(text), "rules/mr_test.yml", 7);
    }

    @Test
    void parse_readsEveryField() {
        CorrelationRule r = parse("""
                title: Password spraying from one address
                id: 7f3c1f5e-0b7c-4b77-9a42-2f4f8f0c9e11
                name: spraying
                level: high
                tags: [attack.credential-access, attack.t1110.003]
                description: ignored
                custom_field: ignored too
                correlation:
                  type: value_count
                  rules:
                    - failed_login
                    - 5638f7c0-ac70-491d-8465-2a65075e0d86
                  group-by:
                    - source.ip
                    - target
                  timespan: 15m
                  condition:
                    gt: 20
                    lte: 1000
                    field: user.name
                  aliases:
                    target:
                      failed_login: destination.ip
                      5638f7c0-ac70-491d-8465-2a65075e0d86: observer.hostname
                  generate: true
                """);
        assertThat(r.id()).isEqualTo("7f3c1f5e-0b7c-4b77-9a42-2f4f8f0c9e11");
        assertThat(r.name()).isEqualTo("spraying");
        assertThat(r.key()).isEqualTo(r.id());
        assertThat(r.title()).isEqualTo("Password spraying from one address");
        assertThat(r.level()).isEqualTo("high");
        assertThat(r.tags()).containsExactly("attack.credential-access", "attack.t1110.003");
        assertThat(r.type()).isEqualTo(Type.VALUE_COUNT);
        assertThat(r.rules()).containsExactly("failed_login", "5638f7c0-ac70-491d-8465-2a65075e0d86");
        assertThat(r.groupBy()).containsExactly("source.ip", "target");
        assertThat(r.timespanMillis()).isEqualTo(15 * 60_000L);
        assertThat(r.condition().criteria()).containsExactly(new Criterion(Op.GT, 20), new Criterion(Op.LTE, 1000));
        assertThat(r.condition().field()).isEqualTo("user.name");
        assertThat(r.aliases()).isEqualTo(Map.of("target", Map.of("failed_login", "destination.ip",
                "5638f7c0-ac70-491d-8465-2a65075e0d86", "observer.hostname")));
        assertThat(r.generate()).isTrue();
        assertThat(r.file()).isEqualTo("rules/mr_test.yml");
        assertThat(r.line()).isEqualTo(7);
    }

    @Test
    void parse_defaults_noLevelNoTagsNoGroupByNoGenerate() {
        CorrelationRule r = parse("""
                title: Many failures
                name: many_failures
                correlation:
                  type: event_count
                  rules: failed_login
                  timespan: 1h
                  condition: {gte: 20}
                """);
        assertThat(r.id()).isNull();
        assertThat(r.key()).isEqualTo("many_failures");
        assertThat(r.level()).isNull();
        assertThat(r.tags()).isEmpty();
        assertThat(r.groupBy()).isEmpty();
        assertThat(r.rules()).containsExactly("failed_login");
        assertThat(r.aliases()).isEmpty();
        assertThat(r.generate()).isFalse();
        assertThat(r.condition()).isEqualTo(CorrelationRule.Condition.of(Op.GTE, 20, null));
    }

    @Test
    void parse_temporal_withoutCondition_needsAllRules() {
        CorrelationRule r = parse("""
                title: Recon
                id: r1
                correlation:
                  type: temporal
                  rules: [a, b, c]
                  group-by: [user.name]
                  timespan: 5m
                """);
        assertThat(r.type()).isEqualTo(Type.TEMPORAL);
        assertThat(r.condition()).isEqualTo(CorrelationRule.Condition.of(Op.GTE, 3, null));
    }

    @Test
    void parse_temporal_withCondition_countsDistinctRules() {
        CorrelationRule r = parse("""
                title: Two of three
                id: r1
                correlation:
                  type: temporal
                  rules: [a, b, c]
                  timespan: 5m
                  condition: {gte: 2}
                """);
        assertThat(r.condition().test(2)).isTrue();
        assertThat(r.condition().test(1)).isFalse();
    }

    @Test
    void parse_temporalOrdered_theSpecificationExample() {
        CorrelationRule r = parse("""
                title: Correlation - Multiple Failed Logins Followed by Successful Login
                id: b180ead8-d58f-40b2-ae54-c8940995b9b6
                status: experimental
                correlation:
                    type: temporal_ordered
                    rules:
                        - multiple_failed_login
                        - successful_login
                    group-by:
                        - User
                    timespan: 10m
                falsepositives:
                    - Unlikely
                level: high
                """);
        assertThat(r.type()).isEqualTo(Type.TEMPORAL_ORDERED);
        assertThat(r.timespanMillis()).isEqualTo(600_000);
        assertThat(r.condition().test(2)).isTrue();
    }

    @ParameterizedTest
    @CsvSource({"30s, 30000", "5m, 300000", "15m, 900000", "1h, 3600000", "1d, 86400000", "90m, 5400000",
            "365d, 31536000000"})
    void parse_timespanUnits(String timespan, long millis) {
        assertThat(parse(rule("timespan: " + timespan)).timespanMillis()).isEqualTo(millis);
    }

    @ParameterizedTest
    @CsvSource({"gt, 5, 6, 5", "gte, 5, 5, 4", "lt, 5, 4, 5", "lte, 5, 5, 6", "eq, 5, 5, 6", "neq, 5, 6, 5"})
    void parse_conditionOperators(String op, long value, long holds, long fails) {
        CorrelationRule r = parse(rule("condition: {" + op + ": " + value + "}"));
        assertThat(r.condition().test(holds)).isTrue();
        assertThat(r.condition().test(fails)).isFalse();
    }

    @Test
    void parse_generateAtTopLevel() {
        assertThat(parse(rule("timespan: 1h") + "generate: true\n").generate()).isTrue();
    }

    @Test
    void parse_valueCountFieldAsListOfOne() {
        CorrelationRule r = parse(rule("type: value_count", "condition: {gte: 3, field: [user.name]}"));
        assertThat(r.condition().field()).isEqualTo("user.name");
    }

    /** A valid event_count rule with lines of its correlation section replaced. */
    static String rule(String... replace) {
        String type = "type: event_count";
        String timespan = "timespan: 1h";
        String condition = "condition: {gte: 20}";
        StringBuilder extra = new StringBuilder();
        for (String r : replace) {
            if (r.startsWith("type:")) {
                type = r;
            } else if (r.startsWith("timespan:")) {
                timespan = r;
            } else if (r.startsWith("condition:")) {
                condition = r;
            } else {
                extra.append("  ").append(r).append('\n');
            }
        }
        return "title: T\nid: c1\ncorrelation:\n  " + type + "\n  rules: [failed_login]\n  group-by: [source.ip]\n  "
                + timespan + "\n  " + condition + "\n" + extra;
    }

    private static final String HEAD = "title: T\nid: x\n";
    private static final String TEMPORAL = "type: temporal, rules: [a], timespan: 1m";
    private static final String COUNT = "type: event_count, rules: [a], timespan: 1m";
    private static final String VALUES = "type: value_count, rules: [a], timespan: 1m";

    /** A document of HEAD and a correlation section in flow style. */
    private static String corr(String section) {
        return HEAD + "correlation: {" + section + "}\n";
    }

    private static Arguments reject(String what, String yaml, String reason) {
        return Arguments.of(what, yaml, reason);
    }

    static Stream<Arguments> invalid() {
        return Stream.of(
                reject("not a map", "- a", "a correlation rule is a map"),
                reject("no title", "id: x\ncorrelation: {" + TEMPORAL + "}", "title is missing"),
                reject("blank title", "title: ' '\nid: x\ncorrelation: {" + TEMPORAL + "}", "title is empty"),
                reject("no id nor name", "title: T\ncorrelation: {" + TEMPORAL + "}", "no id"),
                reject("unknown level", HEAD + "level: severe\ncorrelation: {" + TEMPORAL + "}", "level 'severe'"),
                reject("tags not text", HEAD + "tags: [{a: b}]\ncorrelation: {" + TEMPORAL + "}",
                        "tags must be a list of text"),
                reject("no correlation map", HEAD + "correlation: event_count", "correlation must be a map"),
                reject("unknown key", corr(TEMPORAL + ", groupby: [a]"), "correlation.groupby is not a key"),
                reject("no type", corr("rules: [a], timespan: 1m"), "correlation.type is missing"),
                reject("unknown type", corr("type: event_sum, rules: [a], timespan: 1m"),
                        "correlation.type 'event_sum' is not one of"),
                reject("later type", corr("type: value_sum, rules: [a], timespan: 1m"), "(Sigma 2.1) is not supported"),
                reject("no rules", corr("type: temporal, timespan: 1m"), "correlation.rules is empty"),
                reject("rules not text", corr("type: temporal, rules: {a: b}, timespan: 1m"),
                        "correlation.rules must be a list"),
                reject("empty rule", corr("type: temporal, rules: [a, ''], timespan: 1m"),
                        "correlation.rules has an empty entry"),
                reject("duplicate rule", corr("type: temporal, rules: [a, a], timespan: 1m"),
                        "correlation.rules lists 'a' twice"),
                reject("duplicate group-by", corr(TEMPORAL + ", group-by: [u, u]"),
                        "correlation.group-by lists 'u' twice"),
                reject("no timespan", corr("type: temporal, rules: [a]"), "correlation.timespan is missing"),
                reject("timespan unit", corr("type: temporal, rules: [a], timespan: 5x"),
                        "correlation.timespan '5x' is not a whole number"),
                reject("timespan upper case", corr("type: temporal, rules: [a], timespan: 5M"),
                        "correlation.timespan '5M' is not a whole number"),
                reject("timespan without number", corr("type: temporal, rules: [a], timespan: m"),
                        "correlation.timespan 'm' is not a whole number"),
                reject("timespan fraction", corr("type: temporal, rules: [a], timespan: 1.5h"),
                        "correlation.timespan '1.5h' is not a whole number"),
                reject("timespan zero", corr("type: temporal, rules: [a], timespan: 0s"), "is zero"),
                reject("timespan too long", corr("type: temporal, rules: [a], timespan: 366d"), "longer than 365d"),
                reject("no condition", corr(COUNT), "correlation.condition is missing"),
                reject("condition not a map", corr(COUNT + ", condition: 5"), "must be a map"),
                reject("unknown operator", corr(COUNT + ", condition: {ge: 5}"), "correlation.condition.ge is not one of"),
                reject("operand not a number", corr(COUNT + ", condition: {gte: many}"),
                        "correlation.condition.gte must be a whole number"),
                reject("operand fraction", corr(COUNT + ", condition: {gte: 2.5}"),
                        "correlation.condition.gte must be a whole number"),
                reject("operand negative", corr(COUNT + ", condition: {gte: -1}"), "must be a whole number of 0 or more"),
                reject("operand too large", corr(COUNT + ", condition: {gte: 100001}"), "above 100000"),
                reject("only a field", corr(VALUES + ", condition: {field: u}"), "has no gt, gte, lt, lte, eq or neq"),
                reject("value_count without field", corr(VALUES + ", condition: {gte: 5}"),
                        "correlation.condition.field is missing"),
                reject("field on event_count", corr(COUNT + ", condition: {gte: 5, field: u}"), "only for value_count"),
                reject("field not text", corr(VALUES + ", condition: {gte: 5, field: {a: b}}"), "must be a field name"),
                reject("several fields", corr(VALUES + ", condition: {gte: 5, field: [u, v]}"),
                        "several fields is not supported"),
                reject("never holds", corr(COUNT + ", condition: {gt: 10, lt: 5}"),
                        "never holds for a count of 1 or more"),
                reject("never holds from one", corr(COUNT + ", condition: {lt: 1}"),
                        "never holds for a count of 1 or more"),
                reject("temporal never holds", corr("type: temporal, rules: [a, b], timespan: 1m, condition: {gte: 3}"),
                        "counts the referred rules that matched, 1 to 2"),
                reject("temporal with field",
                        corr("type: temporal, rules: [a, b], timespan: 1m, condition: {gte: 2, field: u}"),
                        "only for value_count"),
                reject("ordered, not all", corr("type: temporal_ordered, rules: [a, b], timespan: 1m, condition: {eq: 1}"),
                        "must hold for 2"),
                reject("aliases not a map", corr(TEMPORAL + ", aliases: [ip]"), "correlation.aliases must map"),
                reject("alias not a map", corr(TEMPORAL + ", aliases: {ip: source.ip}"),
                        "correlation.aliases.ip must map rule names"),
                reject("alias empty", corr(TEMPORAL + ", aliases: {ip: {}}"), "correlation.aliases.ip must map rule names"),
                reject("alias of an unknown rule", corr(TEMPORAL + ", aliases: {ip: {b: source.ip}}"),
                        "correlation.aliases.ip.b: the correlation does not refer to rule 'b'"),
                reject("alias field not text", corr(TEMPORAL + ", aliases: {ip: {a: [x]}}"),
                        "correlation.aliases.ip.a must be a field name"),
                reject("generate not boolean", HEAD + "generate: yes please\ncorrelation: {" + TEMPORAL + "}",
                        "generate must be true or false"),
                reject("generate disagrees", HEAD + "generate: true\ncorrelation: {" + TEMPORAL + ", generate: false}",
                        "generate is true but correlation.generate is false"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("invalid")
    void parse_rejects(String what, String yaml, String reason) {
        assertThatThrownBy(() -> parse(yaml))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("rules/mr_test.yml:7: ")
                .hasMessageContaining(reason);
    }

    @Test
    void condition_lowestFiring() {
        CorrelationRule.Condition range = new CorrelationRule.Condition(
                List.of(new Criterion(Op.GT, 100), new Criterion(Op.LTE, 200)), null);
        assertThat(range.lowestFiring()).isEqualTo(101);
        assertThat(CorrelationRule.Condition.of(Op.LT, 5, null).lowestFiring()).isEqualTo(1);
        assertThat(CorrelationRule.Condition.of(Op.NEQ, 1, null).lowestFiring()).isEqualTo(2);
        assertThat(CorrelationRule.Condition.of(Op.LT, 1, null).lowestFiring()).isEqualTo(-1);
    }
}
