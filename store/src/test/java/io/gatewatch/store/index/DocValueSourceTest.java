package io.gatewatch.store.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.ecs.FieldType;
import io.gatewatch.core.ecs.Utf8Text;
import io.gatewatch.core.journal.JournalRecord;
import io.gatewatch.core.pulse.PulseParser;
import io.gatewatch.store.IndexedEvent;
import io.gatewatch.store.schema.StoreFields;
import io.gatewatch.store.search.FoundEvent;
import io.gatewatch.store.search.SearchRequest;
import io.gatewatch.store.search.SortSpec;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.lucene.document.Document;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Events come back from the store exactly as they were written, though the stored source holds
 * only what doc values cannot give back: compared as the JSON the writer makes of them.
 */
class DocValueSourceTest {
    private static final long NOW = System.currentTimeMillis();

    @TempDir
    Path dir;

    @Test
    void everyParsedLineOfTheGoldenCorpusComesBackAsItWasWritten() throws Exception {
        List<EcsEvent> events = new ArrayList<>();
        PulseParser parser = new PulseParser();
        for (byte[] line : MutatedLines.golden()) {
            events.add(parser.parse(line));
        }
        assertThat(events).as("the parser's golden lines").hasSizeGreaterThan(500);
        assertRoundTrips(events);
    }

    @Test
    void mutatedGoldenLinesComeBackAsTheyWereParsed() throws Exception {
        assertRoundTrips(MutatedLines.parsed(600, 20261209));
    }

    @Test
    void valuesThatDocValuesWouldAlterComeBackFromTheStoredRest() throws Exception {
        byte[] invalidUtf8 = {'a', (byte) 0xff, 'b', (byte) 0xc3};
        Map<String, Object> enrichment = new LinkedHashMap<>();
        enrichment.put("indicator", Map.of("type", "ipv4-addr", "ip", "203.0.113.9"));
        enrichment.put("matched", Map.of("field", "source.ip", "atomic", "203.0.113.9"));
        List<EcsEvent> events = List.of(
                base(0).setList(EcsField.EVENT_CATEGORY, List.of("web", "authentication")), // not sorted
                base(1).setList(EcsField.RELATED_USER, List.of("bob", "bob")), // twice
                base(2).set(EcsField.SOURCE_IP, "2001:DB8:0:0:0:0:0:2"), // not canonical
                base(3).setList(EcsField.RELATED_IP, List.of("10.0.0.9", "10.0.0.10")), // not in byte order
                base(4).set(EcsField.USER_NAME, "x".repeat(5_000)), // too long to index
                base(5).setText(EcsField.USER_AGENT_ORIGINAL, new Utf8Text(invalidUtf8, 0, invalidUtf8.length)),
                base(6).putLabel(EcsField.LABELS, "site", "paris").putLabel(EcsField.LABELS, "rack", "r1"),
                base(7).addObject(EcsField.THREAT_ENRICHMENTS, enrichment),
                base(8).set(EcsField.USER_NAME, "tab\there \"quoted\" \\ \u2028 \u0001 del\u007f é 𝄞"),
                base(9).set(EcsField.SOURCE_IP, "not-an-ip"),
                base(10).setLong(EcsField.SOURCE_BYTES, Long.MAX_VALUE).setLong(EcsField.DESTINATION_PORT, 0),
                base(11).setList(EcsField.RELATED_IP, List.of("10.0.0.10", "10.0.0.9", "2001:db8::1")),
                base(12).setList(EcsField.EVENT_TYPE, List.of("", "start")));
        assertRoundTrips(events);
    }

    @Test
    void eventsWithoutATimeOrWithAnIdOfTheirOwnAreStoredWhole() throws Exception {
        EcsEvent noTime = base(0).remove(EcsField.TIMESTAMP);
        EcsEvent ownId = base(1);
        ownId.set(EcsField.EVENT_ID, "my-own-id");
        EventDocuments documents = new EventDocuments();
        assertThat(documents.toDocument(noTime, 0).getBinaryValue(StoreFields.SOURCE)).isNotNull();
        Document typical = documents.toDocument(stamped(base(2), 2).event(), 2);
        assertThat(typical.getBinaryValue(StoreFields.SOURCE)).isNull();
        // What doc values give back is left out of the stored rest: here all but the message.
        BytesRef rest = typical.getBinaryValue(StoreFields.SOURCE_REST);
        assertThat(rest.utf8ToString()).isEqualTo("{\"message\":\"Login succeeded for u2\"}");
    }

