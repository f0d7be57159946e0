package io.gatewatch.store.index;

import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.ecs.FieldType;
import java.util.Arrays;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.logging.Logger;
import org.apache.lucene.index.FieldInfo;

/**
 * The fields a partition made from the keys of object fields ({@code labels.*}, {@code syslog.*}):
 * at most {@link #MAX} of them, as Elasticsearch's limit on the fields of an index.
 *
 * <p>Those keys come from the lines, so a sender can make up new ones with every event. Each new
 * name is a new Lucene field, which every segment describes and every merge carries on, for as
 * long as the partition lives. Past the limit, values under new keys are not indexed; they stay
 * in the event's stored source, so they are still shown. Keys already indexed go on being indexed.
 * Thread-safe: indexing threads ask at the same time.
 */
final class ObjectKeyFields {
    /** Distinct object-key fields one partition indexes. */
    static final int MAX = 1_000;

    private static final Logger LOG = Logger.getLogger(ObjectKeyFields.class.getName());
    private static final List<String> PREFIXES = prefixes();
    private static final ObjectKeyFields UNLIMITED = new ObjectKeyFields("", List.of(), Integer.MAX_VALUE);

    private final String partition;
    private final int max;
    private final Set<String> names = ConcurrentHashMap.newKeySet();
    private final AtomicBoolean warned = new AtomicBoolean();

    /** For the partition named {@code partition}, which already has the fields {@code existing}. */
    ObjectKeyFields(String partition, Iterable<FieldInfo> existing) {
        this(partition, existing, MAX);
    }

    private ObjectKeyFields(String partition, Iterable<FieldInfo> existing, int max) {
        this.partition = partition;
        this.max = max;
        for (FieldInfo field : existing) {
            if (isObjectKey(field.name)) {
                names.add(field.name);
            }
        }
    }

    /** No limit: for documents built outside a partition (benchmarks, tests). */
    static ObjectKeyFields unlimited() {
        return UNLIMITED;
    }

    /** True when {@code name} may be indexed: known already, or new within the limit. */
    boolean admit(String name) {
        if (max == Integer.MAX_VALUE || names.contains(name)) {
            return true;
        }
        synchronized (this) { // new names only: the limit holds exactly
            if (names.contains(name)) {
                return true;
            }
            if (names.size() < max) {
                names.add(name);
                return true;
            }
        }
        if (warned.compareAndSet(false, true)) {
            LOG.warning("partition " + partition + " indexes " + max + " fields from object keys already; values"
                    + " under further keys (such as " + name + ") are kept in the events' source, not indexed");
        }
        return false;
    }

    /** True for the names {@link EventDocuments} makes from object keys. */
    private static boolean isObjectKey(String name) {
        for (String prefix : PREFIXES) {
            if (name.startsWith(prefix)) {
                return true;
            }
        }
        return false;
    }

    private static List<String> prefixes() {
        return Arrays.stream(EcsField.values())
                .filter(f -> f.type() == FieldType.OBJECT)
                .map(f -> f.path() + '.')
                .toList();
    }
}
