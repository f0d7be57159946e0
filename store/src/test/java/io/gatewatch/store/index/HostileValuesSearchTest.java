package io.gatewatch.store.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.ecs.FieldType;
import io.gatewatch.store.IndexedEvent;
import io.gatewatch.store.query.QueryLimits;
import io.gatewatch.store.schema.FieldKind;
import io.gatewatch.store.schema.StoreFields;
import io.gatewatch.store.search.FoundEvent;
import io.gatewatch.store.search.SearchRequest;
import io.gatewatch.store.search.SortSpec;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Values taken from lines with hostile bytes in them (quotes, backslashes, bad UTF-8, surrogates)
 * find their event when searched for exactly, quoted and escaped as the query language says.
 */
class HostileValuesSearchTest {
    @TempDir
    Path dir;

    @Test
    void everyValueOfAMutatedLineFindsItsEvent() throws Exception {
        List<EcsEvent> events = MutatedLines.parsed(300, 20261210);
        long now = System.currentTimeMillis();
        List<IndexedEvent> indexed = new ArrayList<>();
        for (int i = 0; i < events.size(); i++) {
            indexed.add(new IndexedEvent(i, "vpn", now, events.get(i)));
        }
        int searched = 0;
        try (LuceneEventStore store = LuceneEventStore.open(dir.resolve("store"))) {
            store.index(indexed);
            store.refresh();
            for (int i = 0; i < events.size(); i++) {
                for (String query : exactQueries(events.get(i))) {
                    List<FoundEvent> found = store.search(new SearchRequest(query, Long.MIN_VALUE, Long.MAX_VALUE,
                            SearchRequest.MAX_SIZE, SortSpec.parse("_offset"), null, null)).events();
                    assertThat(found).as("event %d, %s", i, query).extracting(FoundEvent::offset).contains((long) i);
                    searched++;
                }
            }
        }
        assertThat(searched).as("queries run").isGreaterThan(3_000);
    }

    /**
     * {@code field:"value"} for every keyword and address of the event, and its whole message,
     * exactly and as a phrase.
     */
    private static List<String> exactQueries(EcsEvent event) {
        List<String> queries = new ArrayList<>();
        for (EcsField f : EcsField.values()) {
            FieldKind kind = StoreFields.primaryKind(f);
            if (!event.has(f) || f == EcsField.EVENT_ID || f == EcsField.EVENT_ORIGINAL
                    || (kind != FieldKind.KEYWORD && kind != FieldKind.IP) || f.type() == FieldType.OBJECT) {
                continue;
            }
            boolean list = f.type() == FieldType.KEYWORD_LIST || f.type() == FieldType.IP_LIST;
            List<String> values = list ? event.getList(f) : List.of(event.getString(f));
            for (String v : values) {
                add(queries, f.path(), v);
            }
        }
        String message = event.getString(EcsField.MESSAGE);
        add(queries, StoreFields.keywordTwin(EcsField.MESSAGE.path()), message);
        add(queries, EcsField.MESSAGE.path(), message); // as a phrase: the words of the whole message, in order
        return queries;
    }

    private static void add(List<String> queries, String field, String value) {
        if (value == null || value.isEmpty()
                || value.getBytes(StandardCharsets.UTF_8).length > StoreFields.MAX_KEYWORD_BYTES) {
            return; // empty values are not searchable; long ones are not indexed (see StoreFields)
        }
        String query = field + ":\"" + value.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
        if (query.getBytes(StandardCharsets.UTF_8).length <= QueryLimits.MAX_QUERY_BYTES) {
            queries.add(query);
        }
    }
}
