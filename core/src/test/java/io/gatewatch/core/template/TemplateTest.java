package io.gatewatch.core.template;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TemplateTest {
    static String[] match(String spec, String text) {
        Template t = Template.compile(spec, n -> n.startsWith("ip") ? Pattern.IP : Pattern.DATA);
        int[] spans = new int[2 * t.captureCount()];
        if (!t.match(text, 0, text.length(), spans)) {
            return null;
        }
        String[] out = new String[t.captureCount()];
        for (int i = 0; i < out.length; i++) {
            out[i] = spans[2 * i] < 0 ? null : text.substring(spans[2 * i], spans[2 * i + 1]);
        }
        return out;
    }

    @Test
    void literalsAndPlaceholders_matchTheWholeText() {
        assertThat(match("Logout from {ip}", "Logout from 10.0.0.1")).containsExactly("10.0.0.1");
        assertThat(match("Logout from {ip}", "Logout from 10.0.0.1 extra")).isNull();
        assertThat(match("Logout from {ip}", "Login from 10.0.0.1")).isNull();
    }

    @Test
    void optionalGroups_takePartOrNot() {
        String spec = "Logout from {ip}[[ (session:{sid})]]";
        assertThat(match(spec, "Logout from 10.0.0.1 (session:abc)")).containsExactly("10.0.0.1", "abc");
        assertThat(match(spec, "Logout from 10.0.0.1")).containsExactly("10.0.0.1", null);
    }

    @Test
    void lazyData_backtracksToTheLastPossibleAnchor() {
        // grok DATA anchored at the end: the reason keeps its inner quotes.
        assertThat(match("reason '{r}'.", "reason 'it's not installed.'.")).containsExactly("it's not installed.");
    }

    @Test
    void ipPlaceholder_backtracksOutOfAPort() {
        assertThat(match("to {ip}:{port:number}", "to 5.6.7.8:162")).containsExactly("5.6.7.8", "162");
        assertThat(match("to {ip}:{port:number}", "to fe80::1:162")).containsExactly("fe80::1", "162");
    }

    @Test
    void typedPatterns() {
        assertThat(match("mac {m:mac}.", "mac 00-d8-61-35-80-81.")).containsExactly("00-d8-61-35-80-81");
        assertThat(match("mac {m:mac}.", "mac 00-d8-61.")).isNull();
        assertThat(match("u '{u:username}'", "u 'DOM\\bob'")).isNull();
        assertThat(match("url {u:uripathparam} {_:greedy}", "url /dana/js?prot=1&svc=4 came from IP")).containsExactly(
                "/dana/js?prot=1&svc=4", "came from IP");
        assertThat(match("host '{h:hostaddr}'", "host 'laptop-1.corp'")).containsExactly("laptop-1.corp");
        assertThat(match("n {n:number}", "n -1.5")).containsExactly("-1.5");
    }

    @Test
    void hostileInput_staysWithinTheStepBudget() {
        Template t = Template.compile("{a} x {b} x {c} x {d} y", n -> Pattern.DATA);
        String text = " x".repeat(5000);
        int[] spans = new int[8];
        assertThat(t.match(text, 0, text.length(), spans)).isFalse();
    }

    @Test
    void searchesAreChargedToTheBudget_evenWhenTheyFindNothing() {
        Template t = Template.compile("{a} NEEDLE", n -> Pattern.DATA);
        String hay = "x".repeat(4000);
        int r = t.matchWithin(hay, 0, hay.length(), new int[2], 100_000);
        assertThat(r).isNegative();
        assertThat(-1 - r).as("work charged for scanning 4000 characters").isGreaterThanOrEqualTo(1000);
    }

    @Test
    void aCallersBudget_boundsTheWork() {
        Template t = Template.compile("Host '{a}' failed on host '{b}' address '{c:mac}' reason '{d}'.", n -> Pattern.DATA);
        String text = "Host '" + "x' failed on host 'y' address '".repeat(110);
        for (int budget : new int[] {10, 500, 5_000}) {
            int r = t.matchWithin(text, 0, text.length(), new int[8], budget);
            assertThat(r).isNegative();
            assertThat(-1 - r).isLessThanOrEqualTo(budget);
        }
    }

    @Test
    void malformedSpecs_sayWhereAndWhy() {
        assertThatThrownBy(() -> Template.compile("a {b", n -> Pattern.DATA)).hasMessageContaining("unclosed '{' at 2");
        assertThatThrownBy(() -> Template.compile("a [[b", n -> Pattern.DATA)).hasMessageContaining("unclosed '[['");
        assertThatThrownBy(() -> Template.compile("{a}{b}", n -> Pattern.DATA)).hasMessageContaining("two placeholders");
        assertThatThrownBy(() -> Template.compile("{a:nope}", n -> Pattern.DATA)).hasMessageContaining("unknown pattern 'nope'");
    }
}
