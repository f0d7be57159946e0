package io.gatewatch.store.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.junit.jupiter.api.Test;

class LoneSurrogatesTest {
    /** The rule is the JDK encoder's: what {@code getBytes(UTF_8)} turns into '?'. */
    @Property(tries = 2_000)
    void replacesWhatTheJdkEncoderReplaces(@ForAll("surrogateHeavy") String s) {
        assertThat(LoneSurrogates.replace(s)).isEqualTo(new String(s.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8));
    }

    @Test
    void keepsPairsAndTextWithoutSurrogatesAsTheyAre() {
        String plain = "labels.source_ip é \ufffd";
        assertThat(LoneSurrogates.replace(plain)).isSameAs(plain);
        assertThat(LoneSurrogates.replace("a𝄞b")).isEqualTo("a𝄞b");
        assertThat(LoneSurrogates.replace("\udc00a\ud834")).isEqualTo("?a?");
        assertThat(LoneSurrogates.replace("\ud834\ud834\udd1e")).isEqualTo("?𝄞");
    }

    @Provide
    Arbitrary<String> surrogateHeavy() {
        return Arbitraries.strings().withChars('a', '?', '\ufffd', '\ud834', '\udd1e', '\udbff', '\udc00').ofMaxLength(12);
    }
}
