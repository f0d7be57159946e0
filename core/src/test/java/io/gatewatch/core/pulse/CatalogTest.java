package io.gatewatch.core.pulse;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.template.Pattern;
import io.gatewatch.core.template.Template;
import java.io.BufferedReader;
import java.io.StringReader;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/** The message catalog: valid ECS, and every template recovered and extracted in all three formats. */
class CatalogTest {
    /** ECS 9.x {@code event.category} → its expected {@code event.type} values. */
    private static final Map<String, Set<String>> EXPECTED_TYPES = Map.ofEntries(
            Map.entry("api", Set.of("access", "admin", "allowed", "change", "creation", "deletion", "denied", "end", "info", "start", "user")),
            Map.entry("authentication", Set.of("start", "end", "info")),
            Map.entry("configuration", Set.of("access", "change", "creation", "deletion", "info")),
            Map.entry("database", Set.of("access", "change", "info", "error")),
            Map.entry("driver", Set.of("change", "end", "info", "start")),
            Map.entry("email", Set.of("info")),
            Map.entry("file", Set.of("access", "change", "creation", "deletion", "info")),
            Map.entry("host", Set.of("access", "change", "end", "info", "start")),
            Map.entry("iam", Set.of("admin", "change", "creation", "deletion", "group", "info", "user")),
            Map.entry("intrusion_detection", Set.of("allowed", "denied", "info")),
            Map.entry("library", Set.of("start")),
            Map.entry("malware", Set.of("info")),
            Map.entry("network", Set.of("access", "allowed", "connection", "denied", "end", "info", "protocol", "start")),
            Map.entry("package", Set.of("access", "change", "deletion", "info", "installation", "start")),
            Map.entry("process", Set.of("access", "change", "end", "info", "start")),
            Map.entry("registry", Set.of("access", "change", "creation", "deletion")),
            Map.entry("session", Set.of("start", "end", "info")),
            Map.entry("threat", Set.of("indicator")),
            Map.entry("vulnerability", Set.of("info")),
            Map.entry("web", Set.of("access", "error", "info")));

    private static final MessageCatalog CATALOG = MessageCatalog.defaultCatalog();

    static Stream<CatalogEntry> entries() {
        return CATALOG.entries().stream();
    }

