package io.gatewatch.store.search;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.lucene.search.FieldDoc;
import org.apache.lucene.util.BytesRef;

/**
 * Search cursors: the sort values of the last hit of a page, as an opaque URL-safe string. The
 * journal offset is always the last sort value, so a cursor names one position exactly and deep
 * pages cost what the first one does.
 */
public final class SearchCursors {
    private static final int MAX_CURSOR_CHARS = 8192;

    private SearchCursors() {}

    public static String encode(FieldDoc last) {
        StringBuilder sb = new StringBuilder();
        for (Object v : last.fields) {
            if (!sb.isEmpty()) {
                sb.append('\n');
            }
            if (v instanceof Long l) {
                sb.append('n').append(l);
            } else if (v instanceof BytesRef b) {
                sb.append('s').append(Base64.getUrlEncoder().withoutPadding().encodeToString(BytesRef.deepCopyOf(b).bytes));
            } else if (v == null) {
                sb.append('0');
            } else {
                throw new IllegalStateException("unexpected sort value " + v.getClass());
            }
        }
        return Base64.getUrlEncoder().withoutPadding().encodeToString(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** The position a cursor names, checked against the number of sort fields of the search. */
    public static FieldDoc decode(String cursor, int sortFields) {
        try {
            if (cursor.length() > MAX_CURSOR_CHARS) {
                throw new IllegalArgumentException("too long");
            }
            String text = new String(Base64.getUrlDecoder().decode(cursor), StandardCharsets.UTF_8);
            String[] parts = text.split("\n", -1);
            if (parts.length != sortFields) {
                throw new IllegalArgumentException("made for another sort order");
            }
            Object[] values = new Object[parts.length];
            for (int i = 0; i < parts.length; i++) {
                String p = parts[i];
                if (p.isEmpty()) {
                    throw new IllegalArgumentException("empty value");
                }
                values[i] = switch (p.charAt(0)) {
                    case 'n' -> Long.parseLong(p.substring(1));
                    case 's' -> new BytesRef(Base64.getUrlDecoder().decode(p.substring(1)));
                    case '0' -> null;
                    default -> throw new IllegalArgumentException("unknown value type");
                };
            }
            return new FieldDoc(Integer.MAX_VALUE, Float.NaN, values);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("invalid cursor (" + e.getMessage() + "); start again without one", e);
        }
    }
}
