package io.gatewatch.store.index;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.ecs.EcsJsonWriter;
import io.gatewatch.core.ecs.FieldType;
import io.gatewatch.core.ecs.JsonOutput;
import io.gatewatch.core.journal.JournalRecord;
import io.gatewatch.core.net.IpAddresses;
import io.gatewatch.store.schema.ExactFingerprint;
import io.gatewatch.store.schema.FieldKind;
import io.gatewatch.store.schema.IpLiterals;
import io.gatewatch.store.schema.LoneSurrogates;
import io.gatewatch.store.schema.StoreFields;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * query translator and the aggregations find every field where they look for it. The stored
 * source holds only what the doc values do not give back ({@link DocValueSource}), and text
 * that is a piece of the message as where to cut it ({@link DerivedText}).
 *
 * <p>An event of the Pulse corpus becomes some 80 Lucene fields; building them afresh for every
 * event made this class allocate about 10.6 KB per event (4.7 KB now, as fast). So it keeps its
 * fields and buffers and only sets their values: Lucene reads a document's values during
 * {@code addDocument} and keeps none of them. Hence one instance per indexing thread, and a
 * document is valid until the next call.
 */
public final class EventDocuments {
    /** Bounds the flattening of object fields (labels, structured data) coming from untrusted lines. */
    static final int MAX_OBJECT_ENTRIES = 64;
    static final int MAX_OBJECT_DEPTH = 3;
    /**
     * Field names whose fields are kept for reuse. Names come from the ECS table and from label
     * keys of untrusted lines; past this many, fields of new names are built per event instead, so
     * that odd labels cannot grow the cache without bound.
     */
    static final int MAX_REUSED_NAMES = 1_024;

    /** A keyword term that keeps norms, for {@code _exists_} on keywords without doc values. */
    private static final org.apache.lucene.document.FieldType TERM_WITH_NORMS = termWithNorms();

    /** How each ECS field is indexed: looked up once, not per event. */
    private static final Plan[] PLANS = plans();

    private final JsonOutput json = new JsonOutput(4096);
    private final BytesRef source = new BytesRef();
    private final Map<String, Slots> slotsByName = new HashMap<>();
    /** Search-only keywords that keep doc values in the partition of the document being built. */
    private Set<String> keptDocValues = Set.of();
    /** The object-key fields that partition may still add. */
    private ObjectKeyFields objectKeys = ObjectKeyFields.unlimited();
    /** Advances per document, so that every field's slots start over without being visited. */
    private int generation;
    private final LongPoint offsetPoint = new LongPoint(StoreFields.OFFSET, 0);
    private final NumericDocValuesField offsetValue = new NumericDocValuesField(StoreFields.OFFSET, 0);
    private final StoredField offsetStored = new StoredField(StoreFields.OFFSET, 0L);
    private final StoredField sourceStored = new StoredField(StoreFields.SOURCE, new BytesRef());
    private final StoredField restStored = new StoredField(StoreFields.SOURCE_REST, new BytesRef());
    private final StoredField derivedStored = new StoredField(StoreFields.SOURCE_DERIVED, new BytesRef());
    private final DerivedText derived = new DerivedText();

    /**
     * The document of an event that already carries its id, intake and reception time
     * ({@link EcsField#EVENT_ID}, {@link EcsField#GATEWATCH_INTAKE}, {@link EcsField#EVENT_INGESTED}).
     * Valid until the next call on this instance.
     */
    public Document toDocument(EcsEvent event, long journalOffset) {
        return toDocument(event, journalOffset, Set.of(), ObjectKeyFields.unlimited());
    }

