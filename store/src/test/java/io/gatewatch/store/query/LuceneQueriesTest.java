package io.gatewatch.store.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.journal.JournalRecord;
import io.gatewatch.store.schema.ExactFingerprint;
import java.net.InetAddress;
import java.time.Instant;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.index.Term;
import org.apache.lucene.search.BooleanClause.Occur;
import org.apache.lucene.search.BooleanQuery;
import org.apache.lucene.search.FieldExistsQuery;
import org.apache.lucene.search.MatchAllDocsQuery;
import org.apache.lucene.search.MatchNoDocsQuery;
import org.apache.lucene.search.PhraseQuery;
import org.apache.lucene.search.PrefixQuery;
import org.apache.lucene.search.Query;
import org.apache.lucene.search.RegexpQuery;
import org.apache.lucene.search.TermQuery;
import org.apache.lucene.search.TermRangeQuery;
import org.apache.lucene.search.WildcardQuery;
import org.junit.jupiter.api.Test;

/** The Lucene query each construct becomes, by the kind of its field. */
class LuceneQueriesTest {
    static final Instant NOW = Instant.parse("2026-11-24T09:30:15.250Z");

    static Query lucene(String query) {
        return EventQueries.compile(query, NOW);
    }

    static long millis(String instant) {
        return Instant.parse(instant).toEpochMilli();
    }

    static InetAddress ip(String literal) throws Exception {
        return InetAddress.getByName(literal);
    }

    @Test
    void blankIsMatchAll() {
        assertThat(lucene("")).isEqualTo(MatchAllDocsQuery.INSTANCE);
        assertThat(lucene("*:*")).isEqualTo(MatchAllDocsQuery.INSTANCE);
    }

    @Test
    void keywordsMatchExactly() {
        assertThat(lucene("user.name:Admin")).isEqualTo(new TermQuery(new Term("user.name", "Admin")));
        assertThat(lucene("user.name:\"John Doe\"")).isEqualTo(new TermQuery(new Term("user.name", "John Doe")));
        assertThat(lucene("user.name:\"adm*\"")).isEqualTo(new TermQuery(new Term("user.name", "adm*")));
        assertThat(lucene("labels.env:prod")).isEqualTo(new TermQuery(new Term("labels.env", "prod")));
    }

    @Test
    void exactTwinsMatchByFingerprintAndIdsByOffset() {
        assertThat(lucene("message.keyword:\"Login failed\""))
                .isEqualTo(new TermQuery(new Term("message.keyword", ExactFingerprint.of("Login failed"))));
        assertThat(ExactFingerprint.of("Login failed")).isNotEqualTo(ExactFingerprint.of("login failed"));
        assertThat(ExactFingerprint.of("Login failed").length).isEqualTo(ExactFingerprint.BYTES);
        assertThat(lucene("event.id:" + JournalRecord.eventId(42))).isEqualTo(LongPoint.newExactQuery("_offset", 42));
        assertThat(lucene("event.id:" + JournalRecord.eventId(42).toUpperCase(java.util.Locale.ROOT)))
                .isInstanceOf(MatchNoDocsQuery.class);
        assertThat(lucene("event.id:e2")).isInstanceOf(MatchNoDocsQuery.class);
    }

    @Test
    void keywordPatternsAndRanges() {
        assertThat(lucene("user.name:adm*")).isEqualTo(new PrefixQuery(new Term("user.name", "adm")));
        assertThat(lucene("user.name:a\\*b*")).isEqualTo(new PrefixQuery(new Term("user.name", "a*b")));
        assertThat(lucene("user.name:*min")).isEqualTo(new WildcardQuery(new Term("user.name", "*min")));
        assertThat(lucene("user.name:a?min")).isEqualTo(new WildcardQuery(new Term("user.name", "a?min")));
        assertThat(lucene("user.name:/adm.*/")).isInstanceOf(RegexpQuery.class)
                .hasToString("user.name:/adm.*/");
        assertThat(lucene("user.name:[a TO m}"))
                .isEqualTo(TermRangeQuery.newStringRange("user.name", "a", "m", true, false));
        assertThat(lucene("user.name:>m"))
                .isEqualTo(TermRangeQuery.newStringRange("user.name", "m", null, false, true));
    }

