package io.gatewatch.detect.sigma;

/**
 * Bounds on rule input. Rules come from users and are loaded by a service: a rule file that is
 * too big, too deep or expands into too many values is refused with an error, never allowed to
 * exhaust memory or time. The numbers are far above what real rules need (the largest SigmaHQ
 * rules have a few hundred values).
 */
final class Limits {
    private Limits() {}

    /** Largest rule or examples file. */
    static final int MAX_FILE_BYTES = 1024 * 1024;
    /** Most rule files in one directory tree. */
    static final int MAX_FILES = 10_000;
    /** Most values (after expansion by modifiers) in one rule. */
    static final int MAX_VALUES_PER_RULE = 10_000;
    /** Most variants one value may expand to (windash, expand, base64offset). */
    static final int MAX_EXPANSION = 1_000;
    /** Most search identifiers in one rule. */
    static final int MAX_SEARCH_IDENTIFIERS = 1_000;
    /** Longest condition. */
    static final int MAX_CONDITION_CHARS = 4_096;
    /** Deepest nesting of parentheses and {@code not} in a condition. */
    static final int MAX_CONDITION_DEPTH = 64;
    /**
     * Most tests a condition may stand for once its search identifiers are inlined: an identifier
     * named many times is copied each time, so a short condition over a big selection could
     * otherwise compile into millions of nodes.
     */
    static final int MAX_CONDITION_TESTS = 100_000;
    /** Longest title, id or name. */
    static final int MAX_NAME_CHARS = 512;
}