    /**
     * The same, for a partition written before some search-only keywords lost their doc values:
     * Lucene lets no field change its doc values within an index, so there {@code keptDocValues}
     * keep them (and no norms) until the partition is dropped.
     */
    Document toDocument(EcsEvent event, long journalOffset, Set<String> keptDocValues, ObjectKeyFields objectKeys) {
        this.keptDocValues = keptDocValues;
        this.objectKeys = objectKeys;
        generation++;
        Document doc = new Document();
        // What doc values do not give back goes to the stored rest of the source; an event whose
        // id or time the store would make up when read (hand-made ones) is stored whole.
        boolean whole = !event.has(EcsField.TIMESTAMP)
                || !JournalRecord.eventId(journalOffset).equals(event.getString(EcsField.EVENT_ID));
        EcsEvent rest = whole ? null : new EcsEvent();
        if (rest != null) {
            derived.cut(event);
        }
        for (Plan plan : PLANS) {
            EcsField f = plan.field();
            if (!event.has(f)) {
                continue;
            }
            Object v = event.get(f);
            if (rest != null && f != EcsField.EVENT_ID && !DocValueSource.givesBack(f, v) && !derived.covers(f)) {
                rest.copy(f, event);
            }
            if (plan.kind() == null) {
                continue;
            }
            if (f.type() == FieldType.OBJECT) {
                if (v instanceof Map<?, ?> m) {
                    addObject(doc, f.path(), m, 0, new int[] {0});
                }
                continue;
            }
            if (v instanceof List<?> list) {
                for (Object item : list) {
                    add(doc, plan, item);
                }
            } else {
                add(doc, plan, v);
            }
        }
        if (!event.has(EcsField.TIMESTAMP)) {
            // Sorting and the time window need a time on every event: an unparsed line gets its
            // reception time (its source still shows no @timestamp).
            addLong(doc, StoreFields.TIMESTAMP, event.getLong(EcsField.EVENT_INGESTED, 0));
        }
        offsetPoint.setLongValue(journalOffset);
        offsetValue.setLongValue(journalOffset);
        offsetStored.setLongValue(journalOffset);
        doc.add(offsetPoint);
        doc.add(offsetValue);
        doc.add(offsetStored);
        json.reset();
        EcsJsonWriter.write(whole ? event : rest, json);
        // Lucene copies stored bytes while adding the document: the JSON buffer can serve as is.
        source.bytes = json.buffer();
        source.offset = 0;
        source.length = json.length();
        StoredField stored = whole ? sourceStored : restStored;
        stored.setBytesValue(source);
        doc.add(stored);
        if (!whole && derived.any()) {
            derivedStored.setBytesValue(derived.encoded());
            doc.add(derivedStored);
        }
        return doc;
    }

    private void add(Document doc, Plan plan, Object value) {
        String path = plan.field().path();
        switch (plan.kind()) {
            case LONG, DATE -> {
                if (value instanceof Long l) {
                    addLong(doc, path, l);
                }
            }
            case IP -> addIp(doc, path, String.valueOf(value));
            case TEXT -> {
                String text = String.valueOf(value);
                slots(path).text(text, doc);
                if (plan.twin() != null) {
                    // Exact match on the whole text by its fingerprint (see ExactFingerprint),
                    // whatever the text's length. A new field: its bytes are new too.
                    doc.add(new StringField(plan.twin(), ExactFingerprint.of(text), Field.Store.NO));
                }
            }
            case KEYWORD -> {
                String text = String.valueOf(value);
                slots(path).keyword(text, plan.docValues() || keptDocValues.contains(path), doc);
                if (plan.twin() != null) {
                    slots(plan.twin()).text(text, doc);
                }
            }
        }
    }

    private void addLong(Document doc, String path, long value) {
        slots(path).number(value, doc);
    }

    private void addIp(Document doc, String path, String text) {
        Slots s = slots(path);
        if (IpAddresses.isIpv4(text, 0, text.length())) {
            // The common case, without InetAddress: a checked IPv4 literal is already canonical
            // (no leading zeros), so its text is its doc value as is.
            s.ipv4(text, doc);
            return;
        }
        InetAddress addr = IpLiterals.parse(text);
        if (addr != null) {
            s.ip(addr, IpLiterals.format(addr), doc);
        }
        // Not an address after all: left to the source. Indexing it as a keyword would give the
        // field two layouts, which Lucene refuses within one index.
    }

