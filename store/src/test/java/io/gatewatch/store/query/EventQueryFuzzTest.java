package io.gatewatch.store.query;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.Size;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.Query;
import org.apache.lucene.store.ByteBuffersDirectory;

/**
 * Queries are untrusted: whatever the text, compiling it either succeeds or throws a
 * {@link QuerySyntaxException} pointing inside the text, quickly, and a compiled query runs on
 * an index laid out like the store's without failing.
 */
class EventQueryFuzzTest {
    static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");
    /** Far above any real cost (a few milliseconds); only a runaway would reach it. */
    static final long SLOW_MILLIS = 5_000;

    static final List<String> VALID = List.of(
            "user.name:admin AND source.ip:10.0.0.0/8",
            "event.type:connection AND NOT action.outcome:failure AND destination.domain:evil*",
            "sekoiaio.intake.parsing_status:\"success\" AND NOT(sekoiaio.intake.dialect:\"apache\" OR sekoiaio.intake.dialect:\"nginx\")",
            "\"login failed\" -user.name:root",
            "source.ip:\"2001:db8::/32\" OR source.ip:2001\\:db8\\:\\:1",
            "source.port:[1 TO 1024} AND @timestamp:[now-7d/d TO now]",
            "@timestamp:>=2026-11-23T10:00:00+01:00 && event.code:(AUT24803 OR AUT24804)",
            "user.name:/adm(in|inistrator)/ || _exists_:error.message",
            "source.ip:[10.0.0.0 TO 10.255.255.255] !source.port:>1024",
            "source.ip:10.0.* message:fail* url.original.text:dana",
            "(a OR (b AND (c OR -d))) e:*");

    static ByteBuffersDirectory directory;
    static DirectoryReader reader;
    static IndexSearcher searcher;

    @BeforeContainer
    static void index() throws IOException {
        directory = new ByteBuffersDirectory();
        EventQueryIndexTest.addEvents(directory);
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
    }

    @AfterContainer
    static void close() throws IOException {
        reader.close();
        directory.close();
    }

    /** Compiles and runs {@code text}; fails on anything but a well-formed refusal, or on slowness. */
    static void check(String text) {
        long started = System.nanoTime();
        try {
            Query query = EventQueries.compile(text, NOW);
            searcher.count(query);
        } catch (QuerySyntaxException e) {
            assertThat(e.position()).as("position for %s", text).isBetween(0, text.length());
            assertThat(e.reason()).isNotBlank();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        long millis = (System.nanoTime() - started) / 1_000_000;
        assertThat(millis).as("milliseconds for %s", text).isLessThan(SLOW_MILLIS);
    }

    @Property(tries = 3000)
    void anyText(@ForAll @Size(max = 300) String text) {
        check(text);
    }

    @Property(tries = 5000)
    void queryLikeText(@ForAll("queryPieces") String text) {
        check(text);
    }

    @Provide
    Arbitrary<String> queryPieces() {
        Arbitrary<String> piece = Arbitraries.frequencyOf(
                net.jqwik.api.Tuple.of(6, Arbitraries.of(
                        "AND", "OR", "NOT", " TO ", "now", "now-1d/d", "/d", "-7d", "_exists_", "_source", "*", "?",
                        ":", "\"", "(", ")", "[", "]", "{", "}", "/", "\\", "-", "+", "!", "&&", "||", "~", "^",
                        ">", ">=", "<", "<=", " ", "  ", "\t", "source.ip", "source.port", "@timestamp", "message",
                        "message.keyword", "user.name", "event.ingested", "_id", "10.0.0.1", "10.0.", "2001:db8::1",
                        "::ffff:1.2.3.4", "/8", "/129", "2026-11-23", "T10:00:00Z", "+01:00", "-5",
                        "9223372036854775807", "{999}", "{1,1000}", ".*", "é", "😀", "\u0000", "\ud800")),
                net.jqwik.api.Tuple.of(2, Arbitraries.strings().alpha().numeric().ofMaxLength(5)));
        return piece.list().ofMaxSize(40).map(pieces -> String.join("", pieces));
    }

    @Property(tries = 200)
    void deepAndWideStructures(@ForAll("structures") String text) {
        check(text);
    }

    @Provide
    Arbitrary<String> structures() {
        Arbitrary<Integer> n = Arbitraries.integers().between(1, 2000);
        return Arbitraries.oneOf(
                n.map(k -> "(".repeat(k) + "a" + ")".repeat(k)),
                n.map(k -> "NOT ".repeat(k) + "a"),
                n.map(k -> "-a OR ".repeat(k) + "b"),
                n.map(k -> "a:(".repeat(k)),
                n.map(k -> "user.name:/" + "(a{9})".repeat(k % 200) + "/"),
                n.map(k -> "message:" + "w-".repeat(k)),
                n.map(k -> "\"".repeat(k)),
                n.map(k -> "\\".repeat(k)));
    }

    @Property(tries = 50)
    void validSeedsCompile(@ForAll("seeds") String seed) {
        assertThat(EventQueries.compile(seed, NOW)).isNotNull();
    }

    @Provide
    Arbitrary<String> seeds() {
        return Arbitraries.of(VALID);
    }

    /** Mutations of valid queries: cuts, inserted specials, duplicated and swapped slices. */
    @Property(tries = 1)
    void mutationsOfValidQueries() {
        Random random = new Random(20261124);
        String specials = "\"\\()[]{}:*?/-+!&|~^<>= \t";
        for (int round = 0; round < 20_000; round++) {
            StringBuilder q = new StringBuilder(VALID.get(random.nextInt(VALID.size())));
            int edits = 1 + random.nextInt(4);
            for (int e = 0; e < edits && !q.isEmpty(); e++) {
                int at = random.nextInt(q.length());
                switch (random.nextInt(5)) {
                    case 0 -> q.deleteCharAt(at);
                    case 1 -> q.insert(at, specials.charAt(random.nextInt(specials.length())));
                    case 2 -> q.setLength(at);
                    case 3 -> {
                        int end = Math.min(q.length(), at + 1 + random.nextInt(12));
                        q.insert(at, q.substring(at, end));
                    }
                    default -> {
                        int other = random.nextInt(q.length());
                        char c = q.charAt(at);
                        q.setCharAt(at, q.charAt(other));
                        q.setCharAt(other, c);
                    }
                }
            }
            check(q.toString());
        }
    }
}
