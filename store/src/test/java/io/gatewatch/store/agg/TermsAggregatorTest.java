package io.gatewatch.store.agg;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.store.agg.ReferenceTerms.Counted;
import io.gatewatch.store.agg.TestPartitions.Doc;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.Function;
import java.util.function.Predicate;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.TermQuery;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TermsAggregatorTest {
    @TempDir
    Path dir;

    TestPartitions partitions;

    @BeforeEach
    void setUp() {
        partitions = new TestPartitions(dir);
    }

    @AfterEach
    void tearDown() throws IOException {
        partitions.close();
    }

    private static AggregationResult.Value terms(IndexSearcher searcher, Query query, String field, int size)
            throws IOException {
        AggregationResult r = Aggregations.run(searcher, query, List.of(new AggSpec.Terms("t", field, size, List.of())),
                System.nanoTime());
        return r.values().get("t");
    }

    private static List<Doc> flat(List<List<Doc>> segments) {
        return segments.stream().flatMap(List::stream).toList();
    }

    @Test
    void countsAcrossTheSegmentsOfOnePartitionWithTheRestAsOther() throws Exception {
        // a.a.a.a in all three segments, b only in the first and last, c and d once each.
        List<List<Doc>> segments = List.of(
                List.of(Doc.of("10.0.0.1", "alice", "A"), Doc.of("10.0.0.2", "bob", "A"), Doc.of("10.0.0.3", "carol", "B")),
                List.of(Doc.of("10.0.0.1", "alice", "A"), Doc.of("10.0.0.4", "alice", "B")),
                List.of(Doc.of("10.0.0.1", "bob", "A"), Doc.of("10.0.0.2", "bob", "A"), Doc.of("10.0.0.1", "dave", "B")));
        DirectoryReader reader = partitions.add(segments);
        assertThat(reader.leaves()).hasSize(3);

        var ips = ReferenceTerms.of(terms(partitions.searcher(), new MatchAllDocsQuery(), "source.ip", 2));
        assertThat(ips.buckets()).containsExactly(new Counted("10.0.0.1", 4), new Counted("10.0.0.2", 2));
        assertThat(ips.other()).isEqualTo(2);

        var users = ReferenceTerms.of(terms(partitions.searcher(), new TermQuery(new Term("event.code", "A")),
                "user.name", 10));
        assertThat(users.buckets()).containsExactly(new Counted("bob", 3), new Counted("alice", 2));
        assertThat(users.other()).isZero();
    }

    @Test
    void sumsATermOverPartitionsItAppearsInAndNowhereElse() throws Exception {
        partitions.add(List.of(List.of(Doc.of("10.0.0.9", "u", "A"), Doc.of("10.0.0.1", "u", "A")),
                List.of(Doc.of("10.0.0.9", "u", "A"))));
        partitions.add(List.of(List.of(Doc.of("10.0.0.1", "u", "A"), Doc.of("10.0.0.1", "u", "A"))));
        partitions.add(List.of(List.of(Doc.of("10.0.0.5", "u", "A")),
                List.of(Doc.of("10.0.0.9", "u", "A"), Doc.of("10.0.0.5", "u", "A"), Doc.of("10.0.0.5", "u", "A"))));

        var ips = ReferenceTerms.of(terms(partitions.searcher(), new MatchAllDocsQuery(), "source.ip", 10));
        assertThat(ips.buckets()).containsExactly(
                new Counted("10.0.0.1", 3), new Counted("10.0.0.5", 3), new Counted("10.0.0.9", 3));
        assertThat(ips.other()).isZero();
    }

    @Test
    void breaksTiesByKeyAscendingAndCountsTheCutOnesAsOther() throws Exception {
        List<Doc> docs = new ArrayList<>();
        for (String ip : List.of("10.0.0.7", "10.0.0.30", "10.0.0.4", "10.0.0.200", "10.0.0.11", "10.0.0.5")) {
            docs.add(Doc.of(ip, "u", "A"));
            docs.add(Doc.of(ip, "u", "A"));
        }
        docs.add(Doc.of("9.9.9.9", "u", "A"));
        // Spread over two partitions so the merge, not only one partition's scan, breaks the ties.
        partitions.add(List.of(docs.subList(0, 5), docs.subList(5, 9)));
        partitions.add(List.of(docs.subList(9, docs.size())));

        var ips = ReferenceTerms.of(terms(partitions.searcher(), new MatchAllDocsQuery(), "source.ip", 3));
        assertThat(ips.buckets()).containsExactly(
                new Counted("10.0.0.11", 2), new Counted("10.0.0.200", 2), new Counted("10.0.0.30", 2));
        assertThat(ips.other()).isEqualTo(13 - 6);
    }

    @Test
    void breaksTiesInOnePartitionAsStringsDoWhereByteOrderDiffers() throws Exception {
        // A supplementary character sorts after U+FB01 in byte (code point) order, before it as a string.
        String bmp = "x\uFB01";
        String supplementary = "x\uD83D\uDE00";
        partitions.add(List.of(List.of(Doc.of(null, "b", "A"), Doc.of(null, supplementary, "A")),
                List.of(Doc.of(null, bmp, "A"), Doc.of(null, "a", "A"))));

        var users = ReferenceTerms.of(terms(partitions.searcher(), new MatchAllDocsQuery(), "user.name", 3));
        assertThat(supplementary.compareTo(bmp)).isNegative();
        assertThat(users.buckets()).containsExactly(
                new Counted("a", 1), new Counted("b", 1), new Counted(supplementary, 1));
        assertThat(users.other()).isEqualTo(1);
    }

    @Test
    void countsIpv6AddressesByTheirCanonicalText() throws Exception {
        partitions.add(List.of(
                List.of(Doc.of("2001:db8::1", "u", "A"), Doc.of("2001:db8::1", "u", "A"), Doc.of("10.0.0.1", "u", "A")),
                List.of(Doc.of("fe80::1", "u", "A"), Doc.of("2001:db8::1", "u", "A"))));
        partitions.add(List.of(List.of(Doc.of("fe80::1", "u", "A"), Doc.of("::1", "u", "A"))));

        var ips = ReferenceTerms.of(terms(partitions.searcher(), new MatchAllDocsQuery(), "source.ip", 10));
        assertThat(ips.buckets()).containsExactly(new Counted("2001:db8::1", 3), new Counted("fe80::1", 2),
                new Counted("10.0.0.1", 1), new Counted("::1", 1));
    }

    @Test
    void toleratesTheFieldMissingInSomeSegmentsAndWholePartitions() throws Exception {
        partitions.add(List.of(
                List.of(Doc.of(null, "u", "A"), Doc.of(null, "v", "A")),
                List.of(Doc.of("10.0.0.1", "u", "A"), Doc.of(null, "u", "A")),
                List.of(Doc.of(null, null, "A"))));
        partitions.add(List.of(List.of(Doc.of(null, "w", "A"))));
        partitions.add(List.of(List.of(Doc.of(null, "w", "A")), List.of(Doc.of("10.0.0.1", null, "A"))));

        var ips = ReferenceTerms.of(terms(partitions.searcher(), new MatchAllDocsQuery(), "source.ip", 10));
        assertThat(ips.buckets()).containsExactly(new Counted("10.0.0.1", 2));
        assertThat(ips.other()).isZero();

        var none = ReferenceTerms.of(terms(partitions.searcher(), new MatchAllDocsQuery(), "no.such.field", 10));
        assertThat(none.buckets()).isEmpty();
        assertThat(none.other()).isZero();

        var nothingMatches = ReferenceTerms.of(terms(partitions.searcher(),
                new TermQuery(new Term("event.code", "Z")), "source.ip", 10));
        assertThat(nothingMatches.buckets()).isEmpty();
    }

    @Test
    void countsEachValueOfAMultiValuedFieldOncePerDocument() throws Exception {
        partitions.add(List.of(List.of(
                new Doc(List.of("10.0.0.1", "10.0.0.2", "10.0.0.1"), List.of("u"), "A", List.of()),
                new Doc(List.of("10.0.0.2"), List.of("u"), "A", List.of()))));

        var ips = ReferenceTerms.of(terms(partitions.searcher(), new MatchAllDocsQuery(), "source.ip", 1));
        assertThat(ips.buckets()).containsExactly(new Counted("10.0.0.2", 2));
        assertThat(ips.other()).isEqualTo(1);
    }

    @Test
    void numbersKeepRankingTiesByTheirDecimalText() throws Exception {
        partitions.add(List.of(List.of(
                new Doc(List.of(), List.of(), "A", List.of(9L)),
                new Doc(List.of(), List.of(), "A", List.of(10L)),
                new Doc(List.of(), List.of(), "A", List.of(443L, 443L)),
                new Doc(List.of(), List.of(), "A", List.of(443L)))));

        var ports = ReferenceTerms.of(terms(partitions.searcher(), new MatchAllDocsQuery(), "source.port", 2));
        assertThat(ports.buckets()).containsExactly(new Counted(443L, 3), new Counted(10L, 1));
        assertThat(ports.other()).isEqualTo(1);
    }

    @Test
    void subAggregationsFindTheTopUsersOfEachTopAddress() throws Exception {
        List<List<Doc>> p1 = List.of(
                List.of(Doc.of("10.0.0.1", "alice", "A"), Doc.of("10.0.0.1", "alice", "A"), Doc.of("10.0.0.2", "bob", "A")),
                List.of(Doc.of("10.0.0.1", "bob", "A"), Doc.of("10.0.0.3", "carol", "A")));
        List<List<Doc>> p2 = List.of(
                List.of(Doc.of("10.0.0.2", "bob", "A"), Doc.of("10.0.0.2", "dave", "A"), Doc.of("10.0.0.1", "erin", "A")));
        partitions.add(p1);
        partitions.add(p2);
        List<Doc> all = new ArrayList<>(flat(p1));
        all.addAll(flat(p2));

        AggregationResult r = Aggregations.run(partitions.searcher(), new MatchAllDocsQuery(), List.of(
                new AggSpec.Terms("ips", "source.ip", 2, List.of(new AggSpec.Terms("users", "user.name", 2, List.of())))),
                System.nanoTime());

        var ips = (AggregationResult.Buckets) r.values().get("ips");
        assertThat(ips.buckets()).extracting(AggregationResult.Bucket::key).containsExactly("10.0.0.1", "10.0.0.2");
        for (AggregationResult.Bucket b : ips.buckets()) {
            var expected = ReferenceTerms.top(all, d -> d.ips().contains(b.key()), Doc::users, 2);
            assertThat(ReferenceTerms.of(b.subs().get("users"))).as("users of %s", b.key()).isEqualTo(expected);
        }
        assertThat(ReferenceTerms.of(ips.buckets().getFirst().subs().get("users")).buckets())
                .containsExactly(new Counted("alice", 2), new Counted("bob", 1));
    }

    @Test
    void agreesWithAStraightforwardCountOnRandomPartitions() throws Exception {
        Random random = new Random(20240611L);
        for (int round = 0; round < 12; round++) {
            try (TestPartitions round_ = new TestPartitions(dir.resolve("round" + round))) {
                List<Doc> all = new ArrayList<>();
                int partitionCount = 1 + random.nextInt(4);
                for (int p = 0; p < partitionCount; p++) {
                    List<List<Doc>> segments = new ArrayList<>();
                    int segmentCount = 1 + random.nextInt(5);
                    for (int s = 0; s < segmentCount; s++) {
                        boolean hasIps = random.nextInt(5) != 0;
                        List<Doc> docs = new ArrayList<>();
                        for (int i = 0, n = 1 + random.nextInt(300); i < n; i++) {
                            docs.add(randomDoc(random, hasIps));
                        }
                        segments.add(docs);
                        all.addAll(docs);
                    }
                    round_.add(segments);
                }
                IndexSearcher searcher = round_.searcher();
                for (String code : new String[] {null, "A"}) {
                    Query query = code == null ? new MatchAllDocsQuery() : new TermQuery(new Term("event.code", code));
                    Predicate<Doc> matches = d -> code == null || code.equals(d.code());
                    for (int size : new int[] {1, 3, 10, 1000}) {
                        check(searcher, query, matches, "source.ip", Doc::ips, size, all, round);
                        check(searcher, query, matches, "user.name", Doc::users, size, all, round);
                        check(searcher, query, matches, "source.port", Doc::ports, size, all, round);
                    }
                }
            }
        }
    }

    private static void check(IndexSearcher searcher, Query query, Predicate<Doc> matches, String field,
            Function<Doc, List<?>> values, int size, List<Doc> all, int round) throws IOException {
        var expected = ReferenceTerms.top(all, matches, values, size);
        assertThat(ReferenceTerms.of(terms(searcher, query, field, size)))
                .as("round %d, %s top %d of %s", round, field, size, query)
                .isEqualTo(expected);
    }

    /** Skewed values with many ties: a few hot addresses, a long tail, some IPv6 and odd characters. */
    private static Doc randomDoc(Random random, boolean hasIps) {
        List<String> ips = new ArrayList<>();
        if (hasIps) {
            for (int i = 0, n = random.nextInt(10) == 0 ? 2 : random.nextInt(8) == 0 ? 0 : 1; i < n; i++) {
                ips.add(switch (random.nextInt(4)) {
                    case 0 -> "10.0.0." + random.nextInt(4);
                    case 1 -> "2001:db8::" + Integer.toHexString(random.nextInt(40));
                    default -> "192.168." + random.nextInt(8) + "." + random.nextInt(64);
                });
            }
        }
        String[] odd = {"\uFB01", "\uD83D\uDE00", "\u00e9", "\uE000", "\uD800\uDC00"};
        List<String> users = random.nextInt(6) == 0 ? List.of()
                : List.of("u" + random.nextInt(12) + (random.nextInt(3) == 0 ? odd[random.nextInt(odd.length)] : ""));
        List<Long> ports = random.nextInt(4) == 0 ? List.of() : List.of((long) random.nextInt(30));
        return new Doc(ips, users, random.nextBoolean() ? "A" : "B", ports);
    }

    @Test
    void fieldsWithoutDocValues_areRefusedBeforeAnyWork_nestedOnesToo() throws IOException {
        partitions.add(List.of(List.of(Doc.of("10.0.0.1", "alice", "A"))));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> Aggregations.run(partitions.searcher(),
                new MatchAllDocsQuery(), List.of(new AggSpec.Terms("ips", "source.ip", 2,
                        List.of(new AggSpec.Terms("reasons", "event.reason", 2, List.of())))), System.nanoTime()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("cannot aggregate on event.reason: ");
    }
}
