package io.gatewatch.store.agg;

import io.gatewatch.store.schema.FieldKind;
import io.gatewatch.store.schema.StoreFields;

/** Which doc values an aggregation reads for a field, and the error when it has none. */
final class FieldValues {
    private FieldValues() {}

    /** True for numbers and dates (sorted-numeric doc values), false for keywords and IPs (sorted-set). */
    static boolean isNumeric(String field) {
        FieldKind kind = StoreFields.kind(field);
        if (kind == FieldKind.TEXT || StoreFields.isKeywordTwin(field)) {
            throw new IllegalArgumentException("cannot aggregate on " + field
                    + ": it is full text; aggregate on a keyword field instead");
        }
        return kind == FieldKind.LONG || kind == FieldKind.DATE;
    }

    static void requireNumeric(String field, String what) {
        if (!isNumeric(field)) {
            throw new IllegalArgumentException(what + " needs a number or date field; " + field + " is not one");
        }
    }
}