    @Test
    void catalogCoversTheSecurityRelevantAndLifecycleCodes() {
        for (String code : List.of("AUT31556", "AUT20920", "AUT24604", "AUT24803", "AUT24804", "AUT23457", "AUT24327",
                "AUT23458", "AUT30685", "ADM22798", "AUT21051", "AUT23356", "USR31401", "AUT20919", "AUT23574",
                "ADM23573", "AUT31085", "ADM20599", "ADM20600", "ADM20601", "ADM20604", "SYS23041", "SYS24348",
                "SYS20704", "ADM23452", "ADM24511", "ADM20716", "ADM22862", "USR22898", "ADM20447", "ADM24205",
                "ADM20448", "ADM20449", "ADM20466", "ADM20468", "ADM20462", "ADM20463", "ADM20464", "ADM30408",
                "ADM20639", "ADM20640", "AUT23360", "AUT24082", "SYS32039", "SYS32040", "SYS32041", "SYS32042",
                "SYS32087", "SYS32088", "SYS32100", "AUT24326", "AUT31504", "AUT24414", "AUT22673", "ADM22668",
                "ADM22671", "AUT20914", "AUT20915", "AUT22886", "NWC23464", "NWC23465", "AUT31829", "SYS20412",
                "SYS20413", "SYS10298", "SYS10299")) {
            assertThat(CATALOG.byCode(code)).as(code).isNotNull();
        }
        assertThat(CATALOG.entries()).hasSizeGreaterThanOrEqualTo(146);
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("entries")
    void categorizationIsEcsValid(CatalogEntry e) {
        for (String type : e.types()) {
            assertThat(e.categories()).as("%s: some category expects type %s", e.code(), type)
                    .anyMatch(c -> EXPECTED_TYPES.get(c).contains(type));
        }
        for (String category : e.categories()) {
            assertThat(e.types()).as("%s: category %s has one of its expected types", e.code(), category)
                    .anyMatch(t -> EXPECTED_TYPES.get(category).contains(t));
        }
    }

    /**
     * Fills a template with sample values: every placeholder by its pattern, every optional group
     * included. The text is what an appliance would write for that code.
     */
    static String sample(Template t) {
        String spec = t.spec();
        StringBuilder out = new StringBuilder();
        int capture = 0;
        for (int i = 0; i < spec.length(); i++) {
            char c = spec.charAt(i);
            if (c == '\\' && i + 1 < spec.length()) {
                out.append(spec.charAt(++i));
            } else if (c == '{') {
                i = spec.indexOf('}', i);
                out.append(sampleValue(t.capturePattern(capture++)));
            } else if ((c == '[' && spec.startsWith("[[", i)) || (c == ']' && spec.startsWith("]]", i))) {
                i++;
            } else {
                out.append(c);
            }
        }
        return out.toString();
    }

    private static String sampleValue(Pattern p) {
        return switch (p) {
            case IP, HOSTADDR -> "10.20.30.40";
            case NUMBER -> "42";
            case MAC -> "00-11-22-33-44-55";
            case USERNAME -> "jdoe";
            case WORD -> "Primary";
            case NOTSPACE -> "/portal/x";
            case URIPATHPARAM -> "/dana/js?prot=1";
            case DATA -> "Sample Value";
            case GREEDY -> "tail text";
        };
    }

    static Stream<Object[]> recoverableTemplates() {
        List<Object[]> out = new ArrayList<>();
        for (CatalogEntry e : CATALOG.entries()) {
            for (TemplateRule r : e.rules()) {
                if (r.recoverable) {
                    out.add(new Object[] {e.code() == null ? e.action() : e.code(), e, sample(r.template)});
                }
            }
        }
        return out.stream();
    }

    @ParameterizedTest(name = "{0}: {2}")
    @MethodSource("recoverableTemplates")
    void everyFormatGivesTheSameEventForEveryTemplate(String name, CatalogEntry entry, String text) {
        PulseParser parser = new PulseParser();
        EcsEvent standard = parser.parse("2024-05-06 07:08:09 - vpn-a - [10.9.9.9] Default Network::jdoe(Staff)[Users] - " + text);
        assertThat(PulseParser.isUnparsed(standard)).isFalse();
        assertThat(standard.getList(EcsField.TAGS)).as("recovered from text: %s", text).isEmpty();

        // The recovered entry is this one, or an earlier one whose template reads the same text.
        String recovered = standard.getString(EcsField.EVENT_CODE);
        String action = standard.getString(EcsField.EVENT_ACTION);
        if (entry.code() == null) {
            assertThat(recovered).isNull();
            assertThat(action).isEqualTo(entry.action());
        } else if (!entry.code().equals(recovered)) {
            CatalogEntry winner = CATALOG.byCode(recovered);
            assertThat(winner).as("recovered %s for %s", recovered, entry.code()).isNotNull();
            assertThat(winner.order()).isLessThan(entry.order());
        }
        assertThat(standard.getList(EcsField.EVENT_CATEGORY)).isNotEmpty();

        if (recovered == null) {
            return;
        }
        EcsEvent welf = parser.parse("id=firewall time=\"2024-05-06 07:08:09\" pri=6 vpn=vpn-a ivs=Default Network"
                + " user=jdoe realm=\"Staff\" roles=\"Users\" src=10.9.9.9 msg=\"" + recovered + ": " + text + "\"");
        EcsEvent json = parser.parse("{\"message_id\":\"" + recovered + "\",\"timestamp\":\"1714979289\",\"source_ip\":\"10.9.9.9\","
                + "\"user\":\"jdoe\",\"realm_name\":\"Staff\",\"roles\":\"Users\",\"raw_message\":\""
                + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
        for (EcsField f : EcsField.values()) {
            if (f == EcsField.MESSAGE || f == EcsField.PULSE_FORMAT || f == EcsField.PULSE_NAMESPACE
                    || f == EcsField.OBSERVER_NAME || f == EcsField.SERVICE_NAME || f == EcsField.EVENT_SEVERITY
                    || f == EcsField.LABELS) {
                continue; // carried by one format and not another
            }
            assertThat(standard.get(f)).as("standard vs welf: %s for %s", f.path(), text).isEqualTo(welf.get(f));
            assertThat(json.get(f)).as("json vs welf: %s for %s", f.path(), text).isEqualTo(welf.get(f));
        }
    }

    @Test
    void catalogErrorsNameTheLineAndTheReason() {
        String bad = "code AUT1 authentication/start\n  = ok {source.ip}\ncode AUT2 nonsense/start\n";
        assertThatThrownBy(() -> MessageCatalog.parse(new BufferedReader(new StringReader(bad)), "test.txt"))
                .hasMessageContaining("test.txt:3").hasMessageContaining("'nonsense' is not an allowed event.category");
        String unknownField = "code AUT1 authentication/start\n  = ok {source.nope}\n";
        assertThatThrownBy(() -> MessageCatalog.parse(new BufferedReader(new StringReader(unknownField)), "t"))
                .hasMessageContaining("t:2").hasMessageContaining("unknown ECS field 'source.nope'");
    }
}
