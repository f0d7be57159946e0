package io.gatewatch.store.index;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.ecs.FieldType;
import io.gatewatch.core.ecs.Utf8Text;
import io.gatewatch.core.net.IpAddresses;
import io.gatewatch.store.schema.IpLiterals;
import io.gatewatch.store.schema.StoreFields;
import java.io.IOException;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.lucene.index.DocValuesType;
import org.apache.lucene.index.FieldInfo;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.SortedNumericDocValues;
import org.apache.lucene.index.SortedSetDocValues;

/**
 * The values of an event that its doc values give back exactly, so that the stored source need
 * not hold them a second time (as Elasticsearch's synthetic source does).
 *
 * <p>Numbers, dates, IP addresses and keywords are in doc values already, for aggregations and
 * sorting; keeping them in the stored JSON as well cost about 150 bytes an event after
 * compression, more than half of the store's stored fields. Doc values give a value back exactly
 * only under conditions that {@link #givesBack} checks when the event is indexed: a single
 * number; a keyword short enough to be indexed; an IP address in its canonical form; a list
 * already in the sorted, duplicate-free order doc values keep. Anything else (text, objects,
 * lists in another order, long keywords, an address written otherwise) stays in the stored
 * rest of the source, and wins over doc values when the event is read.
 */
final class DocValueSource {
    /** How a field's doc values hold its value. */
    enum Kind { NUMBER, KEYWORD, IP }

    private static final Kind[] KINDS = kinds();

    private DocValueSource() {}

    /** How {@code field}'s value comes back from doc values, or null when it does not. */
    static Kind kind(EcsField field) {
        return KINDS[field.ordinal()];
    }

    private static Kind[] kinds() {
        Kind[] kinds = new Kind[EcsField.values().length];
        for (EcsField f : EcsField.values()) {
            if (f == EcsField.EVENT_ID || f == EcsField.EVENT_ORIGINAL || f.type() == FieldType.OBJECT
                    || !StoreFields.hasDocValues(f.path())) {
                continue;
            }
            kinds[f.ordinal()] = switch (StoreFields.primaryKind(f)) {
                case LONG, DATE -> Kind.NUMBER;
                case KEYWORD -> Kind.KEYWORD;
                case IP -> Kind.IP;
                case TEXT -> null;
            };
        }
        return kinds;
    }

    /** True when the doc values that indexing {@code value} writes give exactly {@code value} back. */
    static boolean givesBack(EcsField field, Object value) {
        Kind kind = kind(field);
        if (kind == null) {
            return false;
        }
        boolean listField = field.type() == FieldType.KEYWORD_LIST || field.type() == FieldType.IP_LIST;
        if (kind == Kind.NUMBER) {
            return value instanceof Long;
        }
        if (!listField) {
            String text = text(value);
            return text != null && (kind == Kind.IP ? canonicalIp(text) : indexable(text));
        }
        if (!(value instanceof List<?> list) || list.isEmpty()) {
            return false;
        }
        byte[] previous = null;
        for (Object item : list) {
            if (!(item instanceof String s) || !(kind == Kind.IP ? canonicalIp(s) : indexable(s))) {
                return false;
            }
            byte[] utf8 = s.getBytes(StandardCharsets.UTF_8);
            // Sorted sets keep their values in byte order, once each.
            if (previous != null && Arrays.compareUnsigned(previous, utf8) >= 0) {
                return false;
            }
            previous = utf8;
        }
        return true;
    }

    private static String text(Object value) {
        if (value instanceof String s) {
            return s;
        }
        return value instanceof Utf8Text t ? t.toString() : null;
    }

    /** Keywords longer than the limit are not indexed (see {@link StoreFields#MAX_KEYWORD_BYTES}). */
    private static boolean indexable(String s) {
        return s.length() * 3 <= StoreFields.MAX_KEYWORD_BYTES
                || s.getBytes(StandardCharsets.UTF_8).length <= StoreFields.MAX_KEYWORD_BYTES;
    }

    /** Doc values hold an address in its canonical text: exact when it was written so. */
    private static boolean canonicalIp(String s) {
        if (IpAddresses.isIpv4(s, 0, s.length())) {
            return true;
        }
        InetAddress addr = IpLiterals.parse(s);
        return addr != null && IpLiterals.format(addr).equals(s);
    }

    /**
     * One leaf's doc values of the fields that may come back from them, read forward: documents
     * must be asked for in increasing order.
     */
    static final class LeafValues {
        private final EcsField[] fields;
        private final SortedNumericDocValues[] numbers;
        private final SortedSetDocValues[] keywords;

        LeafValues(LeafReader leaf) throws IOException {
            List<EcsField> present = new ArrayList<>();
            List<Object> iterators = new ArrayList<>();
            for (EcsField f : EcsField.values()) {
                Kind kind = kind(f);
                FieldInfo info = kind == null ? null : leaf.getFieldInfos().fieldInfo(f.path());
                if (info == null) {
                    continue;
                }
                if (kind == Kind.NUMBER && info.getDocValuesType() == DocValuesType.SORTED_NUMERIC) {
                    present.add(f);
                    iterators.add(leaf.getSortedNumericDocValues(f.path()));
                } else if (kind != Kind.NUMBER && info.getDocValuesType() == DocValuesType.SORTED_SET) {
                    present.add(f);
                    iterators.add(leaf.getSortedSetDocValues(f.path()));
                }
            }
            fields = present.toArray(new EcsField[0]);
            numbers = new SortedNumericDocValues[fields.length];
            keywords = new SortedSetDocValues[fields.length];
            for (int i = 0; i < fields.length; i++) {
                if (iterators.get(i) instanceof SortedNumericDocValues n) {
                    numbers[i] = n;
                } else {
                    keywords[i] = (SortedSetDocValues) iterators.get(i);
                }
            }
        }

        /** Sets on {@code event} the fields of {@code doc} it does not have yet. */
        void fill(int doc, EcsEvent event) throws IOException {
            for (int i = 0; i < fields.length; i++) {
                EcsField f = fields[i];
                if (event.has(f)) {
                    continue; // the stored rest holds it as it was
                }
                if (numbers[i] != null) {
                    if (numbers[i].advanceExact(doc) && numbers[i].docValueCount() == 1) {
                        event.setLong(f, numbers[i].nextValue());
                    }
                    continue;
                }
                SortedSetDocValues values = keywords[i];
                if (!values.advanceExact(doc)) {
                    continue;
                }
                int count = values.docValueCount();
                if (f.type() == FieldType.KEYWORD_LIST || f.type() == FieldType.IP_LIST) {
                    List<String> list = new ArrayList<>(count);
                    for (int j = 0; j < count; j++) {
                        list.add(values.lookupOrd(values.nextOrd()).utf8ToString());
                    }
                    event.setList(f, list);
                } else if (count == 1) {
                    event.set(f, values.lookupOrd(values.nextOrd()).utf8ToString());
                }
            }
        }
    }
}
