package io.gatewatch.detect.match;

/**
 * Case folding, one char at a time: the one definition of "case-insensitive" for every matcher
 * (hash keys, the automaton, wildcard patterns). Rule literals are folded once when compiled;
 * event text is folded as it is read, without a lower-cased copy.
 */
final class Fold {
    private Fold() {}

    static char fold(char c) {
        if (c < 128) {
            return c >= 'A' && c <= 'Z' ? (char) (c + 32) : c;
        }
        // Upper then lower, as String.equalsIgnoreCase compares: also folds title-case letters.
        return Character.toLowerCase(Character.toUpperCase(c));
    }

    static String fold(String s) {
        char[] out = new char[s.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = fold(s.charAt(i));
        }
        return new String(out);
    }

    /** Hash of the folded chars, computed without folding a copy. */
    static int hash(String s) {
        int h = 0;
        for (int i = 0; i < s.length(); i++) {
            h = 31 * h + fold(s.charAt(i));
        }
        return h ^ (h >>> 16);
    }

    /** Whether {@code s} folds to {@code folded} (already folded). */
    static boolean equalsFolded(String s, String folded) {
        if (s.length() != folded.length()) {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            if (fold(s.charAt(i)) != folded.charAt(i)) {
                return false;
            }
        }
        return true;
    }
}