    @Test
    void textIsAnalysedLikeTheIndex() {
        assertThat(lucene("Failed")).isEqualTo(new TermQuery(new Term("message", "failed")));
        assertThat(lucene("\"Login FAILED\"")).isEqualTo(new PhraseQuery("message", "login", "failed"));
        assertThat(lucene("message:login-failed")).isEqualTo(new BooleanQuery.Builder()
                .add(new TermQuery(new Term("message", "login")), Occur.MUST)
                .add(new TermQuery(new Term("message", "failed")), Occur.MUST)
                .build());
        // Stop words are kept: "not" matters in log lines.
        assertThat(lucene("\"is not\"")).isEqualTo(new PhraseQuery("message", "is", "not"));
        assertThat(lucene("message:\"---\"")).isInstanceOf(MatchNoDocsQuery.class);
        assertThat(lucene("Fail*")).isEqualTo(new PrefixQuery(new Term("message", "fail")));
        assertThat(lucene("error.message:*OUT")).isEqualTo(new WildcardQuery(new Term("error.message", "*out")));
        assertThat(lucene("url.original.text:dana")).isEqualTo(new TermQuery(new Term("url.original.text", "dana")));
        assertThat(lucene("/Fail.*/").toString()).isEqualTo("message:/Fail.*/");
    }

    @Test
    void ipsCidrsRangesAndOctetWildcards() throws Exception {
        assertThat(lucene("source.ip:10.0.0.1")).isEqualTo(InetAddressPoint.newExactQuery("source.ip", ip("10.0.0.1")));
        assertThat(lucene("source.ip:\"2001:db8::1\"")).isEqualTo(InetAddressPoint.newExactQuery("source.ip", ip("2001:db8::1")));
        assertThat(lucene("source.ip:2001\\:db8\\:\\:1")).isEqualTo(InetAddressPoint.newExactQuery("source.ip", ip("2001:db8::1")));
        assertThat(lucene("source.ip:2001:db8::1")).isEqualTo(InetAddressPoint.newExactQuery("source.ip", ip("2001:db8::1")));
        assertThat(lucene("source.ip:10.0.0.0/8")).isEqualTo(InetAddressPoint.newPrefixQuery("source.ip", ip("10.0.0.0"), 8));
        assertThat(lucene("source.ip:10.1.2.3/8")).isEqualTo(InetAddressPoint.newPrefixQuery("source.ip", ip("10.0.0.0"), 8));
        assertThat(lucene("source.ip:\"2001:db8::/32\"")).isEqualTo(InetAddressPoint.newPrefixQuery("source.ip", ip("2001:db8::"), 32));
        assertThat(lucene("source.ip:\"::ffff:10.0.0.0/104\"")).isEqualTo(InetAddressPoint.newPrefixQuery("source.ip", ip("10.0.0.0"), 8));
        assertThat(lucene("source.ip:10.0.*")).isEqualTo(InetAddressPoint.newPrefixQuery("source.ip", ip("10.0.0.0"), 16));
        assertThat(lucene("source.ip:10.*.*.*")).isEqualTo(InetAddressPoint.newPrefixQuery("source.ip", ip("10.0.0.0"), 8));
        assertThat(lucene("source.ip:192.168.1.*")).isEqualTo(InetAddressPoint.newPrefixQuery("source.ip", ip("192.168.1.0"), 24));
        assertThat(lucene("source.ip:[10.0.0.0 TO 10.255.255.255]"))
                .isEqualTo(InetAddressPoint.newRangeQuery("source.ip", ip("10.0.0.0"), ip("10.255.255.255")));
        assertThat(lucene("source.ip:{10.0.0.0 TO 10.0.1.0}"))
                .isEqualTo(InetAddressPoint.newRangeQuery("source.ip", ip("10.0.0.1"), ip("10.0.0.255")));
        assertThat(lucene("source.ip:>=2001:db8::"))
                .isEqualTo(InetAddressPoint.newRangeQuery("source.ip", ip("2001:db8::"), InetAddressPoint.MAX_VALUE));
        assertThat(lucene("source.ip:<10.0.0.1"))
                .isEqualTo(InetAddressPoint.newRangeQuery("source.ip", InetAddressPoint.MIN_VALUE, ip("10.0.0.0")));
        assertThat(lucene("source.ip:[10.0.0.2 TO 10.0.0.1]")).isInstanceOf(MatchNoDocsQuery.class);
        assertThat(lucene("source.ip:>\"ffff:ffff:ffff:ffff:ffff:ffff:ffff:ffff\"")).isInstanceOf(MatchNoDocsQuery.class);
        assertThat(lucene("source.ip:<::")).isInstanceOf(MatchNoDocsQuery.class);
    }