    private void addObject(Document doc, String prefix, Map<?, ?> map, int depth, int[] budget) {
        for (Map.Entry<?, ?> e : map.entrySet()) {
            if (budget[0]++ >= MAX_OBJECT_ENTRIES) {
                return;
            }
            String key = LoneSurrogates.replace(String.valueOf(e.getKey()));
            if (key.isEmpty() || key.length() > 128) {
                continue;
            }
            String path = prefix + '.' + key;
            Object v = e.getValue();
            if (v instanceof Map<?, ?> nested) {
                if (depth + 1 < MAX_OBJECT_DEPTH) {
                    addObject(doc, path, nested, depth + 1, budget);
                }
            } else if (v != null && objectKeys.admit(path)) {
                slots(path).keyword(String.valueOf(v), true, doc);
            }
        }
    }

    /** The reusable fields of {@code name}, or throwaway ones once too many names were seen. */
    private Slots slots(String name) {
        Slots s = slotsByName.get(name);
        if (s == null) {
            s = new Slots(name);
            if (slotsByName.size() < MAX_REUSED_NAMES) {
                slotsByName.put(name, s);
            }
        }
        s.startDocument(generation);
        return s;
    }

    /**
     * How one ECS field is indexed.
     *
     * @param kind its layout, or null when it is not indexed
     * @param twin the name of its keyword twin (text fields) or text twin (URL keywords), or null
     * @param docValues for keywords: whether they get doc values besides their terms
     */
    private record Plan(EcsField field, FieldKind kind, String twin, boolean docValues) {}

    private static Plan[] plans() {
        List<Plan> plans = new ArrayList<>();
        for (EcsField f : EcsField.values()) {
            if (f == EcsField.EVENT_ORIGINAL || f == EcsField.EVENT_ID) {
                // event.original is kept in the source only, as ECS maps it (index: false): the
                // parsed fields and message already make the line searchable. event.id is the
                // journal offset as a UUID: the offset is indexed, the id derived from it.
                plans.add(new Plan(f, null, null, false));
                continue;
            }
            FieldKind kind = StoreFields.primaryKind(f);
            String twin = null;
            if (f.type() != FieldType.OBJECT) {
                if (kind == FieldKind.TEXT && StoreFields.hasKeywordTwin(f)) {
                    twin = StoreFields.keywordTwin(f.path());
                } else if (kind == FieldKind.KEYWORD && StoreFields.hasTextTwin(f)) {
                    twin = StoreFields.textTwin(f.path());
                }
            }
            plans.add(new Plan(f, kind, twin, StoreFields.hasDocValues(f.path())));
        }
        return plans.toArray(new Plan[0]);
    }

    private static org.apache.lucene.document.FieldType termWithNorms() {
        org.apache.lucene.document.FieldType t = new org.apache.lucene.document.FieldType(StringField.TYPE_NOT_STORED);
        t.setOmitNorms(false);
        t.freeze();
        return t;
    }

    /**
     * The fields of one name, reused from event to event: the {@code i}-th value of the name in an
     * event goes into the {@code i}-th {@link ValueFields} (lists such as {@code related.ip} have
     * several values).
     */
    private static final class Slots {
        private final String name;
        private final List<ValueFields> values = new ArrayList<>(2);
        private int generation = -1;
        private int used;

        Slots(String name) {
            this.name = name;
        }

        void startDocument(int gen) {
            if (generation != gen) {
                generation = gen;
                used = 0;
            }
        }

        /**
         * Keyword: an indexed term, plus sorted-set doc values when asked; without them, norms,
         * which {@code _exists_} reads instead (one constant value per document: next to nothing
         * on disk). Too long: left to the source.
         */
        void keyword(String value, boolean docValues, Document doc) {
            ValueFields v = next();
            BytesRef ref = v.utf8(value);
            if (ref.length > StoreFields.MAX_KEYWORD_BYTES) {
                return;
            }
            // Lucene lets no indexed field change its bytes: the term field is new, its bytes reused.
            if (docValues) {
                doc.add(new StringField(name, ref, Field.Store.NO));
                doc.add(v.sortedValue(name, ref));
            } else {
                doc.add(new Field(name, ref, TERM_WITH_NORMS));
            }
        }

