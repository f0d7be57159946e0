package io.gatewatch.store.index;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.ecs.EcsJsonWriter;
import io.gatewatch.core.ecs.JsonOutput;
import io.gatewatch.store.schema.FieldKind;
import io.gatewatch.store.schema.IpLiterals;
import io.gatewatch.store.schema.StoreFields;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
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
import org.apache.lucene.util.BytesRef;

/**
 * Turns an ECS event into a Lucene document laid out as {@link StoreFields} says, so that the
 * query translator and the aggregations find every field where they look for it.
 *
 * <p>One instance per indexing thread: it reuses its JSON buffer.
 */
public final class EventDocuments {
    /** Bounds the flattening of object fields (labels, structured data) coming from untrusted lines. */
    static final int MAX_OBJECT_ENTRIES = 64;
    static final int MAX_OBJECT_DEPTH = 3;

    private final JsonOutput json = new JsonOutput(2048);

    /**
     * The document of an event that already carries its id, intake and reception time
     * ({@link EcsField#EVENT_ID}, {@link EcsField#GATEWATCH_INTAKE}, {@link EcsField#EVENT_INGESTED}).
     */
    public Document toDocument(EcsEvent event, long journalOffset) {
        Document doc = new Document();
        for (EcsField f : EcsField.values()) {
            if (!event.has(f) || f == EcsField.EVENT_ORIGINAL) {
                // event.original is kept in the source only, as ECS maps it (index: false): the
                // parsed fields and message already make the line searchable.
                continue;
            }
            Object v = event.get(f);
            if (f.type() == io.gatewatch.core.ecs.FieldType.OBJECT) {
                if (v instanceof Map<?, ?> m) {
                    addObject(doc, f.path(), m, 0, new int[] {0});
                }
                continue;
            }
            FieldKind kind = StoreFields.primaryKind(f);
            if (v instanceof List<?> list) {
                for (Object item : list) {
                    add(doc, f, kind, item);
                }
            } else {
                add(doc, f, kind, v);
            }
        }
        if (!event.has(EcsField.TIMESTAMP)) {
            // Sorting and the time window need a time on every event: an unparsed line gets its
            // reception time (its source still shows no @timestamp).
            long t = event.getLong(EcsField.EVENT_INGESTED, 0);
            doc.add(new LongPoint(StoreFields.TIMESTAMP, t));
            doc.add(new SortedNumericDocValuesField(StoreFields.TIMESTAMP, t));
        }
        doc.add(new LongPoint(StoreFields.OFFSET, journalOffset));
        doc.add(new NumericDocValuesField(StoreFields.OFFSET, journalOffset));
        doc.add(new StoredField(StoreFields.OFFSET, journalOffset));
        json.reset();
        EcsJsonWriter.write(event, json);
        doc.add(new StoredField(StoreFields.SOURCE, new BytesRef(Arrays.copyOf(json.buffer(), json.length()))));
        return doc;
    }

    private static void add(Document doc, EcsField f, FieldKind kind, Object value) {
        String path = f.path();
        switch (kind) {
            case LONG, DATE -> {
                if (value instanceof Long l) {
                    doc.add(new LongPoint(path, l));
                    doc.add(new SortedNumericDocValuesField(path, l));
                }
            }
            case IP -> {
                String text = String.valueOf(value);
                InetAddress addr = IpLiterals.parse(text);
                if (addr != null) {
                    doc.add(new InetAddressPoint(path, addr));
                    doc.add(new SortedSetDocValuesField(path, new BytesRef(IpLiterals.format(addr))));
                }
                // Not an address after all: left to the source. Indexing it as a keyword would
                // give the field two layouts, which Lucene refuses within one index.
            }
            case TEXT -> {
                String text = String.valueOf(value);
                doc.add(new TextField(path, text, Field.Store.NO));
                if (StoreFields.hasKeywordTwin(f)) {
                    // Exact match on the whole text, no doc values: these are nearly unique per
                    // event and nobody aggregates on them, so they would only cost disk.
                    keyword(doc, StoreFields.keywordTwin(path), text, false);
                }
            }
            case KEYWORD -> {
                String text = String.valueOf(value);
                keyword(doc, path, text, true);
                if (StoreFields.hasTextTwin(f)) {
                    doc.add(new TextField(StoreFields.textTwin(path), text, Field.Store.NO));
                }
            }
        }
    }

    private static void keyword(Document doc, String path, String value, boolean docValues) {
        BytesRef bytes = new BytesRef(value.getBytes(StandardCharsets.UTF_8));
        if (bytes.length > StoreFields.MAX_KEYWORD_BYTES) {
            return;
        }
        doc.add(new StringField(path, bytes, Field.Store.NO));
        if (docValues) {
            doc.add(new SortedSetDocValuesField(path, bytes));
        }
    }

    private static void addObject(Document doc, String prefix, Map<?, ?> map, int depth, int[] budget) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (budget[0]++ >= MAX_OBJECT_ENTRIES) {
                return;
            }
            String key = String.valueOf(e.getKey());
            if (key.isEmpty() || key.length() > 128) {
                continue;
            }
            String path = prefix + '.' + key;
            Object v = e.getValue();
            if (v instanceof Map<?, ?> nested) {
                if (depth + 1 < MAX_OBJECT_DEPTH) {
                    addObject(doc, path, nested, depth + 1, budget);
                }
            } else if (v != null) {
                keyword(doc, path, String.valueOf(v), true);
            }
        }
    }
}
