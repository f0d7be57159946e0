package io.gatewatch.cli.scenario;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/**
 * The day's log: benign and planted events in time order, each rendered once as its line, so
 * that an expected alert can name the exact line it must be raised on.
 */
public final class ScenarioLog {
    private final List<LogEvent> events;
    private final List<String> lines;
    private final Map<LineRenderer.Format, Long> formats;

    private ScenarioLog(List<LogEvent> events, LineRenderer renderer) {
        this.events = events;
        this.lines = new ArrayList<>(events.size());
        for (LogEvent e : events) {
            lines.add(renderer.render(e));
        }
        this.formats = renderer.counts();
    }

    /**
     * Merges the two in time order (a stable sort: planted sequences within one second keep their
     * order) and renders every line with {@code renderSeed}.
     */
    public static ScenarioLog of(List<LogEvent> benign, List<LogEvent> planted, long renderSeed) {
        List<LogEvent> all = new ArrayList<>(benign.size() + planted.size());
        all.addAll(benign);
        all.addAll(planted);
        all.sort(Comparator.comparing(LogEvent::time));
        return new ScenarioLog(all, new LineRenderer(renderSeed));
    }

    /**
     * The line an event was written as. Found by identity, since two equal events are two lines;
     * a linear search, as only the few planted triggers are looked up.
     */
    public String lineOf(LogEvent e) {
        for (int i = 0; i < events.size(); i++) {
            if (events.get(i) == e) {
                return lines.get(i);
            }
        }
        throw new IllegalArgumentException("not in this log: " + e);
    }

    public int size() {
        return lines.size();
    }

    public Map<LineRenderer.Format, Long> formats() {
        return formats;
    }

    /**
     * Writes the lines before {@code split} to {@code plain} and the rest, gzip-compressed, to
     * {@code gzip}: the two files an appliance's log rotation would leave, read in order.
     */
    public void write(Path plain, Path gzip, Instant split) throws IOException {
        int i = 0;
        try (Writer w = new BufferedWriter(new OutputStreamWriter(Files.newOutputStream(plain), StandardCharsets.UTF_8), 1 << 16)) {
            for (; i < lines.size() && events.get(i).time().isBefore(split); i++) {
                w.write(lines.get(i));
                w.write('\n');
            }
        }
        try (OutputStream gz = new GZIPOutputStream(Files.newOutputStream(gzip), 1 << 16);
                Writer w = new BufferedWriter(new OutputStreamWriter(gz, StandardCharsets.UTF_8), 1 << 16)) {
            for (; i < lines.size(); i++) {
                w.write(lines.get(i));
                w.write('\n');
            }
        }
    }
}