    @Test
    void longsExactAndRanges() {
        assertThat(lucene("source.port:443")).isEqualTo(LongPoint.newExactQuery("source.port", 443));
        assertThat(lucene("source.port:\"443\"")).isEqualTo(LongPoint.newExactQuery("source.port", 443));
        assertThat(lucene("source.port:-1")).isEqualTo(LongPoint.newExactQuery("source.port", -1));
        assertThat(lucene("source.port:[1 TO 1024]")).isEqualTo(LongPoint.newRangeQuery("source.port", 1, 1024));
        assertThat(lucene("source.port:{1 TO 1024}")).isEqualTo(LongPoint.newRangeQuery("source.port", 2, 1023));
        assertThat(lucene("source.port:[1024 TO *]")).isEqualTo(LongPoint.newRangeQuery("source.port", 1024, Long.MAX_VALUE));
        assertThat(lucene("source.port:>1024")).isEqualTo(LongPoint.newRangeQuery("source.port", 1025, Long.MAX_VALUE));
        assertThat(lucene("source.port:<=1024")).isEqualTo(LongPoint.newRangeQuery("source.port", Long.MIN_VALUE, 1024));
        assertThat(lucene("source.port:<1024")).isEqualTo(LongPoint.newRangeQuery("source.port", Long.MIN_VALUE, 1023));
        assertThat(lucene("source.port:[5 TO 1]")).isInstanceOf(MatchNoDocsQuery.class);
        assertThat(lucene("source.port:>9223372036854775807")).isInstanceOf(MatchNoDocsQuery.class);
        assertThat(lucene("source.port:<-9223372036854775808")).isInstanceOf(MatchNoDocsQuery.class);
        assertThat(lucene("_offset:[0 TO 10]")).isEqualTo(LongPoint.newRangeQuery("_offset", 0, 10));
    }

    @Test
    void datesCoverTheirPrecision() {
        assertThat(lucene("@timestamp:2026-11-23")).isEqualTo(LongPoint.newRangeQuery("@timestamp",
                millis("2026-11-23T00:00:00Z"), millis("2026-11-23T23:59:59.999Z")));
        assertThat(lucene("@timestamp:\"2026-11-23T10:00:00Z\"")).isEqualTo(LongPoint.newRangeQuery("@timestamp",
                millis("2026-11-23T10:00:00Z"), millis("2026-11-23T10:00:00.999Z")));
        assertThat(lucene("@timestamp:now")).isEqualTo(LongPoint.newExactQuery("@timestamp", NOW.toEpochMilli()));
        assertThat(lucene("@timestamp:now/d")).isEqualTo(LongPoint.newRangeQuery("@timestamp",
                millis("2026-11-24T00:00:00Z"), millis("2026-11-24T23:59:59.999Z")));
        assertThat(lucene("event.ingested:1700000000000")).isEqualTo(LongPoint.newExactQuery("event.ingested", 1700000000000L));
    }

