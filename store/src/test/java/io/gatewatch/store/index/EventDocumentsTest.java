package io.gatewatch.store.index;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;
import org.apache.lucene.document.Document;
import org.apache.lucene.document.InetAddressPoint;
import org.apache.lucene.index.IndexableField;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

/**
 * {@link EventDocuments} reuses its Lucene fields from one event to the next: every document must
 * hold exactly what a fresh instance would build for that event, whatever came before it.
 */
class EventDocumentsTest {
    @Test
    void aReusedInstanceBuildsWhatAFreshOneBuilds() {
        List<EcsEvent> events = List.of(
                event(0).setList(EcsField.RELATED_IP, List.of("10.0.0.1", "2001:db8::1", "192.168.1.200")),
                event(1).setList(EcsField.RELATED_IP, List.of("8.8.8.8")),
                event(2).set(EcsField.SOURCE_IP, "2001:DB8:0:0:0:0:0:2").putLabel(EcsField.LABELS, "site", "paris"),
                event(3).set(EcsField.SOURCE_IP, "not-an-ip").set(EcsField.USER_NAME, "x".repeat(5000)),
                event(4).remove(EcsField.TIMESTAMP).setList(EcsField.RELATED_IP, List.of("0.0.0.0", "255.255.255.255")),
                event(5));
        EventDocuments reused = new EventDocuments();
        for (int i = 0; i < events.size(); i++) {
            List<String> got = describe(reused.toDocument(events.get(i), i));
            List<String> fresh = describe(new EventDocuments().toDocument(events.get(i), i));
            assertThat(got).as("event %d", i).isEqualTo(fresh);
        }
    }

    @Test
    void ipv4PointsAreEncodedAsInetAddressPointEncodesThem() throws Exception {
        Document doc = new EventDocuments().toDocument(event(7).set(EcsField.SOURCE_IP, "172.16.254.3"), 7);
        IndexableField point = java.util.Arrays.stream(doc.getFields(EcsField.SOURCE_IP.path()))
                .filter(f -> f.fieldType().pointDimensionCount() == 1).findFirst().orElseThrow();
        assertThat(point.binaryValue()).isEqualTo(new BytesRef(InetAddressPoint.encode(InetAddress.getByName("172.16.254.3"))));
        assertThat(point.fieldType().pointNumBytes()).isEqualTo(InetAddressPoint.BYTES);
    }

    private static EcsEvent event(int i) {
        return new EcsEvent()
                .setLong(EcsField.TIMESTAMP, 1_700_000_000_000L + i)
                .set(EcsField.MESSAGE, "Login succeeded for u" + i)
                .set(EcsField.EVENT_CODE, i % 2 == 0 ? "AUT24414" : "AUT23457")
                .set(EcsField.USER_NAME, "u" + i)
                .set(EcsField.SOURCE_IP, "10.0." + i + ".1")
                .setLong(EcsField.SOURCE_PORT, 1000 + i)
                .set(EcsField.URL_ORIGINAL, "/dana-na/auth/url_" + i + "/login.cgi")
                .set(EcsField.EVENT_ORIGINAL, "<134>raw line " + i)
                .set(EcsField.EVENT_ID, "id-" + i)
                .set(EcsField.GATEWATCH_INTAKE, "default")
                .setLong(EcsField.EVENT_INGESTED, 1_700_000_001_000L + i);
    }

    /** Each field as name, layout and value, in order: a snapshot that outlives the reused fields. */
    private static List<String> describe(Document doc) {
        List<String> out = new ArrayList<>();
        for (IndexableField f : doc.getFields()) {
            Object value = f.numericValue() != null ? f.numericValue()
                    : f.binaryValue() != null ? BytesRef.deepCopyOf(f.binaryValue())
                    : f.stringValue();
            out.add(f.name() + " " + f.fieldType().indexOptions() + " " + f.fieldType().docValuesType() + " "
                    + f.fieldType().pointDimensionCount() + " " + f.fieldType().stored() + " " + value);
        }
        return out;
    }
}
