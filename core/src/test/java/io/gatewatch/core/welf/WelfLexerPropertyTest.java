package io.gatewatch.core.welf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/** Generated WELF lines lex back to the pairs they were written from. */
class WelfLexerPropertyTest {
    record Pair(String key, String value, boolean quoted) {}

    @Provide
    Arbitrary<List<Pair>> lines() {
        Arbitrary<String> keys = Arbitraries.strings().withCharRange('a', 'z').withChars('_', '.', '-')
                .ofMinLength(1).ofMaxLength(12);
        // Value text: words with spaces, quotes, backslashes, '=' and non-ASCII; trimmed like the lexer trims.
        Arbitrary<String> words = Arbitraries.strings()
                .withCharRange('a', 'z').withCharRange('0', '9')
                .withChars('\\', '\'', ':', '/', '(', ')', '[', ']', 'é', 'ü', '中', '%', '?', '&')
                .ofMinLength(0).ofMaxLength(10);
        Arbitrary<String> text = words.list().ofMinSize(0).ofMaxSize(5).map(ws -> String.join(" ", ws).strip());
        Arbitrary<Pair> pair = Combinators.combine(keys, text, Arbitraries.of(true, false))
                .as(Pair::new);
        return pair.list().ofMinSize(1).ofMaxSize(20).uniqueElements(Pair::key);
    }

    @Property(tries = 500)
    void generatedPairsRoundTrip(@ForAll("lines") List<Pair> pairs) {
        StringBuilder line = new StringBuilder();
        for (Pair p : pairs) {
            if (line.length() > 0) {
                line.append(' ');
            }
            line.append(p.key()).append('=');
            if (p.quoted()) {
                line.append('"').append(p.value()).append('"');
            } else {
                line.append(p.value());
            }
        }
        byte[] b = line.toString().getBytes(StandardCharsets.UTF_8);
        WelfTokens t = new WelfTokens();
        WelfLexer.lex(b, 0, b.length, t);
        Map<String, String> got = new LinkedHashMap<>();
        for (int i = 0; i < t.size(); i++) {
            got.put(t.key(i), t.value(i));
        }
        Map<String, String> expected = new LinkedHashMap<>();
        for (Pair p : pairs) {
            expected.put(p.key(), p.value());
        }
        assertThat(got).as("line: %s", line).isEqualTo(expected);
    }

    @Property(tries = 1000)
    void anyBytesLexWithoutThrowingAndSpansStayInRange(@ForAll byte[] bytes) {
        WelfTokens t = new WelfTokens();
        WelfLexer.lex(bytes, 0, bytes.length, t);
        List<String> values = new ArrayList<>();
        for (int i = 0; i < t.size(); i++) {
            values.add(t.key(i));
            values.add(t.value(i));
        }
        assertThat(t.size()).isLessThanOrEqualTo(WelfTokens.MAX_PAIRS);
    }
}
