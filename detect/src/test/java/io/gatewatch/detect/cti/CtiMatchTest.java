package io.gatewatch.detect.cti;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.detect.cti.StixPattern.Parsed;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CtiMatchTest {
    private static final long NOW = 1_700_000_000_000L;

    static Indicator indicator(String id, String pattern) {
        return indicator(id, pattern, Long.MIN_VALUE, Long.MAX_VALUE, List.of());
    }

    static Indicator indicator(String id, String pattern, long from, long until, List<String> labels) {
        Parsed p = (Parsed) StixPatternParser.parse(pattern);
        PatternAtoms.Reduction r = PatternAtoms.reduce(p.expression());
        List<Atom> atoms = r instanceof PatternAtoms.Matched m ? m.atoms() : List.of();
        return new Indicator("indicator--" + id, "test", null, pattern, atoms, null, from, until, 80, false, 0, labels);
    }

    private static List<CtiHit> match(List<Indicator> indicators, EcsEvent e) {
        return new CtiMatcher(CtiIndex.build(indicators), () -> NOW).match(e);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[ipv4-addr:value = '203.0.113.7']|source.ip|203.0.113.7|203.0.113.7",
        "[ipv4-addr:value = '203.0.113.0/24']|source.ip|203.0.113.99|203.0.113.0/24",
        "[ipv4-addr:value ISSUBSET '10.0.0.0/8']|destination.ip|10.200.3.4|10.0.0.0/8",
        "[ipv4-addr:value IN ('1.1.1.1', '203.0.113.7')]|host.ip|203.0.113.7|203.0.113.7",
        "[ipv4-addr:value = '0.0.0.0/0']|source.ip|8.8.8.8|0.0.0.0/0",
        "[ipv6-addr:value = '2001:db8::1']|source.ip|2001:DB8:0::1|2001:db8:0:0:0:0:0:1",
        "[ipv6-addr:value ISSUBSET '2001:db8::/32']|destination.ip|2001:db8:ffff::9|2001:db8:0:0:0:0:0:0/32",
        "[domain-name:value = 'evil.example']|destination.domain|evil.example|evil.example",
        "[domain-name:value = 'Evil.Example']|destination.domain|a.b.EVIL.example.|evil.example",
        "[domain-name:value = 'evil.example']|url.domain|cdn.evil.example|evil.example",
        "[url:value = 'https://evil.example/x']|url.original|https://evil.example/x|https://evil.example/x",
        "[user-account:user_id = 'svc-backup']|user.name|svc-backup|svc-backup",
        "[email-addr:value = 'Mallory@Evil.example']|user.name|mallory@EVIL.example|mallory@evil.example",
    })
    void match_findsObservableOnItsField(String pattern, String field, String value, String atomic) {
        EcsEvent e = event(field, value);
        List<CtiHit> hits = match(List.of(indicator("1", pattern)), e);
        assertThat(hits).singleElement().satisfies(h -> {
            assertThat(h.field()).isEqualTo(field);
            assertThat(h.value()).isEqualTo(value);
            assertThat(h.atomic()).isEqualTo(atomic);
        });
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "[ipv4-addr:value = '203.0.113.7']|source.ip|203.0.113.8",
        "[ipv4-addr:value = '203.0.113.0/24']|source.ip|203.0.114.1",
        "[ipv4-addr:value = '203.0.113.7']|observer.ip|203.0.113.7",
        "[ipv4-addr:value = '203.0.113.7']|related.ip|203.0.113.7",
        "[domain-name:value = 'evil.example']|destination.domain|notevil.example",
        "[domain-name:value = 'evil.example']|destination.domain|example",
        "[domain-name:value = 'example']|destination.domain|evil.example",
        "[url:value = 'https://evil.example/x']|url.original|https://evil.example/x/y",
        "[ipv4-addr:value = '203.0.113.7' AND ipv4-addr:value = '203.0.113.8']|source.ip|203.0.113.7",
        "[ipv4-addr:value = '203.0.113.7'] REPEATS 2 TIMES|source.ip|203.0.113.7",
        "[ipv4-addr:value != '203.0.113.7']|source.ip|1.2.3.4",
        "[ipv4-addr:value = '203.0.113.7']|source.ip|203.0.113.07",
    })
    void match_missesOtherValuesFieldsAndUnmatchedPatterns(String pattern, String field, String value) {
        assertThat(match(List.of(indicator("1", pattern)), event(field, value))).isEmpty();
    }

    @Test
    void match_honoursValidityAtEventTime() {
        Indicator ind = indicator("1", "[ipv4-addr:value = '203.0.113.7']", NOW - 1000, NOW + 1000, List.of());
        EcsEvent inside = event("source.ip", "203.0.113.7").setLong(EcsField.TIMESTAMP, NOW);
        EcsEvent before = event("source.ip", "203.0.113.7").setLong(EcsField.TIMESTAMP, NOW - 1001);
        EcsEvent atEnd = event("source.ip", "203.0.113.7").setLong(EcsField.TIMESTAMP, NOW + 1000);
        EcsEvent noTime = event("source.ip", "203.0.113.7");
        assertThat(match(List.of(ind), inside)).hasSize(1);
        assertThat(match(List.of(ind), before)).isEmpty();
        assertThat(match(List.of(ind), atEnd)).isEmpty();
        assertThat(match(List.of(ind), noTime)).hasSize(1);
    }

    @Test
    void match_commandAndControlIp_onlyOnDestination() {
        Indicator c2 = indicator("1", "[ipv4-addr:value = '203.0.113.7']", Long.MIN_VALUE, Long.MAX_VALUE,
                List.of("command-and-control"));
        assertThat(match(List.of(c2), event("source.ip", "203.0.113.7"))).isEmpty();
        assertThat(match(List.of(c2), event("destination.ip", "203.0.113.7"))).hasSize(1);
    }

    @Test
    void match_overlappingCidrsAndSeveralFields_allReported() {
        List<Indicator> inds = List.of(indicator("1", "[ipv4-addr:value = '10.0.0.0/8']"),
                indicator("2", "[ipv4-addr:value = '10.1.0.0/16']"), indicator("3", "[ipv4-addr:value = '10.1.2.3']"));
        EcsEvent e = event("source.ip", "10.1.2.3").set(EcsField.DESTINATION_IP, "10.9.9.9");
        assertThat(match(inds, e)).extracting(CtiHit::atomic)
                .containsExactly("10.1.2.3", "10.1.0.0/16", "10.0.0.0/8", "10.0.0.0/8");
    }

    @Test
    void enrich_writesThreatEnrichmentsAsEcsJson() {
        EcsEvent e = event("source.ip", "203.0.113.7");
        List<CtiHit> hits = match(List.of(indicator("1", "[ipv4-addr:value = '203.0.113.7']")), e);
        CtiRule.enrich(e, hits);
        assertThat(e.toJson()).contains("\"threat\":{\"enrichments\":[{\"indicator\":{\"type\":\"ipv4-addr\","
                + "\"id\":\"indicator--1\",\"pattern\":\"[ipv4-addr:value = '203.0.113.7']\",\"value\":\"203.0.113.7\","
                + "\"confidence\":\"High\",\"confidence_score\":\"80\",\"provider\":\"test\"},"
                + "\"matched\":{\"field\":\"source.ip\",\"atomic\":\"203.0.113.7\",\"type\":\"indicator_match_rule\"}}]}");
        var alert = CtiRule.alert(e, hits);
        assertThat(alert.ruleId()).isEqualTo(CtiRule.RULE_ID);
        assertThat(alert.ruleTitle()).isEqualTo("Threat intelligence match: ipv4-addr");
        assertThat(alert.level()).isEqualTo("high");
    }

    @Test
    void level_followsConfidence() {
        assertThat(List.of(-1, 0, 29, 30, 69, 70, 89, 90, 100).stream().map(CtiRule::level))
                .containsExactly("medium", "low", "low", "medium", "medium", "high", "high", "critical", "critical");
    }

    @Test
    void match_emptyIndex_allocatesNothing() {
        assertThat(new CtiMatcher(CtiIndex.EMPTY, () -> NOW).match(event("source.ip", "1.2.3.4"))).isSameAs(List.of());
    }

    static EcsEvent event(String field, String value) {
        EcsEvent e = new EcsEvent();
        EcsField f = EcsField.byPath(field);
        if (f.type().name().endsWith("_LIST")) {
            e.add(f, value);
        } else {
            e.set(f, value);
        }
        return e;
    }
}
