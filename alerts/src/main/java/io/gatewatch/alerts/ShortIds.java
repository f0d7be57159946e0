package io.gatewatch.alerts;

/**
 * Short alert ids people can read out: {@code AL} and 8 Crockford base32 characters (40 bits) of
 * the alert's sequence number, permuted so consecutive alerts do not look alike. Multiplying by an
 * odd number modulo 2^40 is a bijection, so ids stay unique for 2^40 alerts.
 */
final class ShortIds {
    private static final char[] ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz".toCharArray();
    private static final long MASK = (1L << 40) - 1;
    private static final long MULTIPLIER = 0x9E3779B97L; // odd

    private ShortIds() {}

    static String of(long seq) {
        long v = ((seq * MULTIPLIER) ^ 0x5A5A5A5A5AL) & MASK;
        char[] out = new char[10];
        out[0] = 'A';
        out[1] = 'L';
        for (int i = 9; i >= 2; i--) {
            out[i] = ALPHABET[(int) (v & 31)];
            v >>>= 5;
        }
        return new String(out);
    }

    static boolean looksLikeOne(String s) {
        return s.length() == 10 && (s.startsWith("AL") || s.startsWith("al"));
    }
}