    @Test
    void theLineAndTheReasonAreStoredAsCutsOfTheMessage() throws Exception {
        String message = "id=firewall msg=\"AUT24414: Agent login succeeded for alice\"";
        EcsEvent event = base(0)
                .set(EcsField.MESSAGE, message)
                .set(EcsField.EVENT_ORIGINAL, "<134>Mar 13 08:50:40 vpn PulseSecure: " + message)
                .set(EcsField.EVENT_REASON, " Agent login succeeded for alice");
        Document doc = new EventDocuments().toDocument(stamped(event, 0).event(), 0);
        assertThat(doc.getBinaryValue(StoreFields.SOURCE_REST).utf8ToString())
                .isEqualTo("{\"message\":\"id=firewall msg=\\\"AUT24414: Agent login succeeded for alice\\\"\"}");
        assertThat(doc.getBinaryValue(StoreFields.SOURCE_DERIVED).length).isLessThan(50);
        assertRoundTrips(List.of(event));
    }

    @Test
    void textThatIsNotExactlyAPieceOfTheMessageIsStoredAsItIs() throws Exception {
        byte[] badHeader = "<134>\u00ff\u00fe vpn: body text".getBytes(StandardCharsets.ISO_8859_1);
        int body = badHeader.length - "body text".length();
        String astral = "login 𝄞 ok";
        List<EcsEvent> events = List.of(
                base(0).set(EcsField.EVENT_ORIGINAL, "header Login succeeded for u0 trailer"), // not at the end
                base(1).set(EcsField.EVENT_REASON, "Login"), // at the start
                base(2).set(EcsField.MESSAGE, "Login succeeded for user 2")
                        .set(EcsField.EVENT_REASON, "succeeded"), // in the middle
                base(3).set(EcsField.MESSAGE, "a reason" + "x".repeat(DerivedText.MAX_TAIL + 1))
                        .set(EcsField.EVENT_REASON, "a reason"), // one character too far from the end
                base(4).set(EcsField.EVENT_REASON, "longer than the message Login succeeded for u4"),
                base(5).setText(EcsField.MESSAGE, new Utf8Text(badHeader, body, badHeader.length - body))
                        .setText(EcsField.EVENT_ORIGINAL, new Utf8Text(badHeader, 0, badHeader.length)),
                base(6).set(EcsField.MESSAGE, astral).set(EcsField.EVENT_REASON, astral.substring(7)) // half a pair
                        .set(EcsField.EVENT_ORIGINAL, "h\ud834" + astral), // a lone surrogate in the header
                base(7).set(EcsField.MESSAGE, "\udc00lone").set(EcsField.EVENT_ORIGINAL, "\ud834\udc00lone"),
                base(8).remove(EcsField.MESSAGE).set(EcsField.EVENT_ORIGINAL, "only a line")
                        .set(EcsField.EVENT_REASON, "a reason"),
                base(9).set(EcsField.EVENT_ORIGINAL, "𝄞 Login succeeded for u9")); // an astral header
        assertRoundTrips(events);
        EventDocuments documents = new EventDocuments();
        for (int i = 0; i < events.size(); i++) {
            Document doc = documents.toDocument(stamped(events.get(i), i).event(), i);
            assertThat(doc.getBinaryValue(StoreFields.SOURCE_DERIVED)).as("event %d", i).isNull();
        }
    }

    @Test
    void randomLinesAndReasonsCutFromTheirMessageComeBackAsTheyWereWritten() throws Exception {
        Random random = new Random(20261208);
        List<EcsEvent> events = new ArrayList<>();
        int cut = 0;
        for (int i = 0; i < 300; i++) {
            String message = randomText(random) + randomText(random) + randomText(random);
            EcsEvent e = base(i).set(EcsField.MESSAGE, message);
            if (random.nextBoolean()) {
                e.set(EcsField.EVENT_ORIGINAL, randomText(random) + message);
            }
            if (random.nextBoolean()) {
                int end = message.length() - random.nextInt(Math.min(message.length(), DerivedText.MAX_TAIL + 2) + 1);
                e.set(EcsField.EVENT_REASON, message.substring(random.nextInt(end + 1), end));
            }
            events.add(e);
            if (new EventDocuments().toDocument(stamped(e, i).event(), i).getBinaryValue(StoreFields.SOURCE_DERIVED) != null) {
                cut++;
            }
        }
        assertThat(cut).as("events with a cut").isGreaterThan(50);
        assertRoundTrips(events);
    }

