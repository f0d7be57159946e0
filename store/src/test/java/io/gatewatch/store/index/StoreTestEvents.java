package io.gatewatch.store.index;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.store.IndexedEvent;
import java.util.ArrayList;
import java.util.List;

/** Hand-made events for store tests: predictable fields, one per journal offset. */
final class StoreTestEvents {
    static final long DAY = 86_400_000L;

    private StoreTestEvents() {}

    /** Event {@code i}: reason "reason {i}", user u{i%5}, source 10.0.{i%3}.{i%250} (IPv6 for every 7th), port 1000+i, one second apart. */
    static IndexedEvent event(long offset, String intake, long receivedAt, long timestamp) {
        int i = (int) offset;
        EcsEvent e = new EcsEvent()
                .setLong(EcsField.TIMESTAMP, timestamp)
                .set(EcsField.MESSAGE, "Login succeeded for user u" + (i % 5) + " from host number " + i)
                .set(EcsField.EVENT_REASON, "reason " + i)
                .set(EcsField.EVENT_CODE, i % 2 == 0 ? "AUT24414" : "AUT23457")
                .set(EcsField.USER_NAME, "u" + (i % 5))
                .set(EcsField.SOURCE_IP, i % 7 == 0 ? "2001:db8::" + Integer.toHexString(i % 250 + 1) : "10.0." + (i % 3) + "." + (i % 250))
                .setLong(EcsField.SOURCE_PORT, 1000 + i)
                .setList(EcsField.EVENT_CATEGORY, List.of("authentication"))
                .set(EcsField.URL_ORIGINAL, "/dana-na/auth/url_" + (i % 4) + "/login.cgi")
                .set(EcsField.EVENT_ORIGINAL, "<134>raw line " + i);
        return new IndexedEvent(offset, intake, receivedAt, e);
    }

    static List<IndexedEvent> events(long fromOffset, int count, String intake, long receivedAt, long firstTimestamp) {
        List<IndexedEvent> out = new ArrayList<>(count);
        for (int i = 0; i < count; i++) {
            out.add(event(fromOffset + i, intake, receivedAt, firstTimestamp + (fromOffset + i) * 1000));
        }
        return out;
    }
}
