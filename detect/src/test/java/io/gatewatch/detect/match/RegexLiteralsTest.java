package io.gatewatch.detect.match;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.junit.jupiter.api.Test;

/**
 * The literals a regex's matches must contain: what is found in usual rule regexes, what is
 * refused, and, on random regexes and texts, that RE2 never finds a match in a text that holds
 * none of them (the prefilter may only let too much through, never too little).
 */
class RegexLiteralsTest {
    @Test
    void literalRunsOfTheTopLevelSequence_theLongestWins() {
        assertThat(RegexLiterals.of("^/+dana-na/+\\.\\./", 3)).containsExactly("dana-na/");
        assertThat(RegexLiterals.of("^Mozilla/[45]\\.0 \\(compatible; MSIE [5-8]\\.", 3))
                .containsExactly(".0 (compatible; MSIE ");
        assertThat(RegexLiterals.of("abc\\bdefgh", 3)).containsExactly("defgh");
    }

    @Test
    void alternations_giveOneLiteralPerBranch() {
        assertThat(RegexLiterals.of("^(curl|Wget|python-requests)/", 3))
                .containsExactlyInAnyOrder("curl", "Wget", "python-requests");
        assertThat(RegexLiterals.of("/(etc/passwd|etc/shadow|proc/self/environ)", 3))
                .containsExactlyInAnyOrder("etc/passwd", "etc/shadow", "proc/self/environ");
        assertThat(RegexLiterals.of("(?i)(?:nmap|masscan)|zgrab", 3)).containsExactlyInAnyOrder("nmap", "masscan", "zgrab");
        assertThat(RegexLiterals.of("(?P<tool>nmap|zgrab)x", 3)).containsExactlyInAnyOrder("nmap", "zgrab");
    }

    @Test
    void optionalAtoms_doNotCount() {
        assertThat(RegexLiterals.of("abcd?", 3)).containsExactly("abc");
        assertThat(RegexLiterals.of("x(abcdef)?yz", 2)).containsExactly("yz");
        assertThat(RegexLiterals.of("(abcdef)*", 3)).isEmpty();
        assertThat(RegexLiterals.of("(abcdef){0,2}", 3)).isEmpty();
        assertThat(RegexLiterals.of("(abcdef){1,2}", 3)).containsExactly("abcdef");
        assertThat(RegexLiterals.of("ab+cde", 3)).containsExactly("cde");
        assertThat(RegexLiterals.of("(\\.\\./){3,}", 3)).containsExactly("../");
    }

    @Test
    void nothingToRequire_orSyntaxNotUnderstood_givesNothing() {
        assertThat(RegexLiterals.of("^[a-z]{1,2}[0-9]{5,}$", 3)).isEmpty();
        assertThat(RegexLiterals.of("abc|", 3)).isEmpty(); // the empty branch matches anything
        assertThat(RegexLiterals.of("abc|de", 3)).isEmpty(); // a branch too short to index
        assertThat(RegexLiterals.of("\\Qabc\\E", 3)).isEmpty();
        assertThat(RegexLiterals.of("abc\\x41def", 3)).isEmpty();
        assertThat(RegexLiterals.of("abc{", 3)).isEmpty();
        assertThat(RegexLiterals.of("é-long-ascii", 3)).containsExactly("-long-ascii");
        // RE2 applies a star after a flag group to the atom before the group: "bb" is optional.
        assertThat(RegexLiterals.of("bb{2}(?i)*A", 1)).isEmpty();
    }

    @Test
    void classesAndEscapesInside_areSkippedWhole() {
        assertThat(RegexLiterals.of("[]a-z|(]abcd", 3)).containsExactly("abcd");
        assertThat(RegexLiterals.of("[[:alpha:]]+wxyz", 3)).containsExactly("wxyz");
        assertThat(RegexLiterals.of("\\p{Greek}abcd\\pLefgh", 3)).containsExactly("abcd");
    }

    private static final String ATOMS = "abAB.";

    @Property(tries = 3000)
    void whenRe2FindsAMatch_theTextHoldsALiteral(@ForAll long seed) {
        Random rnd = new Random(seed);
        String regex = regex(rnd, 2);
        com.google.re2j.Pattern p;
        try {
            p = com.google.re2j.Pattern.compile(regex, rnd.nextBoolean() ? com.google.re2j.Pattern.CASE_INSENSITIVE : 0);
        } catch (com.google.re2j.PatternSyntaxException e) {
            return;
        }
        List<String> literals = RegexLiterals.of(regex, 1);
        if (literals.isEmpty()) {
            return;
        }
        for (int k = 0; k < 40; k++) {
            String text = text(rnd);
            if (p.matcher(text).find()) {
                String folded = Fold.fold(text);
                assertThat(literals).as("regex %s, text %s", regex, text)
                        .anyMatch(l -> folded.contains(Fold.fold(l)));
            }
        }
    }

    private static String regex(Random rnd, int depth) {
        StringBuilder sb = new StringBuilder();
        int n = 1 + rnd.nextInt(5);
        for (int i = 0; i < n; i++) {
            int r = rnd.nextInt(depth > 0 ? 12 : 9);
            switch (r) {
                case 0 -> sb.append('.');
                case 1 -> sb.append("[ab]");
                case 2 -> sb.append(rnd.nextBoolean() ? '^' : '$');
                case 3 -> sb.append("\\b");
                case 9 -> sb.append('(').append(regex(rnd, depth - 1)).append(')');
                case 10 -> sb.append("(?:").append(regex(rnd, depth - 1)).append('|').append(regex(rnd, depth - 1))
                        .append(')');
                case 11 -> sb.append("(?i)");
                default -> sb.append(ATOMS.charAt(rnd.nextInt(ATOMS.length() - 1)));
            }
            switch (rnd.nextInt(8)) {
                case 0 -> sb.append('?');
                case 1 -> sb.append('*');
                case 2 -> sb.append('+');
                case 3 -> sb.append("{").append(rnd.nextInt(3)).append(rnd.nextBoolean() ? ",}" : "}");
                default -> {
                }
            }
        }
        if (rnd.nextInt(4) == 0) {
            sb.append('|').append(regex(rnd, depth - 1));
        }
        return sb.toString();
    }

    private static String text(Random rnd) {
        String chars = "abAB.-\u212a";
        StringBuilder sb = new StringBuilder();
        int n = rnd.nextInt(8);
        for (int i = 0; i < n; i++) {
            sb.append(chars.charAt(rnd.nextInt(chars.length())));
        }
        return sb.toString();
    }
}
