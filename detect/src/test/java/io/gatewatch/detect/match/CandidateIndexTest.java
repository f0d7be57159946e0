package io.gatewatch.detect.match;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The required-literal index: an event only reaches the rules it could match, so the work per
 * event does not grow with the number of rules that cannot match it.
 */
class CandidateIndexTest {
    private static Expr code(String code) {
        return new Expr.Test(new Predicate.Matches("event.code", code, false));
    }

    private static Expr test(Predicate p) {
        return new Expr.Test(p);
    }

    private static EcsEvent event(String code, String url) {
        EcsEvent e = new EcsEvent();
        e.set(EcsField.EVENT_CODE, code);
        e.set(EcsField.URL_ORIGINAL, url);
        return e;
    }

    @Test
    void aRuleNeedingAnEventCode_isOnlyEvaluatedOnEventsWithIt() {
        Expr logCleared = new Expr.And(List.of(code("ADM20599"),
                test(new Predicate.Regex("message", "cleared", false, false, false))));
        CompiledRules rules = CompiledRules.compile(List.of(logCleared));
        RuleMatcher m = rules.newMatcher();
        for (int i = 0; i < 100; i++) {
            m.match(event("AUT24414", "/x"));
        }
        assertThat(m.evaluations()).isZero();
        EcsEvent cleared = event("ADM20599", "/x");
        cleared.set(EcsField.MESSAGE, "ADM20599: Events log cleared");
        assertThat(m.match(cleared)).containsExactly(0);
        assertThat(m.evaluations()).isEqualTo(1);
        assertThat(rules.unindexedRules()).isZero();
    }

    @Test
    void aConjunction_isOnlyEvaluatedWhenBothOfItsIndexedPartsHit() {
        // The code and the regex's literal "cleared" must both be found: the code alone is not enough.
        Expr logCleared = new Expr.And(List.of(code("ADM20599"),
                test(new Predicate.Regex("message", "log cleared$", false, false, false))));
        RuleMatcher m = CompiledRules.compile(List.of(logCleared)).newMatcher();
        EcsEvent other = event("ADM20599", "/x");
        other.set(EcsField.MESSAGE, "ADM20599: something else");
        assertThat(m.match(other)).isEmpty();
        assertThat(m.evaluations()).isZero();
        EcsEvent cleared = event("ADM20599", "/x");
        cleared.set(EcsField.MESSAGE, "ADM20599: Events log cleared");
        assertThat(m.match(cleared)).containsExactly(0);
        assertThat(m.evaluations()).isEqualTo(1);
    }

    @Test
    void workPerEvent_doesNotGrowWithRulesThatCannotMatch() {
        List<Expr> rules = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            // Real rule shapes: a code, or a URL pattern, or a glob, with a regex or a negation.
            rules.add(switch (i % 4) {
                case 0 -> new Expr.And(List.of(code("ADM" + (20000 + i)),
                        test(new Predicate.Regex("message", "x" + i, true, false, false))));
                case 1 -> new Expr.And(List.of(
                        test(new Predicate.Matches("url.original", "*/api/v" + i + "/*", false)),
                        new Expr.Not(code("AUT" + i))));
                case 2 -> new Expr.Or(List.of(code("SYS" + i), test(new Predicate.Matches("url.original", "/dana" + i + "*",
                        false))));
                default -> test(new Predicate.Matches("url.original", "*/a?b/cgi" + i + "/*.cgi", false));
            });
        }
        CompiledRules compiled = CompiledRules.compile(rules);
        assertThat(compiled.unindexedRules()).isZero();
        RuleMatcher m = compiled.newMatcher();
        m.match(event("AUT00001", "/dana-na/auth/url_default/welcome.cgi"));
        assertThat(m.evaluations()).isZero();
        int[] hit = m.match(event("ADM20004", "/api/v5/x"));
        // Two candidates (rule 4 by its code, rule 5 by its URL); rule 5 matches.
        assertThat(m.evaluations()).isEqualTo(2);
        assertThat(hit).containsExactly(5);
    }

    @Test
    void negatedRules_haveNoWitness_andAreEvaluatedOnEveryEvent() {
        CompiledRules rules = CompiledRules.compile(List.of(new Expr.Not(code("ADM20599"))));
        assertThat(rules.unindexedRules()).isEqualTo(1);
        RuleMatcher m = rules.newMatcher();
        assertThat(m.match(event("AUT1", "/"))).containsExactly(0);
        assertThat(m.match(event("ADM20599", "/"))).isEmpty();
    }

    @Test
    void sharedPredicates_areOneLeaf() {
        List<Expr> rules = List.of(
                new Expr.And(List.of(code("ADM20599"), test(new Predicate.Exists("user.name")))),
                new Expr.And(List.of(code("adm20599"), test(new Predicate.Exists("user.name")))));
        // Case differs, so the equality predicates differ; the presence test is shared.
        assertThat(CompiledRules.compile(rules).leafCount()).isEqualTo(3);
    }
}
