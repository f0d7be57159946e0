package io.gatewatch.store.schema;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.lucene.analysis.Analyzer;
import org.apache.lucene.analysis.CharArraySet;
import org.apache.lucene.analysis.TokenStream;
import org.apache.lucene.analysis.standard.StandardAnalyzer;
import org.apache.lucene.analysis.tokenattributes.CharTermAttribute;
import org.apache.lucene.analysis.tokenattributes.OffsetAttribute;
import org.apache.lucene.analysis.tokenattributes.PositionIncrementAttribute;
import org.junit.jupiter.api.Test;

/** Our analysis gives exactly the words of Lucene's StandardAnalyzer without stop words. */
class TextAnalysisTest {
    private static final Analyzer OURS = TextAnalysis.analyzer();
    private static final Analyzer LUCENE = new StandardAnalyzer(CharArraySet.EMPTY_SET);

    @Property(tries = 3000)
    void sameWordsAsStandardAnalyzer(@ForAll("mixedText") String text) throws IOException {
        assertThat(words(OURS, text)).isEqualTo(words(LUCENE, text));
        assertThat(OURS.normalize("message", text)).isEqualTo(LUCENE.normalize("message", text));
    }

    @Property(tries = 1000)
    void sameWordsOnAnyString(@ForAll String text) throws IOException {
        assertThat(words(OURS, text)).isEqualTo(words(LUCENE, text));
        assertThat(OURS.normalize("message", text)).isEqualTo(LUCENE.normalize("message", text));
    }

    @Test
    void sameWordsOnEveryGoldenLogLine() throws IOException {
        int lines = 0;
        Path golden = Path.of("..", "core", "src", "test", "resources", "golden");
        try (DirectoryStream<Path> logs = Files.newDirectoryStream(golden, "*.log")) {
            for (Path log : logs) {
                for (String line : Files.readAllLines(log, StandardCharsets.UTF_8)) {
                    assertThat(words(OURS, line)).as(line).isEqualTo(words(LUCENE, line));
                    lines++;
                }
            }
        }
        assertThat(lines).isGreaterThan(500);
        // Words longer than 255 characters are cut as Lucene cuts them.
        String longWord = "Ab".repeat(300) + " x";
        assertThat(words(OURS, longWord)).isEqualTo(words(LUCENE, longWord)).hasSize(5); // and the end
    }

    /** Log-like text: ASCII words and separators, accents, Greek, Turkish İ, astral letters, CJK. */
    @Provide
    Arbitrary<String> mixedText() {
        return Arbitraries.of("A", "z", "Q", "0", "9", " ", ".", ",", ":", ";", "'", "_", "-", "/", "=", "\"", "\t",
                        "É", "é", "ß", "Σ", "ς", "İ", "ı", "𐐀", "𝐀", "漢", "カ", "\u0301", "\u200d", "🙂", "Ⅻ", "Ǆ")
                .list().ofMaxSize(40).map(parts -> String.join("", parts));
    }

    private static List<String> words(Analyzer analyzer, String text) throws IOException {
        List<String> out = new ArrayList<>();
        try (TokenStream ts = analyzer.tokenStream("message", text)) {
            CharTermAttribute term = ts.addAttribute(CharTermAttribute.class);
            OffsetAttribute offset = ts.addAttribute(OffsetAttribute.class);
            PositionIncrementAttribute inc = ts.addAttribute(PositionIncrementAttribute.class);
            ts.reset();
            while (ts.incrementToken()) {
                out.add(term + "@" + offset.startOffset() + "-" + offset.endOffset() + "+" + inc.getPositionIncrement());
            }
            ts.end();
            out.add("end@" + offset.endOffset() + "+" + inc.getPositionIncrement());
        }
        return out;
    }
}
