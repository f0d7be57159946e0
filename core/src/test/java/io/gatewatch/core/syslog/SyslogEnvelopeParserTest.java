package io.gatewatch.core.syslog;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SyslogEnvelopeParserTest {
    static SyslogEnvelope parse(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        return SyslogEnvelopeParser.parse(b, 0, b.length);
    }

    static String body(String line) {
        byte[] b = line.getBytes(StandardCharsets.UTF_8);
        SyslogEnvelope e = SyslogEnvelopeParser.parse(b, 0, b.length);
        return new String(b, e.bodyStart(), b.length - e.bodyStart(), StandardCharsets.UTF_8);
    }

    @Test
    void rfc5424_withSekoiaIntakeKey() {
        String line = "<134>1 2021-10-19T09:10:35+02:00 host PulseSecure: - - [SEKOIA@53288 intake_key=\"KEY123\"] id=firewall";
        SyslogEnvelope e = parse(line);
        assertThat(e.priority()).isEqualTo(134);
        assertThat(e.facilityName()).isEqualTo("local0");
        assertThat(e.severityName()).isEqualTo("informational");
        assertThat(e.version()).isEqualTo(1);
        assertThat(e.hostname()).isEqualTo("host");
        assertThat(e.appName()).isEqualTo("PulseSecure");
        assertThat(e.procId()).isNull();
        assertThat(e.offsetSeconds()).isEqualTo(7200);
        assertThat(e.structuredData()).isEqualTo(Map.of("SEKOIA@53288", Map.of("intake_key", "KEY123")));
        assertThat(body(line)).isEqualTo("id=firewall");
    }

    @Test
    void rfc5424_twoSpacesAfterStructuredData_asRsyslogSends() {
        assertThat(body("<14>1 2022-03-24T14:33:36.738171+01:00 h app 5504 LOG [SEKOIA@53288 intake_key=\"K\"]  [596451:0] info"))
                .isEqualTo("[596451:0] info");
    }

    @Test
    void rfc5424_escapesInParamValues_andSeveralElements() {
        SyslogEnvelope e = parse("<14>1 - - - - - [a x=\"q\\\"\\]\\\\\"][b y=\"2\"] msg");
        assertThat(e.structuredData()).containsEntry("a", Map.of("x", "q\"]\\")).containsEntry("b", Map.of("y", "2"));
    }

    @Test
    void octetCountedFrame_isSkipped() {
        SyslogEnvelope e = parse("577 <134>1 2024-12-04T01:18:24-05:00 test.com PulseSecure: - - - {\"a\":1}");
        assertThat(e.priority()).isEqualTo(134);
        assertThat(e.offsetSeconds()).isEqualTo(-5 * 3600);
        assertThat(body("577 <134>1 2024-12-04T01:18:24-05:00 test.com PulseSecure: - - - {\"a\":1}")).isEqualTo("{\"a\":1}");
    }

    @Test
    void rfc3164_withPriorityAndTag() {
        SyslogEnvelope e = parse("<134>Oct 19 09:10:35 pcs-node1 PulseSecure: id=firewall x=1");
        assertThat(e.hostname()).isEqualTo("pcs-node1");
        assertThat(e.appName()).isEqualTo("PulseSecure");
        assertThat(e.version()).isZero();
        assertThat(body("<134>Oct 19 09:10:35 pcs-node1 PulseSecure: id=firewall x=1")).isEqualTo("id=firewall x=1");
    }

    @Test
    void rfc3164_singleDigitDay_andPid() {
        SyslogEnvelope e = parse("<13>Oct  9 09:10:35 host app[123]: hello");
        assertThat(e.procId()).isEqualTo("123");
        assertThat(body("<13>Oct  9 09:10:35 host app[123]: hello")).isEqualTo("hello");
    }

    @Test
    void relayedRfc3164InFrontOfRfc5424() {
        String line = "Oct 19 09:16:53 pcs-node1 1 2021-10-19T09:16:53+02:00 10.5.2.3 PulseSecure: - - - 2021-10-19 09:16:53 - x";
        SyslogEnvelope e = parse(line);
        assertThat(e.version()).isEqualTo(1);
        assertThat(e.hostname()).isEqualTo("10.5.2.3");
        assertThat(body(line)).isEqualTo("2021-10-19 09:16:53 - x");
    }

    @Test
    void storedFileHeader_withIsoTimestamp() {
        String line = "2021-04-08T12:04:07-07:00 10.0.0.111 PulseSecure: id=firewall";
        assertThat(parse(line).hostname()).isEqualTo("10.0.0.111");
        assertThat(body(line)).isEqualTo("id=firewall");
    }

    @Test
    void bareBodies_haveNoEnvelope() {
        for (String body : new String[] {"id=firewall time=\"x\"", "2021-04-08 11:20:26 - ive - [127.0.0.1] System()[] - x",
            "{\"message_id\":\"A\"}", "<999>not a pri", "1234 not a frame"}) {
            SyslogEnvelope e = parse(body);
            assertThat(e.present()).as(body).isFalse();
            assertThat(e.bodyStart()).isZero();
        }
    }

    @Test
    void structuredDataIsBounded() {
        StringBuilder sb = new StringBuilder("<14>1 - - - - - ");
        for (int i = 0; i < 100; i++) {
            sb.append("[id").append(i).append(" a=\"1\"]");
        }
        sb.append(" msg");
        assertThat(parse(sb.toString()).structuredData()).hasSize(SyslogEnvelopeParser.MAX_SD_ELEMENTS);
    }
}
