package io.gatewatch.store.search;

import io.gatewatch.store.schema.FieldKind;
import io.gatewatch.store.schema.StoreFields;
import org.apache.lucene.search.Sort;
import org.apache.lucene.search.SortField;
import org.apache.lucene.search.SortedNumericSortField;
import org.apache.lucene.search.SortedSetSortField;

/** Lucene sorts for a {@link SortSpec}: the field, then journal order as the tie-break. */
public final class Sorts {
    private Sorts() {}

    /**
     * Newest first, exactly the partitions' index sort: a search in this order stops early in
     * every segment once it has its hits.
     */
    public static final Sort NEWEST_FIRST = new Sort(
            new SortedNumericSortField(StoreFields.TIMESTAMP, SortField.Type.LONG, true),
            new SortField(StoreFields.OFFSET, SortField.Type.LONG, true));

    public static Sort of(SortSpec spec) {
        if (spec.equals(SortSpec.NEWEST_FIRST)) {
            return NEWEST_FIRST;
        }
        if (spec.field().equals(StoreFields.ID)) {
            // An id is its offset as fixed-width hex: sorting by one is sorting by the other.
            return new Sort(new SortField(StoreFields.OFFSET, SortField.Type.LONG, spec.descending()));
        }
        FieldKind kind = StoreFields.kind(spec.field());
        SortField primary;
        if (kind == FieldKind.LONG || kind == FieldKind.DATE) {
            SortedNumericSortField f = new SortedNumericSortField(spec.field(), SortField.Type.LONG, spec.descending());
            // Events without the field come last in either direction.
            f.setMissingValue(spec.descending() ? Long.MIN_VALUE : Long.MAX_VALUE);
            primary = f;
        } else {
            if (!StoreFields.hasDocValues(spec.field())) {
                throw new IllegalArgumentException("cannot sort on " + spec.field() + ": it has no sort values; "
                        + StoreFields.noDocValuesReason(spec.field()));
            }
            SortedSetSortField f = new SortedSetSortField(spec.field(), spec.descending());
            f.setMissingValue(spec.descending() ? SortField.STRING_FIRST : SortField.STRING_LAST);
            primary = f;
        }
        return new Sort(primary, new SortField(StoreFields.OFFSET, SortField.Type.LONG, spec.descending()));
    }
}
