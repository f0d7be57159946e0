package io.gatewatch.store.schema;

/**
 * Text with its lone surrogates replaced by '?', the way the JDK's UTF-8 encoder writes them,
 * which is how the store writes keyword terms, doc values and JSON.
 *
 * <p>Field names and keyword values searched for must follow the same rule (patterns are left as
 * they are: a '?' there is a wildcard or a quantifier). Lucene encodes strings it is given
 * (field names, terms built from a String) with U+FFFD for a lone surrogate instead: a label key
 * with a lone surrogate and another with U+FFFD then made two fields whose names clash on disk,
 * and the index refused the whole batch; and a value searched for did not find the term indexed
 * from it. JSON-format lines can carry them: a surrogate encoded as UTF-8 reads back as a lone one.
 */
public final class LoneSurrogates {
    private LoneSurrogates() {}

    /** {@code s} with each lone surrogate replaced by '?'; {@code s} itself when it has none. */
    public static String replace(String s) {
        StringBuilder out = null;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            boolean lone = Character.isHighSurrogate(c)
                    ? i + 1 == s.length() || !Character.isLowSurrogate(s.charAt(i + 1))
                    : Character.isLowSurrogate(c) && (i == 0 || !Character.isHighSurrogate(s.charAt(i - 1)));
            if (lone && out == null) {
                out = new StringBuilder(s.length()).append(s, 0, i);
            }
            if (out != null) {
                out.append(lone ? '?' : c);
            }
        }
        return out == null ? s : out.toString();
    }
}
