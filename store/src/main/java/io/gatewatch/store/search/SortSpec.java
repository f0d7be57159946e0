package io.gatewatch.store.search;

import io.gatewatch.store.schema.FieldKind;
import io.gatewatch.store.schema.StoreFields;

/** Sort order of a search: one field and a direction; ties are broken by journal order. */
public record SortSpec(String field, boolean descending) {
    public static final SortSpec NEWEST_FIRST = new SortSpec(StoreFields.TIMESTAMP, true);

    public SortSpec {
        FieldKind kind = StoreFields.kind(field);
        if (kind == FieldKind.TEXT) {
            throw new IllegalArgumentException("cannot sort on the text field " + field);
        }
    }

    /** {@code field}, {@code field:asc} or {@code field:desc}; blank gives newest first. */
    public static SortSpec parse(String text) {
        if (text == null || text.isBlank()) {
            return NEWEST_FIRST;
        }
        String t = text.strip();
        int colon = t.lastIndexOf(':');
        if (colon > 0) {
            String dir = t.substring(colon + 1);
            if (dir.equalsIgnoreCase("asc") || dir.equalsIgnoreCase("desc")) {
                return new SortSpec(t.substring(0, colon), dir.equalsIgnoreCase("desc"));
            }
        }
        return new SortSpec(t, true);
    }
}
