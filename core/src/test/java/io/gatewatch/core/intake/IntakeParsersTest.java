package io.gatewatch.core.intake;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.journal.JournalRecord;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntakeParsersTest {
    @TempDir
    Path data;

    static JournalRecord record(long received, long eventTime, String intake, String line) {
        return new JournalRecord(0, received, eventTime, intake, line.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void readsZoneLessTimesInTheIntakesZoneAndPicksUpNewIntakes() throws Exception {
        String line = "id=firewall time=\"2024-05-06 07:08:09\" pri=6 fw=10.0.0.1 vpn=ive user=jdoe msg=\"AUT22673: hello\"";
        IntakeParsers parsers = new IntakeParsers(data);
        long utc = parsers.parse(record(1, JournalRecord.NO_EVENT_TIME, "paris", line)).getLong(EcsField.TIMESTAMP, -1);
        new IntakeRegistry(data).add(new Intake("paris", IntakeRegistry.generateKey(), "auto", "Europe/Paris", 0));
        long paris = parsers.parse(record(1, JournalRecord.NO_EVENT_TIME, "paris", line)).getLong(EcsField.TIMESTAMP, -1);
        assertThat(utc - paris).isEqualTo(2 * 3_600_000L); // CEST is UTC+2 in May
    }

    @Test
    void aLineWithoutATimeGetsTheSendersDateElseTheReceptionDate() {
        IntakeParsers parsers = new IntakeParsers(data);
        assertThat(parsers.parse(record(5_000, JournalRecord.NO_EVENT_TIME, "x", "no time here at all"))
                .getLong(EcsField.TIMESTAMP, -1)).isEqualTo(5_000);
        assertThat(parsers.parse(record(5_000, 4_000, "x", "no time here at all"))
                .getLong(EcsField.TIMESTAMP, -1)).isEqualTo(4_000);
        String timed = "id=firewall time=\"2024-05-06 07:08:09\" pri=6 vpn=ive msg=\"AUT22673: hello\"";
        assertThat(parsers.parse(record(5_000, 4_000, "x", timed)).getLong(EcsField.TIMESTAMP, -1))
                .isEqualTo(java.time.Instant.parse("2024-05-06T07:08:09Z").toEpochMilli());
    }
}
