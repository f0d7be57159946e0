package io.gatewatch.store.index;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.ecs.EcsJsonReader;
import io.gatewatch.core.journal.JournalRecord;
import io.gatewatch.store.schema.StoreFields;
import io.gatewatch.store.search.FoundEvent;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import org.apache.lucene.document.Document;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReaderContext;
import org.apache.lucene.index.ReaderUtil;
import org.apache.lucene.index.StoredFields;
import org.apache.lucene.search.ScoreDoc;
import org.apache.lucene.util.BytesRef;

/**
 * The ECS JSON of found documents: the stored source where a document has one (partitions
 * written before {@link DocValueSource}, events stored whole), else the stored rest of the source
 * completed from its message ({@link DerivedText}) and doc values ({@link DocValueSource}) and
 * written again.
 */
final class EventSources {
    private static final Set<String> STORED =
            Set.of(StoreFields.SOURCE, StoreFields.SOURCE_REST, StoreFields.SOURCE_DERIVED, StoreFields.OFFSET);

    private EventSources() {}

    /** The events of {@code hits}, in the hits' order. */
    static List<FoundEvent> load(IndexReader reader, ScoreDoc[] hits) throws IOException {
        FoundEvent[] found = new FoundEvent[hits.length];
        // Doc values read forward only: per segment, in document order.
        Integer[] order = new Integer[hits.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, Comparator.comparingInt(i -> hits[i].doc));
        List<LeafReaderContext> leaves = reader.leaves();
        int leafIndex = -1;
        LeafReaderContext leaf = null;
        StoredFields stored = null;
        DocValueSource.LeafValues values = null;
        for (int i : order) {
            int doc = hits[i].doc;
            int l = ReaderUtil.subIndex(doc, leaves);
            if (l != leafIndex) {
                leafIndex = l;
                leaf = leaves.get(l);
                stored = leaf.reader().storedFields();
                values = null; // made when a document of this segment needs them
            }
            int leafDoc = doc - leaf.docBase;
            Document d = stored.document(leafDoc, STORED);
            long offset = d.getField(StoreFields.OFFSET).numericValue().longValue();
            String id = JournalRecord.eventId(offset);
            BytesRef whole = d.getBinaryValue(StoreFields.SOURCE);
            if (whole != null) {
                found[i] = new FoundEvent(id, offset, whole.utf8ToString());
                continue;
            }
            BytesRef rest = d.getBinaryValue(StoreFields.SOURCE_REST);
            EcsEvent event = rest == null ? new EcsEvent() : EcsJsonReader.read(rest.bytes, rest.offset, rest.length);
            BytesRef cuts = d.getBinaryValue(StoreFields.SOURCE_DERIVED);
            if (cuts != null) {
                DerivedText.restore(cuts, event);
            }
            if (values == null) {
                values = new DocValueSource.LeafValues(leaf.reader());
            }
            values.fill(leafDoc, event);
            event.set(EcsField.EVENT_ID, id);
            found[i] = new FoundEvent(id, offset, event.toJson());
        }
        return new ArrayList<>(Arrays.asList(found));
    }
}
