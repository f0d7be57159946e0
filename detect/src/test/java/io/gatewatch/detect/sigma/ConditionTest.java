package io.gatewatch.detect.sigma;

import static io.gatewatch.detect.sigma.TestRules.error;
import static io.gatewatch.detect.sigma.TestRules.event;
import static io.gatewatch.detect.sigma.TestRules.matches;
import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.ecs.EcsEvent;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The condition language (rules specification, "Condition"): operators, precedence, the
 * {@code x of} forms, and errors that say where.
 */
class ConditionTest {
    /** Search identifiers a, b, c: each true when the user name contains its letter. */
    private static String rule(String condition) {
        return """
                sel_a:
                  user.name|contains: a
                sel_b:
                  user.name|contains: b
                sel_c:
                  user.name|contains: c
                _hidden:
                  user.name|contains: z
                condition: %s
                """.formatted(condition);
    }

    private static boolean eval(String condition, String user) {
        return matches(rule(condition), event("user.name", user));
    }

    @ParameterizedTest(name = "{0} on ''{1}'' is {2}")
    @CsvSource(delimiter = ';', value = {
        "sel_a and sel_b; ab; true",
        "sel_a and sel_b; a; false",
        "sel_a or sel_b; b; true",
        "not sel_a; b; true",
        "not sel_a; a; false",
        // or binds loosest, then and, then not
        "sel_a or sel_b and sel_c; a; true",
        "sel_a or sel_b and sel_c; b; false",
        "(sel_a or sel_b) and sel_c; b; false",
        "(sel_a or sel_b) and sel_c; bc; true",
        "not sel_a and sel_b; b; true",
        "not sel_a and sel_b; ab; false",
        "not (sel_a and sel_b); a; true",
        "not not sel_a; a; true",
        "NOT sel_a AND sel_b; b; true",
        "1 of sel_*; c; true",
        "1 of sel_*; x; false",
        "any of sel_*; b; true",
        "all of sel_*; abc; true",
        "all of sel_*; ab; false",
        "1 of sel_a*; a; true",
        "1 of *_b; b; true",
        "all of *a; a; true",
        "1 of them; c; true",
        "1 of them; z; false",
        "all of them; abc; true",
        "all of sel_* and not 1 of _hid*; abc; true",
        "all of sel_* and not 1 of _hid*; abcz; false",
        "((((sel_a)))); a; true",
    })
    void conditions(String condition, String user, boolean expected) {
        assertThat(eval(condition, user)).isEqualTo(expected);
    }

    @Test
    void aListOfConditions_isOr() {
        String rule = """
                a:
                  user.name: alice
                b:
                  user.name: bob
                condition:
                  - a
                  - b
                """;
        assertThat(matches(rule, event("user.name", "bob"))).isTrue();
        assertThat(matches(rule, event("user.name", "carol"))).isFalse();
    }

    @Test
    void identifiersMayRepeat_andBeShared() {
        String rule = """
                a:
                  user.name: alice
                condition: a and (a or not a)
                """;
        EcsEvent alice = event("user.name", "alice");
        assertThat(matches(rule, alice)).isTrue();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = ';', value = {
        "sel_a and nope; 13: condition, at char 11: unknown search identifier 'nope'",
        "sel_a and; 13: condition, at char 10: expected a search identifier, 'not', '(' or '1 of' at the end",
        "(sel_a or sel_b; 13: condition, at char 16: expected ')' to close the '(' at 1",
        "sel_a) ; 13: condition, at char 6: unbalanced ')'",
        "sel_a sel_b; 13: condition, at char 7: expected 'and', 'or' or the end, found 'sel_b'",
        "1 of foo*; 13: condition, at char 6: no search identifier matches 'foo*'",
        "sel_a | count() > 5; 13: condition, at char 7: aggregations ('| count() ...') are obsolete: write a correlation rule",
        "'''| count() > 5'''; 13: condition, at char 1: aggregations ('| count() ...') are obsolete: write a correlation rule",
        "and sel_a; 13: condition, at char 1: expected a search identifier, found 'and'",
        "all of; 13: condition, at char 7: expected a search identifier pattern or 'them' after 'of' at the end",
        "sel_a and of; 13: condition, at char 11: expected a search identifier, found 'of'",
    })
    void badConditions_sayWhereAndWhy(String condition, String expected) {
        assertThat(error(rule(condition))).isEqualTo(expected);
    }

    @Test
    void anEmptyCondition_isAnError() {
        assertThat(error(rule("''"))).isEqualTo("13: empty condition");
    }

    @Test
    void deepNesting_isBounded() {
        String deep = "(".repeat(100) + "sel_a" + ")".repeat(100);
        assertThat(error(rule(deep))).contains("nested deeper than 64 levels");
    }

    @Test
    void aMissingCondition_isAnError() {
        assertThat(error("""
                a:
                  user.name: alice
                """)).isEqualTo("4: detection has no 'condition'");
    }
}