    @Test
    void dateRangesRoundLikeElasticsearch() {
        assertThat(lucene("@timestamp:[2026-11-23 TO 2026-11-24]")).isEqualTo(LongPoint.newRangeQuery("@timestamp",
                millis("2026-11-23T00:00:00Z"), millis("2026-11-24T23:59:59.999Z")));
        // After the 23rd and before the 24th: nothing.
        assertThat(lucene("@timestamp:{2026-11-23 TO 2026-11-24}")).isInstanceOf(MatchNoDocsQuery.class);
        assertThat(lucene("@timestamp:{2026-11-22 TO 2026-11-24}")).isEqualTo(LongPoint.newRangeQuery("@timestamp",
                millis("2026-11-23T00:00:00Z"), millis("2026-11-23T23:59:59.999Z")));
        assertThat(lucene("@timestamp:>=now-1h")).isEqualTo(LongPoint.newRangeQuery("@timestamp",
                millis("2026-11-24T08:30:15.250Z"), Long.MAX_VALUE));
        assertThat(lucene("@timestamp:>now-1d/d")).isEqualTo(LongPoint.newRangeQuery("@timestamp",
                millis("2026-11-24T00:00:00Z"), Long.MAX_VALUE));
        assertThat(lucene("@timestamp:<now/d")).isEqualTo(LongPoint.newRangeQuery("@timestamp",
                Long.MIN_VALUE, millis("2026-11-23T23:59:59.999Z")));
        assertThat(lucene("@timestamp:[now-7d/d TO now]")).isEqualTo(LongPoint.newRangeQuery("@timestamp",
                millis("2026-11-17T00:00:00Z"), NOW.toEpochMilli()));
        assertThat(lucene("@timestamp:[2026-11-23T10:00:00+01:00 TO *]")).isEqualTo(LongPoint.newRangeQuery("@timestamp",
                millis("2026-11-23T09:00:00Z"), Long.MAX_VALUE));
    }

    @Test
    void existence() {
        assertThat(lucene("_exists_:user.name")).isEqualTo(new FieldExistsQuery("user.name"));
        assertThat(lucene("source.ip:*")).isEqualTo(new FieldExistsQuery("source.ip"));
        assertThat(lucene("message:*")).isEqualTo(new FieldExistsQuery("message"));
        // The exact twin of a text field has no doc values nor norms: its text field is asked.
        assertThat(lucene("_exists_:message.keyword")).isEqualTo(new FieldExistsQuery("message"));
        assertThat(lucene("_exists_:labels.keyword")).isEqualTo(new FieldExistsQuery("labels.keyword"));
        // Keywords without doc values keep norms, which the query reads the same way.
        assertThat(lucene("_exists_:event.reason")).isEqualTo(new FieldExistsQuery("event.reason"));
        // The id is not indexed; every event has one, and an offset.
        assertThat(lucene("_exists_:event.id")).isEqualTo(new FieldExistsQuery("_offset"));
    }

    @Test
    void negationsGetAPositiveCompanion() {
        Query notA = new BooleanQuery.Builder()
                .add(MatchAllDocsQuery.INSTANCE, Occur.MUST)
                .add(new TermQuery(new Term("user.name", "a")), Occur.MUST_NOT)
                .build();
        assertThat(lucene("NOT user.name:a")).isEqualTo(notA);
        assertThat(lucene("user.name:b -user.name:a")).isEqualTo(new BooleanQuery.Builder()
                .add(new TermQuery(new Term("user.name", "b")), Occur.MUST)
                .add(new TermQuery(new Term("user.name", "a")), Occur.MUST_NOT)
                .build());
        assertThat(lucene("-user.name:a -user.name:b")).isEqualTo(new BooleanQuery.Builder()
                .add(new TermQuery(new Term("user.name", "a")), Occur.MUST_NOT)
                .add(new TermQuery(new Term("user.name", "b")), Occur.MUST_NOT)
                .add(MatchAllDocsQuery.INSTANCE, Occur.MUST)
                .build());
        assertThat(lucene("user.name:b OR NOT user.name:a")).isEqualTo(new BooleanQuery.Builder()
                .add(new TermQuery(new Term("user.name", "b")), Occur.SHOULD)
                .add(notA, Occur.SHOULD)
                .build());
    }
}
