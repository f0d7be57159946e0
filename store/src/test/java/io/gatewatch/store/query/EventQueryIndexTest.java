package io.gatewatch.store.query;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.store.schema.ExactFingerprint;
import io.gatewatch.store.schema.StoreFields;
import io.gatewatch.store.schema.TextAnalysis;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Arrays;
import java.util.Set;
import java.util.TreeSet;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.Field;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.document.LongPoint;
import org.apache.lucene.document.NumericDocValuesField;
import org.apache.lucene.document.SortedNumericDocValuesField;
import org.apache.lucene.document.SortedSetDocValuesField;
import org.apache.lucene.document.StoredField;
import org.apache.lucene.document.StringField;
import org.apache.lucene.document.TextField;
import org.apache.lucene.index.DirectoryReader;
import org.apache.lucene.index.IndexWriter;
import org.apache.lucene.index.IndexWriterConfig;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.IndexSearcher;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.store.Directory;
import org.apache.lucene.store.FSDirectory;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Queries run against a real on-disk index whose documents are laid out by hand the way the
 * store indexes events (keywords as exact terms with doc values, text analysed, IPs and numbers
 * as points), so the translation is checked against the layout, not against itself.
 */
class EventQueryIndexTest {
    static final Instant NOW = Instant.parse("2026-11-24T09:00:00Z");

    @TempDir
    static Path dir;

    static Directory directory;
    static DirectoryReader reader;
    static IndexSearcher searcher;

    @BeforeAll
    static void index() throws IOException {
        directory = FSDirectory.open(dir);
        addEvents(directory);
        reader = DirectoryReader.open(directory);
        searcher = new IndexSearcher(reader);
    }

    /** Indexes the four test events into {@code directory}. */
    static void addEvents(Directory directory) throws IOException {
        try (IndexWriter writer = new IndexWriter(directory, new IndexWriterConfig(TextAnalysis.analyzer()))) {
            Document e1 = event("e1", "2026-11-23T10:00:00Z",
                    "Login failed using auth server ACME (LDAP Server) for user Admin");
            keyword(e1, "user.name", "admin");
            ip(e1, "source.ip", "10.0.0.5");
            number(e1, "source.port", 443);
            keyword(e1, "event.code", "AUT23457");
            keyword(e1, "event.outcome", "failure");
            ip(e1, "related.ip", "10.0.0.5");
            ip(e1, "related.ip", "172.16.0.1");
            writer.addDocument(e1);

            Document e2 = event("e2", "2026-11-23T12:30:00Z", "Login succeeded for user jdoe, not from a trusted network");
            keyword(e2, "user.name", "jdoe");
            ip(e2, "source.ip", "2001:db8::1");
            number(e2, "source.port", 8443);
            keyword(e2, "event.code", "AUT24414");
            keyword(e2, "event.outcome", "success");
            keyword(e2, "destination.domain", "evil.example.com");
            writer.addDocument(e2);

            Document e3 = event("e3", "2026-11-22T23:59:59Z", "VPN tunnel established");
            keyword(e3, "user.name", "administrator");
            ip(e3, "source.ip", "192.168.1.20");
            number(e3, "source.port", 22);
            keyword(e3, "url.original", "https://vpn.example.com/dana-na/auth/url_default/welcome.cgi");
            text(e3, "url.original.text", "https://vpn.example.com/dana-na/auth/url_default/welcome.cgi");
            keyword(e3, "user.domain", "C:\\Users");
            writer.addDocument(e3);

            Document e4 = event("e4", "2026-11-24T08:30:00Z", "Session timed out");
            ip(e4, "source.ip", "2001:db8:ffff::7");
            number(e4, "source.port", 0);
            text(e4, "error.message", "Timeout");
            e4.add(new StringField("error.message.keyword", ExactFingerprint.of("Timeout"), Field.Store.NO));
            keyword(e4, "labels.env", "prod");
            writer.addDocument(e4);
        }
    }

