package io.gatewatch.core.ecs;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.List;
import org.junit.jupiter.api.Test;

class EcsJsonWriterTest {
    @Test
    void writesNestedObjects_andSkipsAbsentOnes() throws Exception {
        EcsEvent e = new EcsEvent().set(EcsField.SOURCE_IP, "1.2.3.4").setLong(EcsField.SOURCE_PORT, 443)
                .setList(EcsField.USER_ROLES, List.of("a", "b")).set(EcsField.USER_NAME, "");
        assertThat(e.toJson()).isEqualTo("{\"source\":{\"ip\":\"1.2.3.4\",\"port\":443},\"user\":{\"roles\":[\"a\",\"b\"]}}");
    }

    @Test
    void escapesEverythingJsonNeedsAndKeepsUnicode() throws Exception {
        String nasty = "q\" b\\ nl\n cr\r tab\t nul\u0000 del\u007f ls\u2028 é 中 😀 lone\ud800 <script>";
        EcsEvent e = new EcsEvent().set(EcsField.MESSAGE, nasty);
        String json = e.toJson();
        assertThat(json).doesNotContain("\n").doesNotContain("\u2028");
        JsonNode back = new ObjectMapper().readTree(json);
        // A lone surrogate cannot be encoded: it comes out as '?' (as the JDK encodes it), never
        // as broken JSON.
        assertThat(back.get("message").asText()).isEqualTo(nasty.replace('\ud800', '?'));
        String shortNasty = "a\ud800\"\u2028";
        assertThat(new ObjectMapper().readTree(new EcsEvent().set(EcsField.MESSAGE, shortNasty).toJson())
                .get("message").asText()).isEqualTo("a?\"\u2028");
    }

    @Test
    void prettyOutput_isTheSameJson() throws Exception {
        EcsEvent e = new EcsEvent().set(EcsField.SOURCE_IP, "1.2.3.4").setLong(EcsField.TIMESTAMP, 1611841568000L);
        JsonOutput out = new JsonOutput(16);
        EcsJsonWriter.writePretty(e, out);
        ObjectMapper m = new ObjectMapper();
        assertThat(m.readTree(out.toString())).isEqualTo(m.readTree(e.toJson()));
        assertThat(out.toString()).contains("\n  \"source\": {");
    }

    @Test
    void dates_areRfc3339Utc_withMillisOnlyWhenPresent() {
        assertThat(Rfc3339.formatUtc(1611841568000L)).isEqualTo("2021-01-28T13:46:08Z");
        assertThat(Rfc3339.formatUtc(1611841568123L)).isEqualTo("2021-01-28T13:46:08.123Z");
        assertThat(Rfc3339.formatUtc(0)).isEqualTo("1970-01-01T00:00:00Z");
        assertThat(Rfc3339.formatUtc(951782400000L)).isEqualTo("2000-02-29T00:00:00Z");
        assertThat(Rfc3339.daysFromCivil(2000, 2, 29)).isEqualTo(11016);
    }

    @Test
    void objectListField_writesAnArrayOfObjects() throws Exception {
        EcsEvent e = new EcsEvent().set(EcsField.SOURCE_IP, "203.0.113.7");
        e.addObject(EcsField.THREAT_ENRICHMENTS, java.util.Map.of("matched", java.util.Map.of("field", "source.ip")));
        e.addObject(EcsField.THREAT_ENRICHMENTS, java.util.Map.of("matched", java.util.Map.of("field", "host.ip")));
        JsonNode json = new ObjectMapper().readTree(e.toJson());
        assertThat(json.at("/threat/enrichments/0/matched/field").asText()).isEqualTo("source.ip");
        assertThat(json.at("/threat/enrichments/1/matched/field").asText()).isEqualTo("host.ip");
    }
}
