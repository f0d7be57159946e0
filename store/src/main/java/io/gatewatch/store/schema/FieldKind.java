package io.gatewatch.store.schema;

/**
 * How one indexed field is laid out in Lucene; the indexer writes it this way and the query
 * translator and aggregations read it this way, so both derive it from {@link StoreFields}.
 */
public enum FieldKind {
    /**
     * Exact string: an indexed term ({@code StringField}, docs only) plus sorted-set doc values
     * for terms aggregations, sorting and {@code _exists_}. Values longer than
     * {@link StoreFields#MAX_KEYWORD_BYTES} are not indexed as keywords (stored source keeps them).
     * Nearly unique keywords depart from this (no doc values, a fingerprint, or not indexed):
     * see {@link StoreFields}.
     */
    KEYWORD,
    /** Analysed full text ({@code TextField}, standard tokenizer, lower-cased, with norms). */
    TEXT,
    /** IPv4 or IPv6 address: {@code InetAddressPoint} plus sorted-set doc values of its text form. */
    IP,
    /** 64-bit integer: {@code LongPoint} plus sorted-numeric doc values. */
    LONG,
    /** Instant as epoch milliseconds: {@code LongPoint} plus sorted-numeric doc values. */
    DATE
}
