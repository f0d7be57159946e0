package io.gatewatch.bench;

import static org.assertj.core.api.Assertions.assertThat;

import io.gatewatch.cli.loadgen.Corpus;
import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.pulse.PulseParser;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class CorpusTest {
    private static final int N = 5_000;

    @Test
    void corpusIsDeterministic() {
        assertSame(Corpus.welf(N), Corpus.welf(N));
        assertSame(Corpus.mixed(N), Corpus.mixed(N));
        assertSame(Corpus.welfPartOfMixed(1000), Corpus.welfPartOfMixed(1000));
    }

    @Test
    void mixedCorpusHasTheIntendedShares() {
        Corpus c = new Corpus(Corpus.SEED);
        Map<Corpus.Format, Integer> byFormat = new TreeMap<>();
        Set<String> codes = new TreeSet<>();
        for (int i = 0; i < N; i++) {
            Corpus.Line l = c.nextMixed();
            byFormat.merge(l.format(), 1, Integer::sum);
            codes.add(l.code());
        }
        assertThat(byFormat.get(Corpus.Format.WELF)).isBetween(N * 55 / 100, N * 65 / 100);
        assertThat(byFormat.get(Corpus.Format.STANDARD)).isBetween(N * 20 / 100, N * 30 / 100);
        assertThat(byFormat.get(Corpus.Format.JSON)).isBetween(N * 10 / 100, N * 20 / 100);
        assertThat(codes).hasSize(22);
    }

    @Test
    void everyLineParses() {
        PulseParser parser = new PulseParser();
        Corpus c = new Corpus(Corpus.SEED);
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < 2 * N; i++) {
            Corpus.Line l = i < N ? c.nextWelf() : c.nextMixed();
            EcsEvent e = parser.parse(l.bytes(), 0, l.bytes().length);
            String problem = null;
            if (e.getList(EcsField.TAGS).contains(PulseParser.TAG_UNPARSED)) {
                problem = "unparsed: " + e.getString(EcsField.ERROR_MESSAGE);
            } else if (!l.format().name().toLowerCase().equals(e.getString(EcsField.PULSE_FORMAT))) {
                problem = "format " + e.getString(EcsField.PULSE_FORMAT);
            } else if (!l.code().equals(e.getString(EcsField.EVENT_CODE))) {
                problem = "event.code " + e.getString(EcsField.EVENT_CODE);
            } else if (!e.has(EcsField.TIMESTAMP)) {
                problem = "no @timestamp";
            }
            if (problem != null && failures.size() < 20) {
                failures.add(problem + "\n    " + l.text());
            }
        }
        assertThat(failures).isEmpty();
    }

    /**
     * The baseline against the parser, on the reference's own families of the WELF corpus: the
     * same code, source IP, categorization and grok-extracted fields.
     */
    @Test
    void baselineAgreesWithTheParserOnTheReferenceFamilies() {
        Set<String> reference = new TreeSet<>(ReferenceBaseline.PATTERNS.keySet());
        reference.add("AUT23457");
        PulseParser parser = new PulseParser();
        ReferenceBaseline baseline = new ReferenceBaseline();
        Corpus c = new Corpus(Corpus.SEED);
        Map<String, Integer> checked = new TreeMap<>();
        Map<String, Integer> grokMatched = new TreeMap<>();
        List<String> failures = new ArrayList<>();
        for (int i = 0; i < N; i++) {
            Corpus.Line l = c.nextWelf();
            EcsEvent ours = parser.parse(l.bytes(), 0, l.bytes().length);
            Map<String, Object> ref = baseline.parse(l.text());
            // Every WELF line: the same code and @timestamp.
            expect(failures, l, "event.code", ours.getString(EcsField.EVENT_CODE), ReferenceBaseline.get(ref, "event.code"));
            expect(failures, l, "@timestamp", Instant.ofEpochMilli(ours.getLong(EcsField.TIMESTAMP, 0)).toString(),
                    ReferenceBaseline.get(ref, "@timestamp"));
            if (!reference.contains(l.code())) {
                continue;
            }
            checked.merge(l.code(), 1, Integer::sum);
            expect(failures, l, "source.ip", ours.getString(EcsField.SOURCE_IP), ReferenceBaseline.get(ref, "source.ip"));
            expect(failures, l, "destination.ip", ours.getString(EcsField.DESTINATION_IP),
                    ReferenceBaseline.get(ref, "destination.ip"));
            expect(failures, l, "user.name", ours.getString(EcsField.USER_NAME), ReferenceBaseline.get(ref, "user.name"));
            expect(failures, l, "event.category", ours.getList(EcsField.EVENT_CATEGORY),
                    ReferenceBaseline.get(ref, "event.category"));
            // Fields only the grok patterns fill: equal wherever the reference's grok matched. Where
            // it does not (grok's USERNAME allows neither a backslash nor '@', so the host checker
            // patterns fail for CORP\jdoe and jdoe@corp.com), our fallback templates still fill them.
            Object url = ReferenceBaseline.get(ref, "url.path");
            Object rule = ReferenceBaseline.get(ref, "rule.name");
            Object port = ReferenceBaseline.get(ref, "destination.port");
            if (url != null || rule != null || port != null) {
                grokMatched.merge(l.code(), 1, Integer::sum);
            }
            if (url != null) {
                expect(failures, l, "url.path", ours.getString(EcsField.URL_PATH), url);
            }
            if (rule != null) {
                expect(failures, l, "rule.name", ours.getString(EcsField.RULE_NAME), rule);
                expect(failures, l, "host.mac", ours.getList(EcsField.HOST_MAC), ReferenceBaseline.get(ref, "host.mac"));
            }
            if (port != null) {
                expect(failures, l, "destination.port", ours.getLong(EcsField.DESTINATION_PORT, -1), port);
            }
        }
        assertThat(failures).isEmpty();
        assertThat(checked.keySet()).containsExactlyInAnyOrderElementsOf(reference);
        // The grok patterns that extract url/rule/port did match, on most lines of their families.
        for (String code : List.of("AUT31556", "AUT20920", "AUT24803", "AUT24804", "SYS20704")) {
            assertThat(grokMatched.getOrDefault(code, 0)).as(code).isGreaterThan(checked.get(code) / 4);
        }
    }

    /**
     * Every field the reference emits, on every WELF line of the corpus: the baseline's whole JSON
     * document (less {@code message}) must be contained in ours, with {@code related.*} compared as
     * sets. Outside the reference's own families our catalog categorizes the codes, so
     * {@code event.category}, {@code event.type} and {@code event.outcome} are compared there only.
     */
    @Test
    void everyReferenceFieldMatchesOnEveryWelfLine() throws Exception {
        Set<String> reference = new TreeSet<>(ReferenceBaseline.PATTERNS.keySet());
        reference.add("AUT23457");
        com.fasterxml.jackson.databind.ObjectMapper json = new com.fasterxml.jackson.databind.ObjectMapper();
        PulseParser parser = new PulseParser();
        ReferenceBaseline baseline = new ReferenceBaseline();
        Corpus c = new Corpus(Corpus.SEED);
        List<String> failures = new ArrayList<>();
        int fields = 0;
        for (int i = 0; i < N; i++) {
            Corpus.Line l = c.nextWelf();
            byte[] refJson = baseline.process(l.bytes(), 0, l.bytes().length);
            com.fasterxml.jackson.databind.JsonNode ref = json.readTree(refJson);
            com.fasterxml.jackson.databind.JsonNode ours = json.readTree(parser.parse(l.bytes(), 0, l.bytes().length).toJson());
            boolean family = reference.contains(l.code());
            List<String> leaves = new ArrayList<>();
            leaves(ref, "", leaves);
            for (String path : leaves) {
                if (path.equals("message")
                        || (!family && (path.equals("event.category") || path.equals("event.type") || path.equals("event.outcome")))) {
                    continue;
                }
                fields++;
                com.fasterxml.jackson.databind.JsonNode r = ref.at("/" + path.replace('.', '/'));
                com.fasterxml.jackson.databind.JsonNode o = ours.at("/" + path.replace('.', '/'));
                boolean same = path.startsWith("related.") ? sorted(r).equals(sorted(o)) : r.equals(o);
                if (!same && failures.size() < 30) {
                    failures.add(l.code() + " " + path + ": reference=" + r + " ours=" + o + "\n    " + l.text());
                }
            }
        }
        assertThat(failures).isEmpty();
        assertThat(fields).isGreaterThan(N * 8);
    }

    private static void leaves(com.fasterxml.jackson.databind.JsonNode n, String path, List<String> out) {
        if (n.isObject()) {
            n.fields().forEachRemaining(e -> leaves(e.getValue(), path.isEmpty() ? e.getKey() : path + "." + e.getKey(), out));
        } else {
            out.add(path);
        }
    }

    private static List<String> sorted(com.fasterxml.jackson.databind.JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        out.sort(null);
        return out;
    }

    private static void expect(List<String> failures, Corpus.Line l, String field, Object ours, Object ref) {
        if (!java.util.Objects.equals(ours, ref) && failures.size() < 30) {
            failures.add(l.code() + " " + field + ": ours=" + ours + " baseline=" + ref + "\n    " + l.text());
        }
    }

    private static void assertSame(List<byte[]> a, List<byte[]> b) {
        assertThat(a).hasSameSizeAs(b);
        for (int i = 0; i < a.size(); i++) {
            assertThat(a.get(i)).as("line %d", i).isEqualTo(b.get(i));
        }
    }
}
