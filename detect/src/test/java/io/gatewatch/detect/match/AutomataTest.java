package io.gatewatch.detect.match;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/** The matching primitives: the automaton, wildcard patterns, IP parsing, regex cost. */
class AutomataTest {
    private static Set<String> scan(AhoCorasick ac, List<String> patterns, String text) {
        Set<String> found = new HashSet<>();
        ac.scan(text, (p, end) -> found.add(patterns.get(p) + "@" + end));
        return found;
    }

    @Property(tries = 300)
    void ahoCorasick_findsExactlyWhatIndexOfFinds(@ForAll long seed) {
        Random rnd = new Random(seed);
        String alphabet = "abAB\u00e9\u00c9\u212ak-";
        List<String> patterns = new ArrayList<>();
        for (int i = 0; i < 1 + rnd.nextInt(12); i++) {
            String p = random(rnd, alphabet, 1 + rnd.nextInt(4));
            patterns.add(Fold.fold(p));
        }
        List<String> distinct = patterns.stream().distinct().toList();
        AhoCorasick ac = AhoCorasick.build(distinct);
        String text = random(rnd, alphabet, rnd.nextInt(30));
        String folded = Fold.fold(text);
        Set<String> expected = new HashSet<>();
        for (String p : distinct) {
            for (int i = folded.indexOf(p); i >= 0; i = folded.indexOf(p, i + 1)) {
                expected.add(p + "@" + (i + p.length()));
            }
        }
        assertThat(scan(ac, distinct, text)).isEqualTo(expected);
    }

    private static String random(Random rnd, String alphabet, int len) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0; i < len; i++) {
            sb.append(alphabet.charAt(rnd.nextInt(alphabet.length())));
        }
        return sb.toString();
    }

    @Test
    void ahoCorasick_foldsCaseAsItReads() {
        List<String> p = List.of("/dana-na/", "na/");
        assertThat(scan(AhoCorasick.build(p), p, "/X/DANA-NA/")).containsExactlyInAnyOrder("/dana-na/@11", "na/@11");
    }

    @Test
    void wildcardPattern_shapes() {
        assertThat(WildcardPattern.parse("abc", false).shape()).isEqualTo(WildcardPattern.Shape.EXACT);
        assertThat(WildcardPattern.parse("", false).shape()).isEqualTo(WildcardPattern.Shape.EXACT);
        assertThat(WildcardPattern.parse("abc*", false).shape()).isEqualTo(WildcardPattern.Shape.PREFIX);
        assertThat(WildcardPattern.parse("**abc", false).shape()).isEqualTo(WildcardPattern.Shape.SUFFIX);
        assertThat(WildcardPattern.parse("*a\\*c*", false).shape()).isEqualTo(WildcardPattern.Shape.CONTAINS);
        assertThat(WildcardPattern.parse("*a\\*c*", false).literal()).isEqualTo("a*c");
        assertThat(WildcardPattern.parse("**", false).shape()).isEqualTo(WildcardPattern.Shape.ANY);
        assertThat(WildcardPattern.parse("a*b", false).shape()).isEqualTo(WildcardPattern.Shape.GLOB);
        assertThat(WildcardPattern.parse("*a?b*", false).shape()).isEqualTo(WildcardPattern.Shape.GLOB);
        assertThat(WildcardPattern.parse("*abc?de*fghij", false).longestLiteral()).isEqualTo("fghij");
    }

    @Test
    void wildcardPattern_refusesADanglingEscape_andLongSegmentsWithQuestionMarks() {
        assertThatThrownBy(() -> WildcardPattern.parse("abc\\", false)).hasMessageContaining("lone escape");
        assertThatThrownBy(() -> WildcardPattern.parse("*" + "?".repeat(300) + "*", false))
                .hasMessageContaining("at most 256 chars");
    }

    @Test
    void wildcardPattern_isLinearOnAdversarialValues() {
        WildcardPattern p = WildcardPattern.parse("*" + "a".repeat(2000) + "b*", false);
        assertThat(p.matches("a".repeat(200_000))).isFalse();
        assertThat(p.matches("a".repeat(200_000) + "b")).isTrue();
    }

    @Test
    void ipBytes_parsesV4AndV6_andRefusesTheRest() {
        byte[] b = new byte[16];
        assertThat(IpBytes.parse("192.168.1.20", b)).isEqualTo(4);
        assertThat(b[3]).isEqualTo((byte) 20);
        assertThat(IpBytes.parse("2001:db8::1", b)).isEqualTo(16);
        assertThat(b[0]).isEqualTo((byte) 0x20);
        assertThat(b[15]).isEqualTo((byte) 1);
        assertThat(IpBytes.parse("::ffff:10.0.0.7", b)).isEqualTo(16);
        assertThat(IpBytes.isV4Mapped(b)).isTrue();
        assertThat(IpBytes.parse("::", b)).isEqualTo(16);
        assertThat(IpBytes.parse("fe80::1%eth0", b)).isEqualTo(16);
        for (String bad : List.of("", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1:2:3:4:5:6:7:8:9", "1::2::3",
                ":1::", "1:", "12345::", "g::1", "::1.2.3", "1.2.3.4/8", "10.0.0.1 ")) {
            assertThat(IpBytes.parse(bad, b)).as(bad).isZero();
        }
        assertThat(IpBytes.parseNetwork("10.1.2.3/8", b)).isEqualTo(8);
        assertThat(b[1]).isZero(); // host bits cleared
        assertThat(IpBytes.parseNetwork("10.0.0.0/33", b)).isEqualTo(-1);
        assertThat(IpBytes.parseNetwork("2001:db8::/129", b)).isEqualTo(-1);
    }

    @Test
    void regexCost_multipliesNestedRepetitions() {
        assertThat(RegexCost.estimate("abc")).isEqualTo(3);
        assertThat(RegexCost.estimate("a{10}")).isEqualTo(10);
        assertThat(RegexCost.estimate("(ab){10}")).isEqualTo(20);
        assertThat(RegexCost.estimate("((a){10}){10}")).isEqualTo(100);
        assertThat(RegexCost.estimate("[a-z]{2,63}\\.")).isEqualTo(64);
        assertThatThrownBy(() -> RegexCost.check("((a{100}){100}){100}")).hasMessageContaining("too large");
    }
}