        /** Analysed text. */
        void text(String value, Document doc) {
            ValueFields v = next();
            if (v.text == null) {
                v.text = new TextField(name, value, Field.Store.NO);
            } else {
                v.text.setStringValue(value);
            }
            doc.add(v.text);
        }

        /** Long or date: a point and sorted-numeric doc values. */
        void number(long value, Document doc) {
            ValueFields v = next();
            if (v.point == null) {
                v.point = new LongPoint(name, value);
                v.number = new SortedNumericDocValuesField(name, value);
            } else {
                v.point.setLongValue(value);
                v.number.setLongValue(value);
            }
            doc.add(v.point);
            doc.add(v.number);
        }

        /**
         * An IPv4 literal already checked: the point's 16 bytes (IPv4-mapped, as
         * {@link InetAddressPoint} encodes it) written without an {@link InetAddress}.
         */
        void ipv4(String text, Document doc) {
            ValueFields v = next();
            byte[] encoded = v.ipBytes(name);
            Arrays.fill(encoded, 0, 10, (byte) 0);
            encoded[10] = (byte) 0xff;
            encoded[11] = (byte) 0xff;
            int octet = 12;
            int n = 0;
            for (int i = 0; i < text.length(); i++) {
                char c = text.charAt(i);
                if (c == '.') {
                    encoded[octet++] = (byte) n;
                    n = 0;
                } else {
                    n = n * 10 + (c - '0');
                }
            }
            encoded[octet] = (byte) n;
            addIp(v, text, doc);
        }

        /** Any other address (IPv6): its canonical text as doc value. */
        void ip(InetAddress addr, String canonical, Document doc) {
            ValueFields v = next();
            System.arraycopy(InetAddressPoint.encode(addr), 0, v.ipBytes(name), 0, InetAddressPoint.BYTES);
            addIp(v, canonical, doc);
        }

        private void addIp(ValueFields v, String text, Document doc) {
            doc.add(v.ipPoint);
            doc.add(v.sortedValue(name, v.utf8(text)));
        }

        private ValueFields next() {
            if (used == values.size()) {
                values.add(new ValueFields());
            }
            return values.get(used++);
        }
    }

    /** The reusable fields of one value; which ones exist depends on the kind of its name. */
    private static final class ValueFields {
        /** A point of one 16-byte dimension: {@link InetAddressPoint}'s layout. */
        private static final org.apache.lucene.document.FieldType IP_POINT = ipPointType();

        private final BytesRef bytes = new BytesRef();
        SortedSetDocValuesField sorted;
        TextField text;
        LongPoint point;
        SortedNumericDocValuesField number;
        Field ipPoint;

        /**
         * The UTF-8 bytes of {@code value}. {@link String#getBytes} is the JDK's intrinsic encoder:
         * encoding into a reused buffer char by char instead saved its array but cost more time.
         */
        BytesRef utf8(String value) {
            bytes.bytes = value.getBytes(StandardCharsets.UTF_8);
            bytes.offset = 0;
            bytes.length = bytes.bytes.length;
            return bytes;
        }

        SortedSetDocValuesField sortedValue(String name, BytesRef value) {
            if (sorted == null) {
                sorted = new SortedSetDocValuesField(name, value);
            } else {
                sorted.setBytesValue(value);
            }
            return sorted;
        }

        /** The IP point's encoded bytes, to fill in. */
        byte[] ipBytes(String name) {
            if (ipPoint == null) {
                // A plain field of the point's type: unlike InetAddressPoint, it takes new bytes.
                ipPoint = new Field(name, new BytesRef(new byte[InetAddressPoint.BYTES]), IP_POINT);
            }
            return ipPoint.binaryValue().bytes;
        }

        private static org.apache.lucene.document.FieldType ipPointType() {
            org.apache.lucene.document.FieldType t = new org.apache.lucene.document.FieldType();
            t.setDimensions(1, InetAddressPoint.BYTES);
            t.freeze();
            return t;
        }
    }
}