    @Test
    void randomKeywordValuesAndListsComeBackAsTheyWereWritten() throws Exception {
        Random random = new Random(20261207);
        EcsField[] fields = {EcsField.USER_NAME, EcsField.EVENT_CATEGORY, EcsField.RELATED_USER, EcsField.SOURCE_IP,
                EcsField.RELATED_IP, EcsField.URL_ORIGINAL, EcsField.EVENT_ACTION, EcsField.HOST_NAME};
        List<EcsEvent> events = new ArrayList<>();
        for (int i = 0; i < 400; i++) {
            EcsEvent e = base(i);
            for (EcsField f : fields) {
                if (random.nextInt(3) == 0) {
                    continue;
                }
                boolean ip = f.type() == FieldType.IP || f.type() == FieldType.IP_LIST;
                if (f.type() == FieldType.KEYWORD_LIST || f.type() == FieldType.IP_LIST) {
                    List<String> list = new ArrayList<>();
                    for (int n = 1 + random.nextInt(4); n > 0; n--) {
                        list.add(ip ? randomIp(random) : randomText(random));
                    }
                    e.setList(f, list);
                } else {
                    e.set(f, ip ? randomIp(random) : randomText(random));
                }
            }
            events.add(e);
        }
        assertRoundTrips(events);
    }

    /** Indexes the events (three segments), then reads each back by id and all of them by a search. */
    private void assertRoundTrips(List<EcsEvent> events) throws IOException {
        List<IndexedEvent> indexed = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            indexed.add(stamped(events.get(i), i));
        }
        List<String> expected = indexed.stream().map(e -> e.event().toJson()).toList();
        try (LuceneEventStore store = LuceneEventStore.open(dir.resolve("store-" + System.nanoTime()))) {
            int third = Math.max(1, indexed.size() / 3);
            for (int from = 0; from < indexed.size(); from += third) {
                store.index(indexed.subList(from, Math.min(indexed.size(), from + third)));
                store.commit();
            }
            store.refresh();
            for (int i = 0; i < indexed.size(); i++) {
                FoundEvent found = store.get(JournalRecord.eventId(i)).orElseThrow();
                assertThat(found.sourceJson()).as("event %d", i).isEqualTo(expected.get(i));
            }
            List<FoundEvent> all = store.search(new SearchRequest("", Long.MIN_VALUE, Long.MAX_VALUE,
                    events.size(), SortSpec.parse("_offset"), null, null)).events();
            assertThat(all).hasSize(events.size());
            for (FoundEvent found : all) {
                assertThat(found.sourceJson()).as("event %d", found.offset()).isEqualTo(expected.get((int) found.offset()));
            }
        }
    }

    private static IndexedEvent stamped(EcsEvent event, long offset) {
        return new IndexedEvent(offset, "vpn", NOW, event);
    }

    private static EcsEvent base(int i) {
        return new EcsEvent()
                .setLong(EcsField.TIMESTAMP, NOW - 60_000 + i)
                .set(EcsField.MESSAGE, "Login succeeded for u" + i)
                .set(EcsField.EVENT_CODE, "AUT24414");
    }

    private static String randomIp(Random random) {
        if (random.nextInt(4) == 0) {
            return "2001:db8::" + Integer.toHexString(random.nextInt(0x10000));
        }
        return random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256) + "." + random.nextInt(256);
    }

    /** Short strings over a mixed alphabet: ASCII, escapes, accents, astral characters. */
    private static String randomText(Random random) {
        String[] pieces = {"a", "Z", "0", " ", "\"", "\\", "\t", "\u0001", "é", "漢", "𝄞", "\u2028", "/", "-"};
        StringBuilder b = new StringBuilder();
        for (int n = 1 + random.nextInt(6); n > 0; n--) {
            b.append(pieces[random.nextInt(pieces.length)]);
        }
        return b.toString();
    }
}
