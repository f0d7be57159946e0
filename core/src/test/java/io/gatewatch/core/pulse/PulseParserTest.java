package io.gatewatch.core.pulse;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.ecs.Rfc3339;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Behaviours of the parser that the golden files show but do not name. */
class PulseParserTest {
    private static final String WELF = "id=firewall time=\"2021-01-28 14:14:04\" pri=6 fw=172.16.128.22 vpn=CB2XXPCS02"
            + " ivs=Default Network user=bob realm=\"SEKOIA_User\" roles=\"\" proto=auth src=176.168.192.159 dst= dstname="
            + " type=vpn op= arg=\"\" result= sent= rcvd= agent=\"\" duration= msg=\"AUT23457: Login failed using auth server"
            + " RSA (ACE Server).  Reason: Failed\"";

    private static String timestamp(EcsEvent e) {
        return Rfc3339.formatUtc(e.getLong(EcsField.TIMESTAMP, 0));
    }

    @Test
    void loginFailure_mapsTo_authenticationFailure() {
        EcsEvent e = new PulseParser().parse(WELF);
        assertThat(e.getList(EcsField.EVENT_CATEGORY)).containsExactly("authentication");
        assertThat(e.getList(EcsField.EVENT_TYPE)).containsExactly("info");
        assertThat(e.getString(EcsField.EVENT_OUTCOME)).isEqualTo("failure");
        assertThat(e.getString(EcsField.EVENT_REASON)).isEqualTo(" Login failed using auth server RSA (ACE Server).  Reason: Failed");
        assertThat(e.getString(EcsField.PULSE_AUTH_SERVER_NAME)).isEqualTo("RSA");
        assertThat(e.getString(EcsField.PULSE_REASON)).isEqualTo("Failed");
        assertThat(e.has(EcsField.USER_ROLES)).as("empty roles give no field").isFalse();
    }

    @Test
    void zoneLessTimes_areUtcByDefault_orInTheConfiguredZone() {
        assertThat(timestamp(new PulseParser().parse(WELF))).isEqualTo("2021-01-28T14:14:04Z");
        assertThat(timestamp(new PulseParser(TimePolicy.parse("Europe/Paris")).parse(WELF)))
                .isEqualTo("2021-01-28T13:14:04Z");
        assertThat(timestamp(new PulseParser(TimePolicy.parse("+05:30")).parse(WELF)))
                .isEqualTo("2021-01-28T08:44:04Z");
    }

    @Test
    void autoTimezone_takesTheRfc5424HeaderOffset() {
        String line = "<134>1 2021-01-28T14:14:04-07:00 vpn PulseSecure: - - - " + WELF;
        assertThat(timestamp(new PulseParser(TimePolicy.auto()).parse(line))).isEqualTo("2021-01-28T21:14:04Z");
        assertThat(timestamp(new PulseParser(TimePolicy.auto()).parse(WELF))).as("no header: UTC")
                .isEqualTo("2021-01-28T14:14:04Z");
    }

    @Test
    void roles_areSplitOnCommasAndTrimmed() {
        EcsEvent e = new PulseParser().parse("id=firewall user=u roles=\"kit-common, kit-desktops,, x \" msg=\"AUT22673: Logout from 1.2.3.4\"");
        assertThat(e.getList(EcsField.USER_ROLES)).containsExactly("kit-common", "kit-desktops", "x");
    }

    @Test
    void nonIpSourcesAndBadNumbers_giveNoField() {
        EcsEvent e = new PulseParser().parse("id=firewall src=host.example dst=01.2.3.4 sent=12abc rcvd=7 msg=\"X: y\"");
        assertThat(e.has(EcsField.SOURCE_IP)).isFalse();
        assertThat(e.has(EcsField.DESTINATION_IP)).isFalse();
        assertThat(e.has(EcsField.SOURCE_BYTES)).isFalse();
        assertThat(e.getLong(EcsField.DESTINATION_BYTES, -1)).isEqualTo(7);
    }

    @Test
    void veryLongMessages_keepTheirCode_butSkipTemplatesAndSaySo() {
        String longText = "Logout from 10.0.0.1 " + "x".repeat(PulseNormalizer.MAX_TEMPLATE_TEXT);
        EcsEvent welf = new PulseParser().parse("id=firewall user=u src=10.0.0.9 msg=\"AUT22673: " + longText + "\"");
        assertThat(welf.getString(EcsField.EVENT_CODE)).isEqualTo("AUT22673");
        assertThat(welf.getList(EcsField.TAGS)).containsExactly(PulseNormalizer.TAG_TEXT_TOO_LONG);
        assertThat(welf.getString(EcsField.SOURCE_IP)).isEqualTo("10.0.0.9");
        EcsEvent standard = new PulseParser().parse("2021-04-08 11:20:26 - ive - [10.0.0.9] u(R)[] - " + longText);
        assertThat(standard.getList(EcsField.TAGS)).contains(PulseNormalizer.TAG_TEXT_TOO_LONG);
        assertThat(PulseParser.isUnparsed(standard)).isFalse();
    }

    @Test
    void unknownCodes_useTheReferenceFallbackAndAreTagged() {
        EcsEvent e = new PulseParser().parse("id=firewall user=u msg=\"ZZZ12345: brand new message\"");
        assertThat(e.getString(EcsField.EVENT_CODE)).isEqualTo("ZZZ12345");
        assertThat(e.getList(EcsField.EVENT_CATEGORY)).containsExactly("network");
        assertThat(e.getList(EcsField.TAGS)).containsExactly(PulseNormalizer.TAG_UNCATALOGUED);
        assertThat(PulseParser.isUnparsed(e)).isFalse();
    }

    @Test
    void standardAndWelfLinesOfTheSameEvent_agree() throws IOException {
        // u-siem logged the same events in both formats, one after the other.
        List<byte[]> lines = GoldenTest.lines(Path.of("src/test/resources/usiem-mixed-pairs.log"));
        PulseParser parser = new PulseParser();
        int pairs = 0;
        for (int i = 0; i + 1 < lines.size(); i++) {
            EcsEvent a = parser.parse(lines.get(i));
            EcsEvent b = parser.parse(lines.get(i + 1));
            if (!"welf".equals(a.getString(EcsField.PULSE_FORMAT)) || !"standard".equals(b.getString(EcsField.PULSE_FORMAT))
                    || a.getLong(EcsField.TIMESTAMP, 0) != b.getLong(EcsField.TIMESTAMP, 1)) {
                continue;
            }
            pairs++;
            String line = new String(lines.get(i), StandardCharsets.UTF_8);
            for (EcsField f : List.of(EcsField.EVENT_CODE, EcsField.EVENT_ACTION, EcsField.EVENT_CATEGORY,
                    EcsField.EVENT_TYPE, EcsField.EVENT_OUTCOME, EcsField.SOURCE_IP, EcsField.USER_NAME,
                    EcsField.EVENT_REASON, EcsField.PULSE_SESSION_ID, EcsField.USER_AGENT_ORIGINAL)) {
                assertThat(b.get(f)).as("%s of %s", f.path(), line).isEqualTo(a.get(f));
            }
        }
        assertThat(pairs).isGreaterThanOrEqualTo(8);
    }
}
