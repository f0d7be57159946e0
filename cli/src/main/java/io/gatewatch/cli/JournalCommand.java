package io.gatewatch.cli;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsJsonWriter;
import io.gatewatch.core.ecs.JsonOutput;
import io.gatewatch.core.ecs.Rfc3339;
import io.gatewatch.core.intake.IntakeParsers;
import io.gatewatch.core.journal.JournalRecord;
import io.gatewatch.core.journal.SegmentedJournal;
import java.io.BufferedOutputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code gatewatch journal}: what the intake server has written. */
@Command(
        name = "journal",
        mixinStandardHelpOptions = true,
        versionProvider = Main.Version.class,
        description = {
            "Prints the journal's records from an offset on, one JSON line each: offset, event id, intake,"
                + " reception time, the event date its sender pushed (event_time, when it did) and the event"
                + " parsed into ECS (with the intake's time zone; a line without a time of its own is dated"
                + " by event_time, else by the reception time); --raw prints the received line instead of the"
                + " ECS event. Safe to run while 'gatewatch serve' writes the journal."
        })
final class JournalCommand implements Callable<Integer> {
    @Mixin
    DataDirOption data;

    @Option(names = "--from", paramLabel = "OFFSET", defaultValue = "0", description = "First offset (default: 0).")
    long from;

    @Option(names = "--limit", paramLabel = "N", defaultValue = "1000", description = "At most N records (default: 1000).")
    int limit;

    @Option(names = "--raw", description = "Print the received line, not the parsed event.")
    boolean raw;

    @Override
    public Integer call() throws Exception {
        Path dir = data.dir.resolve("journal");
        if (!Files.isDirectory(dir)) {
            System.err.println("gatewatch journal: no journal in " + data.dir + " (has 'gatewatch serve' run with --data " + data.dir + "?)");
            return 1;
        }
        if (from < 0 || limit < 1) {
            System.err.println("gatewatch journal: --from must not be negative and --limit must be positive");
            return 2;
        }
        IntakeParsers parsers = new IntakeParsers(data.dir);
        List<JournalRecord> records;
        try (SegmentedJournal journal = SegmentedJournal.openReadOnly(dir)) {
            records = journal.read(Math.max(from, journal.startOffset()), limit);
        }
        OutputStream out = new BufferedOutputStream(System.out, 1 << 16);
        JsonOutput json = new JsonOutput(4096);
        for (JournalRecord r : records) {
            json.reset();
            json.raw(("{\"offset\":" + r.offset() + ",\"event_id\":\"" + r.eventId() + "\",\"intake\":")
                    .getBytes(StandardCharsets.UTF_8));
            json.string(r.intake());
            json.raw(",\"received\":".getBytes(StandardCharsets.US_ASCII));
            json.string(Rfc3339.formatUtc(r.receivedAtMillis()));
            if (r.hasEventTime()) {
                json.raw(",\"event_time\":".getBytes(StandardCharsets.US_ASCII));
                json.string(Rfc3339.formatUtc(r.eventTimeMillis()));
            }
            if (raw) {
                json.raw(",\"line\":".getBytes(StandardCharsets.US_ASCII));
                json.string(new String(r.payload(), StandardCharsets.UTF_8));
            } else {
                EcsEvent e = parsers.parse(r);
                json.raw(",\"event\":".getBytes(StandardCharsets.US_ASCII));
                EcsJsonWriter.write(e, json);
            }
            json.raw((byte) '}');
            json.raw((byte) '\n');
            json.writeTo(out);
        }
        out.flush();
        return 0;
    }
}
