package io.gatewatch.store.query;

import org.apache.lucene.util.automaton.Operations;

/**
 * Bounds on what one query may cost. Queries come from users of the API, so every dimension
 * that could make parsing or searching expensive has a limit, and going over it is a
 * {@link QuerySyntaxException} that names the limit.
 */
public final class QueryLimits {
    /** Longest query text, in UTF-8 bytes (8 KiB). */
    public static final int MAX_QUERY_BYTES = 8 * 1024;
    /** Deepest nesting of parentheses (field groups such as {@code f:(a OR b)} count too). */
    public static final int MAX_DEPTH = 32;
    /**
     * Most leaf clauses in the final Lucene query. Lucene's own default limit is 1024 too;
     * the search adds its time window beside the query, which Lucene's count still allows.
     */
    public static final int MAX_CLAUSES = 1024;
    /** Longest wildcard pattern or regular expression, in chars. */
    public static final int MAX_PATTERN_CHARS = 1000;
    /** Longest field name, in chars. */
    public static final int MAX_FIELD_NAME_CHARS = 256;
    /** Longest date expression ({@code 2026-11-23T10:00:00Z}, {@code now-7d/d}), in chars. */
    public static final int MAX_DATE_CHARS = 256;
    /** Work Lucene may spend making a wildcard or regex automaton deterministic. */
    public static final int DETERMINIZE_WORK_LIMIT = Operations.DEFAULT_DETERMINIZE_WORK_LIMIT;
    /**
     * Largest automaton, in states, that a regular expression may build before it is made
     * deterministic: repetitions such as {@code (a{999}){999}} would otherwise allocate a
     * million states before the determinize limit ever applies.
     */
    public static final int MAX_REGEX_STATES = 10_000;
    /** Deepest nesting of groups inside one regular expression. */
    public static final int MAX_REGEX_DEPTH = 32;

    private QueryLimits() {}
}
