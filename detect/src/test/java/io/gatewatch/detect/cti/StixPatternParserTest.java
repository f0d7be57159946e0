package io.gatewatch.detect.cti;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.detect.cti.StixPattern.Composite;
import io.gatewatch.detect.cti.StixPattern.Invalid;
import io.gatewatch.detect.cti.StixPattern.Junction;
import io.gatewatch.detect.cti.StixPattern.LiteralKind;
import io.gatewatch.detect.cti.StixPattern.Observation;
import io.gatewatch.detect.cti.StixPattern.ObservationOperator;
import io.gatewatch.detect.cti.StixPattern.ParseResult;
import io.gatewatch.detect.cti.StixPattern.Parsed;
import io.gatewatch.detect.cti.StixPattern.QualifierKind;
import io.gatewatch.detect.cti.StixPattern.Test;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class StixPatternParserTest {
    @ParameterizedTest
    @ValueSource(strings = {
        "[ipv4-addr:value = '1.2.3.4']",
        "[ipv4-addr:value == '1.2.3.4']",
        "[ipv4-addr:value ISSUBSET '198.51.100.0/24']",
        "[ipv6-addr:value = '2001:db8::1']",
        "[domain-name:value = 'evil.example'] OR [domain-name:value = 'bad.example']",
        "[url:value = 'http://x.example/a?b=\\'c\\'']",
        "[file:hashes.'SHA-256' = 'aec070645fe53ee3b3763059376134f058cc337247c978add178b6ccdfb0019f']",
        "[file:hashes.MD5 = 'd41d8cd98f00b204e9800998ecf8427e' OR file:hashes.'SHA-1' = 'da39a3ee5e6b4b0d3255bfef95601890afd80709']",
        "[email-addr:value = 'a@b.example']",
        "[user-account:user_id = 'admin']",
        "[ipv4-addr:value IN ('1.2.3.4', '5.6.7.8')]",
        "[ipv4-addr:value NOT IN ('1.2.3.4')]",
        "[network-traffic:dst_ref.value = '1.2.3.4' AND network-traffic:dst_port = 443]",
        "[file:name LIKE '%.exe'] AND [process:name MATCHES '^cmd\\\\.exe$']",
        "[ipv4-addr:value = '1.2.3.4'] FOLLOWEDBY [domain-name:value = 'x.example'] WITHIN 300 SECONDS",
        "([ipv4-addr:value = '1.2.3.4'] AND [url:value = 'http://a']) REPEATS 5 TIMES",
        "[ipv4-addr:value = '1.2.3.4'] START t'2016-06-01T00:00:00Z' STOP t'2016-07-01T00:00:00.000Z'",
        "[file:size > 1024 AND file:size <= 2048.5 OR file:mime_type != 'text/plain']",
        "[windows-registry-key:values[*].name = 'x'] OR [x509-certificate:serial_number <> 'y']",
        "[file:extensions.'windows-pebinary-ext'.sections[0].entropy > 7.0]",
        "[artifact:payload_bin = b'aGVsbG8='] or [file:magic_number_hex = h'ffd8']",
        "[file:x_flag = true] and [EXISTS file:name]",
        "[(ipv4-addr:value = '1.2.3.4' OR ipv4-addr:value = '5.6.7.8')]",
        "[ipv4-addr:value ISSUPERSET '10.0.0.1'] or [ipv4-addr:value not issubset '10.0.0.0/8']",
    })
    void parse_acceptsValidPatterns(String pattern) {
        assertThat(StixPatternParser.parse(pattern)).isInstanceOf(Parsed.class);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "ipv4-addr:value = '1.2.3.4'|0|expected '[' or '('",
        "[ipv4-addr:value = '1.2.3.4'|28|expected ']' but the pattern ended",
        "[ipv4-addr:value = '1.2.3.4]|19|unterminated string literal",
        "[ipv4-addr:value ~ '1']|17|unexpected character '~'",
        "[ipv4-addr:value LIKES '1']|17|expected a comparison operator",
        "[ipv4-addr value = '1']|11|expected ':'",
        "[IPV4-ADDR:value = '1']|1|invalid object type",
        "[ipv4-addr:value = '1'] AND|27|expected '[' or '('",
        "[ipv4-addr:value = '1'] WITHIN SECONDS|31|expected a number of seconds",
        "[ipv4-addr:value = '1'] REPEATS 2.5 TIMES|32|positive integer",
        "[ipv4-addr:value = '1'] START '2016' STOP t'2016-07-01T00:00:00Z'|30|expected a timestamp",
        "[a:b = t'2016-13-01T00:00:00Z']|7|invalid timestamp",
        "[a:b = h'abc']|7|even number",
        "[a:b = 'x\\n']|9|invalid escape",
        "[ab:c IN ()]|10|expected a literal",
        "[ab:c LIKE 5]|11|LIKE takes a string literal",
        "[ab:c = '1'] [ab:c = '2']|13|unexpected '['",
        "[]|1|expected an object type",
        "''|0|expected '[' or '('",
    })
    void parse_reportsErrorWithPosition(String pattern, int position, String message) {
        ParseResult r = StixPatternParser.parse(pattern);
        assertThat(r).isInstanceOf(Invalid.class);
        Invalid inv = (Invalid) r;
        assertThat(inv.message()).contains(message);
        assertThat(inv.position()).isEqualTo(position);
    }

    @org.junit.jupiter.api.Test
    void parse_observationPrecedence_andBindsTighterThanOrThanFollowedBy() {
        Parsed p = (Parsed) StixPatternParser.parse("[ab:c = '1'] FOLLOWEDBY [ab:c = '2'] OR [ab:c = '3'] AND [ab:c = '4']");
        Composite top = (Composite) p.expression();
        assertThat(top.operator()).isEqualTo(ObservationOperator.FOLLOWEDBY);
        Composite or = (Composite) top.parts().get(1);
        assertThat(or.operator()).isEqualTo(ObservationOperator.OR);
        assertThat(((Composite) or.parts().get(1)).operator()).isEqualTo(ObservationOperator.AND);
    }

    @org.junit.jupiter.api.Test
    void parse_comparisonTree_keepsPathOperatorAndLiterals() {
        Parsed p = (Parsed) StixPatternParser.parse(
                "[file:hashes.'SHA-256' = 'AB' or file:size >= 10] within 5 seconds");
        Observation o = (Observation) p.expression();
        assertThat(o.qualifiers()).singleElement().satisfies(q -> {
            assertThat(q.kind()).isEqualTo(QualifierKind.WITHIN);
            assertThat(q.first()).isEqualTo("5");
        });
        Junction j = (Junction) o.comparison();
        assertThat(j.and()).isFalse();
        Test hash = (Test) j.parts().get(0);
        assertThat(hash.objectType()).isEqualTo("file");
        assertThat(hash.path()).isEqualTo(List.of("hashes", "SHA-256"));
        assertThat(hash.operator()).isEqualTo("=");
        Test size = (Test) j.parts().get(1);
        assertThat(size.operator()).isEqualTo(">=");
        assertThat(size.values().get(0).kind()).isEqualTo(LiteralKind.INTEGER);
    }

    @org.junit.jupiter.api.Test
    void parse_boundsNesting() {
        String deep = "(".repeat(40) + "[ab:c = '1']" + ")".repeat(40);
        assertThat(StixPatternParser.parse(deep)).isInstanceOf(Invalid.class)
                .extracting(r -> ((Invalid) r).message()).asString().contains("nested deeper");
        assertThat(StixPatternParser.parse("x".repeat(StixPatternParser.MAX_LENGTH + 1))).isInstanceOf(Invalid.class);
        assertThat(StixPatternParser.parse(null)).isInstanceOf(Invalid.class);
    }
}
