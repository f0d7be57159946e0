package io.gatewatch.store.schema;

import io.gatewatch.core.ecs.EcsField;
import java.util.Set;

/**
 * The one table of how event fields are indexed, derived from the ECS field table in {@code core}
 * ({@link EcsField#type()}) with the store's additions: text fields get a keyword twin and
 * keyword URL fields a text twin, as ECS's own mappings do; fields we do not know (labels, syslog
 * structured data, anything new) are keywords.
 *
 * <p>Naming follows Elasticsearch's multi-fields, so queries written for the reference platform
 * keep working: {@code message} is text and {@code message.keyword} its exact form;
 * {@code url.original} is a keyword and {@code url.original.text} its analysed form.
 */
public final class StoreFields {
    /** Keyword values longer than this are kept in the source but not indexed (ES's ignore_above). */
    public static final int MAX_KEYWORD_BYTES = 4096;

    /** Document id: the journal event id (a UUID string, ECS {@code event.id}), keyword. */
    public static final String ID = "event.id";
    /** Journal offset of the event, long: orders events that share a timestamp, finds raw lines. */
    public static final String OFFSET = "_offset";
    /**
     * The whole ECS event as JSON, stored (compressed by the codec), not indexed: for events the
     * store could not rebuild from {@link #SOURCE_REST} and doc values, and in partitions written
     * before those existed.
     */
    public static final String SOURCE = "_source";
    /**
     * The ECS event's fields that its doc values do not give back exactly, as JSON, stored: with
     * the doc values, the event again.
     */
    public static final String SOURCE_REST = "_source_rest";
    /**
     * Where to cut the event's text fields that are pieces of its message (event.original,
     * event.reason) from the message in {@link #SOURCE_REST}, stored, binary.
     */
    public static final String SOURCE_DERIVED = "_source_derived";
    /** Name of the intake the event arrived on, keyword. */
    public static final String INTAKE = "gatewatch.intake";
    /** When gatewatch received the event (ECS {@code event.ingested}), date. */
    public static final String INGESTED = "event.ingested";
    /** The event time, date; the default sort and the time window apply to it. */
    public static final String TIMESTAMP = "@timestamp";
    /** Free text without a field name searches here. */
    public static final String DEFAULT_TEXT_FIELD = "message";

    /**
     * Keywords indexed as terms without doc values. {@code event.reason} is the message's text
     * after its code, names and addresses included: 75% of its values were distinct, 130 bytes
     * each, and its doc values cost 6% of the index while counting them tells nothing.
     */
    static final Set<String> TERMS_ONLY = Set.of(EcsField.EVENT_REASON.path());

    static final String KEYWORD_SUFFIX = ".keyword";
    static final String TEXT_SUFFIX = ".text";

    private StoreFields() {}

    /** How the field with this dotted path is indexed. Never null: unknown fields are keywords. */
    public static FieldKind kind(String path) {
        switch (path) {
            case ID, INTAKE -> {
                return FieldKind.KEYWORD;
            }
            case OFFSET -> {
                return FieldKind.LONG;
            }
            case INGESTED -> {
                return FieldKind.DATE;
            }
            default -> { }
        }
        EcsField field = EcsField.byPath(path);
        if (field != null) {
            return primaryKind(field);
        }
        if (path.endsWith(KEYWORD_SUFFIX)) {
            EcsField base = EcsField.byPath(path.substring(0, path.length() - KEYWORD_SUFFIX.length()));
            if (base != null && primaryKind(base) == FieldKind.TEXT) {
                return FieldKind.KEYWORD;
            }
        }
        if (path.endsWith(TEXT_SUFFIX)) {
            EcsField base = EcsField.byPath(path.substring(0, path.length() - TEXT_SUFFIX.length()));
            if (base != null && hasTextTwin(base)) {
                return FieldKind.TEXT;
            }
        }
        return FieldKind.KEYWORD;
    }

    /** How an ECS field's own name is indexed. */
    public static FieldKind primaryKind(EcsField field) {
        return switch (field.type()) {
            case TEXT -> FieldKind.TEXT;
            case IP, IP_LIST -> FieldKind.IP;
            case LONG -> FieldKind.LONG;
            case DATE -> FieldKind.DATE;
            case KEYWORD, KEYWORD_LIST, OBJECT -> FieldKind.KEYWORD;
        };
    }

    /** Text fields also get an exact twin, {@code path.keyword}. */
    public static boolean hasKeywordTwin(EcsField field) {
        return field.type() == io.gatewatch.core.ecs.FieldType.TEXT;
    }

    /** Keyword URL fields also get an analysed twin, {@code path.text}, as ECS maps url.original. */
    public static boolean hasTextTwin(EcsField field) {
        return field.path().startsWith("url.") && field.type() == io.gatewatch.core.ecs.FieldType.KEYWORD;
    }

    /** True for {@code path.keyword} twins of text fields: a fingerprint term, no doc values. */
    public static boolean isKeywordTwin(String path) {
        if (!path.endsWith(KEYWORD_SUFFIX)) {
            return false;
        }
        EcsField base = EcsField.byPath(path.substring(0, path.length() - KEYWORD_SUFFIX.length()));
        return base != null && hasKeywordTwin(base);
    }

    /** True for the fields that only hold the stored source: nothing can search them. */
    public static boolean isStoredOnly(String path) {
        return path.equals(SOURCE) || path.equals(SOURCE_REST) || path.equals(SOURCE_DERIVED);
    }

    /** True for keywords indexed as terms without doc values ({@link #TERMS_ONLY}). */
    public static boolean isTermsOnly(String path) {
        return TERMS_ONLY.contains(path);
    }

    /**
     * True when the field has doc values, which terms aggregations, cardinality, metrics and
     * sorting read: numbers, dates, IPs and keywords, except text, exact twins, {@link #ID}
     * and {@link #TERMS_ONLY} keywords.
     */
    public static boolean hasDocValues(String path) {
        return noDocValuesReason(path) == null;
    }

    /**
     * Why the field has no doc values, as the end of a sentence such as "cannot aggregate on
     * event.reason: …", or null when it has them.
     */
    public static String noDocValuesReason(String path) {
        if (path.equals(ID)) {
            return "event ids are unique; use " + OFFSET + ", their journal order, instead";
        }
        if (isTermsOnly(path)) {
            return "its values are nearly unique per event, so it is indexed for searching only";
        }
        if (isKeywordTwin(path)) {
            return "it is indexed as a fingerprint of the whole text, for exact matches only";
        }
        if (kind(path) == FieldKind.TEXT) {
            return "it is full text; use a keyword field instead";
        }
        return null;
    }

    /** The keyword twin's name of a text field. */
    public static String keywordTwin(String path) {
        return path + KEYWORD_SUFFIX;
    }

    /** The text twin's name of a keyword URL field. */
    public static String textTwin(String path) {
        return path + TEXT_SUFFIX;
    }
}