    @AfterAll
    static void close() throws IOException {
        reader.close();
        directory.close();
    }

    /** Event {@code e<n>}: journal offset n, which is all the store indexes of its id. */
    static Document event(String id, String timestamp, String message) {
        Document doc = new Document();
        long offset = Long.parseLong(id.substring(1));
        doc.add(new LongPoint(StoreFields.OFFSET, offset));
        doc.add(new NumericDocValuesField(StoreFields.OFFSET, offset));
        doc.add(new StoredField(StoreFields.OFFSET, offset));
        long t = Instant.parse(timestamp).toEpochMilli();
        doc.add(new LongPoint(StoreFields.TIMESTAMP, t));
        doc.add(new SortedNumericDocValuesField(StoreFields.TIMESTAMP, t));
        text(doc, StoreFields.DEFAULT_TEXT_FIELD, message);
        // The exact twin of a text field: the fingerprint as a term, no doc values (the store's layout).
        doc.add(new StringField("message.keyword", ExactFingerprint.of(message), Field.Store.NO));
        return doc;
    }

    static void keyword(Document doc, String field, String value) {
        BytesRef bytes = new BytesRef(value.getBytes(StandardCharsets.UTF_8));
        doc.add(new StringField(field, bytes, Field.Store.NO));
        doc.add(new SortedSetDocValuesField(field, bytes));
    }

    static void text(Document doc, String field, String value) {
        doc.add(new TextField(field, value, Field.Store.NO));
    }

