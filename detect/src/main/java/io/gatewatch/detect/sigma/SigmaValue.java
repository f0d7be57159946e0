package io.gatewatch.detect.sigma;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A rule value on its way through the value modifiers: literal text and wildcards, in the order
 * Sigma wrote them. After an encoding modifier ({@code wide}, {@code utf16le}...) the chars
 * stand for bytes (one char per byte), which is what {@code base64} then encodes.
 *
 * <p>Escapes follow the specification's table: a backslash before {@code *}, {@code ?} or
 * another backslash makes that char literal; any other backslash is itself
 * ({@code C:\Windows} needs no doubling, {@code \\*} is a backslash then a wildcard).
 */
record SigmaValue(List<Object> parts, boolean bytes) {
    /** The wildcards, as parts next to literal strings. */
    enum Wildcard {
        STAR, ONE
    }

    SigmaValue {
        parts = List.copyOf(parts);
    }

    static SigmaValue parse(String raw) {
        List<Object> parts = new ArrayList<>();
        StringBuilder lit = new StringBuilder();
        for (int i = 0; i < raw.length(); i++) {
            char c = raw.charAt(i);
            if (c == '\\' && i + 1 < raw.length() && "*?\\".indexOf(raw.charAt(i + 1)) >= 0) {
                lit.append(raw.charAt(++i));
            } else if (c == '*' || c == '?') {
                flush(parts, lit);
                parts.add(c == '*' ? Wildcard.STAR : Wildcard.ONE);
            } else {
                lit.append(c);
            }
        }
        flush(parts, lit);
        return new SigmaValue(parts, false);
    }

    static SigmaValue literal(String text) {
        return new SigmaValue(text.isEmpty() ? List.of() : List.of(text), false);
    }

    private static void flush(List<Object> parts, StringBuilder lit) {
        if (!lit.isEmpty()) {
            parts.add(lit.toString());
            lit.setLength(0);
        }
    }

    boolean hasWildcards() {
        return parts.stream().anyMatch(p -> p instanceof Wildcard);
    }

    /** The literal text; only for values without wildcards. */
    String text() {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            sb.append((String) p);
        }
        return sb.toString();
    }

    /** The value in the matcher's pattern syntax: wildcards bare, literal {@code * ? \} escaped. */
    String pattern() {
        StringBuilder sb = new StringBuilder();
        for (Object p : parts) {
            if (p == Wildcard.STAR) {
                sb.append('*');
            } else if (p == Wildcard.ONE) {
                sb.append('?');
            } else {
                String s = (String) p;
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    if (c == '*' || c == '?' || c == '\\') {
                        sb.append('\\');
                    }
                    sb.append(c);
                }
            }
        }
        return sb.toString();
    }

    SigmaValue contains() {
        return startsWith().endsWith();
    }

    /** {@code value*}: a star at the end, unless there is one. */
    SigmaValue startsWith() {
        if (!parts.isEmpty() && parts.getLast() == Wildcard.STAR) {
            return this;
        }
        List<Object> p = new ArrayList<>(parts);
        p.add(Wildcard.STAR);
        return new SigmaValue(p, bytes);
    }

    /** {@code *value}: a star at the start, unless there is one. */
    SigmaValue endsWith() {
        if (!parts.isEmpty() && parts.getFirst() == Wildcard.STAR) {
            return this;
        }
        List<Object> p = new ArrayList<>();
        p.add(Wildcard.STAR);
        p.addAll(parts);
        return new SigmaValue(p, bytes);
    }

    /** UTF-16 encoding of the literal parts (wildcards stay), as byte chars. */
    SigmaValue utf16(boolean littleEndian, boolean byteOrderMark) {
        List<Object> p = new ArrayList<>();
        boolean first = true;
        for (Object part : parts) {
            if (part instanceof String s) {
                StringBuilder sb = new StringBuilder(s.length() * 2 + 2);
                if (first && byteOrderMark) {
                    sb.append(littleEndian ? "\u00ff\u00fe" : "\u00fe\u00ff");
                }
                for (int i = 0; i < s.length(); i++) {
                    char c = s.charAt(i);
                    char hi = (char) (c >>> 8);
                    char lo = (char) (c & 0xff);
                    sb.append(littleEndian ? lo : hi).append(littleEndian ? hi : lo);
                }
                p.add(sb.toString());
            } else {
                p.add(part);
            }
            first = false;
        }
        return new SigmaValue(p, true);
    }

    private byte[] rawBytes() {
        String t = text();
        return t.getBytes(bytes ? StandardCharsets.ISO_8859_1 : StandardCharsets.UTF_8);
    }

    /** Base64 of the value; only for values without wildcards. */
    SigmaValue base64() {
        return literal(Base64.getEncoder().encodeToString(rawBytes()));
    }

    /**
     * The three forms a value takes inside longer base64 text, depending on its offset modulo
     * three: encode it after 0, 1 and 2 filler bytes, then drop the chars that depend on the
     * neighbours (the same offsets as the reference implementation).
     */
    List<SigmaValue> base64Offsets() {
        byte[] value = rawBytes();
        int[] start = {0, 2, 3};
        int[] endCut = {0, 3, 2};
        List<SigmaValue> out = new ArrayList<>(3);
        for (int i = 0; i < 3; i++) {
            byte[] shifted = new byte[i + value.length];
            for (int k = 0; k < i; k++) {
                shifted[k] = ' ';
            }
            System.arraycopy(value, 0, shifted, i, value.length);
            String enc = Base64.getEncoder().encodeToString(shifted);
            int end = enc.length() - endCut[(value.length + i) % 3];
            out.add(literal(start[i] < end ? enc.substring(start[i], end) : ""));
        }
        return out;
    }

    /**
     * Every spelling of a Windows command-line switch: a {@code -} or {@code /} at the start of
     * a word ({@code \B[-/]\b}, as the reference implementation finds them) may be any of
     * {@code - / – — ―}.
     */
    List<SigmaValue> windash(int max) {
        List<List<Object>> variants = new ArrayList<>();
        variants.add(new ArrayList<>());
        for (Object part : parts) {
            if (!(part instanceof String s)) {
                variants.forEach(v -> v.add(part));
                continue;
            }
            List<StringBuilder> texts = new ArrayList<>();
            texts.add(new StringBuilder());
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                boolean dash = (c == '-' || c == '/')
                        && (i == 0 || !isWord(s.charAt(i - 1)))
                        && i + 1 < s.length() && isWord(s.charAt(i + 1));
                if (!dash) {
                    texts.forEach(t -> t.append(c));
                    continue;
                }
                List<StringBuilder> next = new ArrayList<>();
                for (StringBuilder t : texts) {
                    for (char d : DASHES) {
                        next.add(new StringBuilder(t).append(d));
                    }
                }
                texts = next;
                if ((long) texts.size() * variants.size() > max) {
                    throw new IllegalArgumentException("windash: more than " + max + " variants");
                }
            }
            List<List<Object>> grown = new ArrayList<>();
            for (List<Object> v : variants) {
                for (StringBuilder t : texts) {
                    List<Object> copy = new ArrayList<>(v);
                    copy.add(t.toString());
                    grown.add(copy);
                }
            }
            variants = grown;
        }
        return variants.stream().map(v -> new SigmaValue(v, bytes)).toList();
    }

    private static final char[] DASHES = {'-', '/', '\u2013', '\u2014', '\u2015'};

    private static boolean isWord(char c) {
        return c == '_' || Character.isLetterOrDigit(c);
    }
}
