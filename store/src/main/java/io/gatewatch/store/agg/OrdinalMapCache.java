package io.gatewatch.store.agg;

import java.io.IOException;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.lucene.index.DocValues;
import org.apache.lucene.index.IndexReader;
import org.apache.lucene.index.LeafReader;
import org.apache.lucene.index.OrdinalMap;
import org.apache.lucene.index.SortedSetDocValues;
import org.apache.lucene.util.packed.PackedInts;

/**
 * Ordinal maps (segment ordinal to global ordinal) of a field over a multi-segment reader, built
 * once per reader and field. Building one reads every term of every segment (tens of milliseconds
 * for a million distinct values), more than the counting it serves: searches over the same
 * partition reuse it until the reader closes.
 *
 * <p>Bounded: at most {@code capacity} maps, least recently used dropped first, and the maps of a
 * reader go when it closes (a refresh opens a new reader, so they would never be asked for again).
 * Thread-safe; two searches that miss together may both build, and one of the maps is kept.
 */
final class OrdinalMapCache {
    static final int DEFAULT_CAPACITY = 16;
    private static final OrdinalMapCache SHARED = new OrdinalMapCache(DEFAULT_CAPACITY);

    private record Key(IndexReader.CacheKey reader, String field) {}

    private final int capacity;
    private final Map<Key, OrdinalMap> maps;
    /** Readers whose close is watched: one listener per reader, however often its maps come and go. */
    private final Set<IndexReader.CacheKey> watched = new HashSet<>();

    OrdinalMapCache(int capacity) {
        this.capacity = capacity;
        this.maps = new LinkedHashMap<>(capacity * 2, 0.75f, true) {
            @Override
            protected boolean removeEldestEntry(Map.Entry<Key, OrdinalMap> eldest) {
                return size() > OrdinalMapCache.this.capacity;
            }
        };
    }

    static OrdinalMapCache shared() {
        return SHARED;
    }

    /** The map of {@code field} over {@code reader}, whose segments are {@code segments} in order. */
    OrdinalMap get(IndexReader reader, String field, List<LeafReader> segments) throws IOException {
        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
        if (helper == null) {
            return build(null, field, segments); // a reader that cannot say when it closes: not cached
        }
        Key key = new Key(helper.getKey(), field);
        synchronized (this) {
            OrdinalMap cached = maps.get(key);
            if (cached != null) {
                return cached;
            }
        }
        OrdinalMap built = build(key.reader(), field, segments);
        boolean watch;
        synchronized (this) {
            OrdinalMap raced = maps.putIfAbsent(key, built);
            if (raced != null) {
                return raced;
            }
            watch = watched.add(key.reader());
        }
        if (watch) {
            helper.addClosedListener(this::evict);
        }
        return built;
    }

    private static OrdinalMap build(IndexReader.CacheKey owner, String field, List<LeafReader> segments)
            throws IOException {
        SortedSetDocValues[] values = new SortedSetDocValues[segments.size()];
        for (int i = 0; i < values.length; i++) {
            values[i] = DocValues.getSortedSet(segments.get(i), field);
        }
        // DEFAULT packing: the map is read once per counted value, and the compact form halves
        // its memory for a few percent of lookup time.
        return OrdinalMap.build(owner, values, PackedInts.DEFAULT);
    }

    private synchronized void evict(IndexReader.CacheKey closed) {
        maps.keySet().removeIf(k -> k.reader() == closed);
        watched.remove(closed);
    }

    synchronized int size() {
        return maps.size();
    }

    synchronized boolean holds(IndexReader reader, String field) {
        IndexReader.CacheHelper helper = reader.getReaderCacheHelper();
        return helper != null && maps.containsKey(new Key(helper.getKey(), field));
    }
}
