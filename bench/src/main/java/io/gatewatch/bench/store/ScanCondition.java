package io.gatewatch.bench.store;

import java.util.Locale;

/**
 * The condition of an analyst's question, written in code for the NDJSON scan (the baseline): what
 * the events query language asks of one field, tested on that field's JSON values. An event
 * matches when any value of the field does.
 */
sealed interface ScanCondition {
    /** The dotted ECS path the condition reads, or null when it reads none. */
    String path();

    boolean test(String value);

    /** Every event: the question is only its time window. */
    record MatchAll() implements ScanCondition {
        @Override
        public String path() {
            return null;
        }

        @Override
        public boolean test(String value) {
            return true;
        }
    }

    /** {@code field:value} on a keyword or an IP written in canonical form. */
    record Equals(String path, String expected) implements ScanCondition {
        @Override
        public boolean test(String value) {
            return expected.equals(value);
        }
    }

    /** {@code field:prefix*} on a keyword. */
    record Prefix(String path, String prefix) implements ScanCondition {
        @Override
        public boolean test(String value) {
            return value.startsWith(prefix);
        }
    }

    /** {@code field:*infix*} on a keyword. */
    record Contains(String path, String infix) implements ScanCondition {
        @Override
        public boolean test(String value) {
            return value.contains(infix);
        }
    }

    /** {@code field:a.b.c.d/len} on an IP field: IPv4 addresses in that network. */
    record InIpv4Network(String path, int network, int prefixLength) implements ScanCondition {
        static InIpv4Network of(String path, String cidr) {
            int slash = cidr.indexOf('/');
            int len = Integer.parseInt(cidr.substring(slash + 1));
            long addr = ipv4(cidr.substring(0, slash));
            if (addr < 0 || len < 0 || len > 32) {
                throw new IllegalArgumentException("not an IPv4 network: " + cidr);
            }
            return new InIpv4Network(path, (int) addr & mask(len), len);
        }

        @Override
        public boolean test(String value) {
            long addr = ipv4(value);
            return addr >= 0 && ((int) addr & mask(prefixLength)) == network;
        }

        private static int mask(int len) {
            return len == 0 ? 0 : -1 << (32 - len);
        }

        /** The dotted quad as an unsigned 32-bit number, or -1 when the text is not one. */
        static long ipv4(String s) {
            long addr = 0;
            int octets = 0;
            int i = 0;
            int n = s.length();
            while (i < n && octets < 4) {
                int start = i;
                int v = 0;
                while (i < n && s.charAt(i) >= '0' && s.charAt(i) <= '9' && i - start < 3) {
                    v = v * 10 + (s.charAt(i) - '0');
                    i++;
                }
                if (i == start || v > 255) {
                    return -1;
                }
                addr = addr << 8 | v;
                octets++;
                if (octets < 4) {
                    if (i >= n || s.charAt(i) != '.') {
                        return -1;
                    }
                    i++;
                }
            }
            return octets == 4 && i == n ? addr : -1;
        }
    }

    /**
     * A quoted phrase over analysed text: the words in a row, ignoring case, not inside longer
     * words. The store's tokenizer splits on the same boundaries for the phrases the mix uses
     * (letters and spaces only); the bench's test checks both give the same hits.
     */
    record Phrase(String path, String phrase) implements ScanCondition {
        public Phrase {
            phrase = phrase.toLowerCase(Locale.ROOT);
        }

        @Override
        public boolean test(String value) {
            String text = value.toLowerCase(Locale.ROOT);
            for (int at = text.indexOf(phrase); at >= 0; at = text.indexOf(phrase, at + 1)) {
                int after = at + phrase.length();
                if ((at == 0 || !Character.isLetterOrDigit(text.charAt(at - 1)))
                        && (after == text.length() || !Character.isLetterOrDigit(text.charAt(after)))) {
                    return true;
                }
            }
            return false;
        }
    }
}