    static void ip(Document doc, String field, String literal) {
        try {
            InetAddress address = InetAddress.getByName(literal);
            doc.add(new InetAddressPoint(field, address));
            doc.add(new SortedSetDocValuesField(field, new BytesRef(literal)));
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    static void number(Document doc, String field, long value) {
        doc.add(new LongPoint(field, value));
        doc.add(new SortedNumericDocValuesField(field, value));
    }

    static Set<String> find(String query) throws IOException {
        ScoreDoc[] hits = searcher.search(EventQueries.compile(query, NOW), 100).scoreDocs;
        StoredFields stored = reader.storedFields();
        Set<String> ids = new TreeSet<>();
        for (ScoreDoc hit : hits) {
            ids.add("e" + stored.document(hit.doc).getField(StoreFields.OFFSET).numericValue().longValue());
        }
        return ids;
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", textBlock = """
            ''                                => e1 e2 e3 e4
            *                                 => e1 e2 e3 e4
            user.name:admin                   => e1
            user.name:Admin                   => ''
            user.name:adm*                    => e1 e3
            user.name:*min*                   => e1 e3
            user.name:?doe                    => e2
            user.name:/adm(in|inistrator)/    => e1 e3
            user.name:/ADM.*/                 => ''
            user.name:[a TO b]                => e1 e3
            user.name:>j                      => e2
            event.code:(AUT23457 OR AUT24414) => e1 e2
            destination.domain:evil*          => e2
            user.domain:C\\:\\\\Users         => e3
            user.domain:"C:\\\\Users"         => e3
            labels.env:prod                   => e4
            """)
    void keywords(String query, String expected) throws IOException {
        assertFound(query, expected);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", textBlock = """
            failed                                   => e1
            FAILED                                   => e1
            login                                    => e1 e2
            "login failed"                           => e1
            "failed login"                           => ''
            "LDAP server"                            => e1
            message:"not from"                       => e2
            login -failed                            => e2
            login NOT failed                         => e2
            NOT login                                => e3 e4
            fail*                                    => e1
            Fail*                                    => e1
            /succ.*/                                 => e2
            /SUCC.*/                                 => e2
            message:tunnel-established               => e3
            error.message:timeout                    => e4
            error.message.keyword:Timeout            => e4
            message.keyword:"VPN tunnel established" => e3
            url.original.text:dana                   => e3
            url.original:*welcome.cgi                => e3
            _exists_:error.message                   => e4
            _exists_:message.keyword                 => e1 e2 e3 e4
            message.keyword:"VPN tunnel"             => ''
            message.keyword:"vpn tunnel established" => ''
            event.id:00000000-0000-8000-8000-000000000002 => e2
            event.id:e2                              => ''
            _offset:[2 TO 3]                         => e2 e3
            _exists_:event.id                        => e1 e2 e3 e4
            """)
    void text(String query, String expected) throws IOException {
        assertFound(query, expected);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", textBlock = """
            source.ip:10.0.0.5                            => e1
            source.ip:10.0.0.0/8                          => e1
            source.ip:10.0.*                              => e1
            source.ip:192.168.*                           => e3
            source.ip:2001:db8::1                         => e2
            source.ip:"2001:db8::1"                       => e2
            source.ip:2001\\:db8\\:\\:1                   => e2
            source.ip:"2001:0db8:0:0:0:0:0:1"             => e2
            source.ip:"2001:db8::/32"                     => e2 e4
            source.ip:"2001:db8::/48"                     => e2
            source.ip:[10.0.0.0 TO 192.168.255.255]       => e1 e3
            source.ip:{10.0.0.5 TO 192.168.1.20]          => e3
            source.ip:>=2001:db8::2                       => e4
            source.ip:[2001:db8:: TO *]                   => e2 e4
            source.ip:"::ffff:10.0.0.5"                   => e1
            related.ip:172.16.0.0/12                      => e1
            related.ip:10.0.0.5 AND related.ip:172.16.0.1 => e1
            NOT source.ip:10.0.0.0/8                      => e2 e3 e4
            source.ip:*                                   => e1 e2 e3 e4
            """)
    void ips(String query, String expected) throws IOException {
        assertFound(query, expected);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", textBlock = """
            source.port:443                          => e1
            source.port:[22 TO 443]                  => e1 e3
            source.port:{22 TO 443}                  => ''
            source.port:[22 TO 443}                  => e3
            source.port:>443                         => e2
            source.port:>=443                        => e1 e2
            source.port:<22                          => e4
            source.port:[1024 TO *]                  => e2
            @timestamp:2026-11-23                    => e1 e2
            @timestamp:2026-11                       => e1 e2 e3 e4
            @timestamp:[2026-11-23 TO 2026-11-23]    => e1 e2
            @timestamp:{2026-11-22 TO 2026-11-24}    => e1 e2
            @timestamp:[2026-11-23T11:00:00Z TO now] => e2 e4
            @timestamp:>=now-1h                      => e4
            @timestamp:>now-1d/d                     => e4
            @timestamp:[now-1d/d TO now/d]           => e1 e2 e4
            @timestamp:<now-1d/d                     => e3
            @timestamp:"2026-11-23T11:00:00+01:00"   => e1
            @timestamp:[1795392000000 TO *]          => e1 e2 e4
            """)
    void numbersAndDates(String query, String expected) throws IOException {
        assertFound(query, expected);
    }

    @ParameterizedTest
    @CsvSource(delimiterString = "=>", textBlock = """
            _exists_:event.outcome                       => e1 e2
            NOT _exists_:event.outcome                   => e3 e4
            event.outcome:*                              => e1 e2
            -event.outcome:* -error.message:*            => e3
            _exists_:user.name AND NOT user.name:admin   => e2 e3
            event.outcome:failure OR source.port:22      => e1 e3
            (login OR vpn) AND NOT event.outcome:success => e1 e3
            login || vpn && !failed                      => e1 e2 e3
            user.name:adm* -user.name:admin              => e3
            user.name:admin OR NOT _exists_:user.name    => e1 e4
            """)
    void booleanStructure(String query, String expected) throws IOException {
        assertFound(query, expected);
    }

    /** {@code expected}: the ids found, space separated. */
    private static void assertFound(String query, String expected) throws IOException {
        Set<String> want = new TreeSet<>(Arrays.asList(expected.strip().split(" +")));
        want.remove("");
        assertThat(find(query)).as(query).isEqualTo(want);
    }
}
