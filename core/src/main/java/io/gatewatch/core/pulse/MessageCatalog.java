package io.gatewatch.core.pulse;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PCS/ICS message catalog ({@code catalog.txt} beside this class): code → ECS categorization
 * and templates, and the reverse look-up from a message text to its code for Standard lines.
 *
 * <p>Loaded once, immutable afterwards, safe to share between threads.
 */
final class MessageCatalog {
    private static final Set<String> CATEGORIES = Set.of("api", "authentication", "configuration", "database",
            "driver", "email", "file", "host", "iam", "intrusion_detection", "library", "malware", "network",
            "package", "process", "registry", "session", "threat", "vulnerability", "web");
    private static final Set<String> TYPES = Set.of("access", "admin", "allowed", "change", "connection",
            "creation", "deletion", "denied", "device", "end", "error", "group", "indicator", "info",
            "installation", "protocol", "start", "user");
    private static final Set<String> OUTCOMES = Set.of("failure", "success", "unknown");
    private static final Set<String> KINDS = Set.of("event", "metric", "state", "alert");

    private static final MessageCatalog DEFAULT = load();

    private final Map<String, CatalogEntry> byCode;
    private final List<CatalogEntry> entries;
    /** Recoverable rules keyed by the first word of their leading literal. */
    private final Map<String, List<Candidate>> byFirstWord;
    /** Recoverable rules whose leading literal has no space, or that start with a placeholder. */
    private final List<Candidate> scanned;

    record Candidate(CatalogEntry entry, TemplateRule rule, String required, boolean prefix) {}

    private MessageCatalog(List<CatalogEntry> entries) {
        this.entries = List.copyOf(entries);
        Map<String, CatalogEntry> codes = new HashMap<>();
        Map<String, List<Candidate>> words = new HashMap<>();
        List<Candidate> scan = new ArrayList<>();
        for (CatalogEntry e : entries) {
            if (e.code() != null && codes.putIfAbsent(e.code(), e) != null) {
                throw new IllegalArgumentException("catalog lists " + e.code() + " twice");
            }
            for (TemplateRule r : e.rules()) {
                if (!r.recoverable) {
                    continue;
                }
                String lead = r.template.leadingLiteral();
                int space = lead.indexOf(' ');
                if (space > 0) {
                    words.computeIfAbsent(lead.substring(0, space), k -> new ArrayList<>())
                            .add(new Candidate(e, r, lead, true));
                } else {
                    scan.add(new Candidate(e, r, lead.isEmpty() ? r.template.requiredLiteral() : lead, !lead.isEmpty()));
                }
            }
        }
        this.byCode = Map.copyOf(codes);
        this.byFirstWord = Map.copyOf(words);
        this.scanned = List.copyOf(scan);
    }

    static MessageCatalog defaultCatalog() {
        return DEFAULT;
    }

    CatalogEntry byCode(String code) {
        return byCode.get(code);
    }

    Collection<CatalogEntry> entries() {
        return entries;
    }

    /**
     * The entry whose recoverable template matches the whole {@code text}, earliest entry first;
     * null when none does.
     */
    CatalogEntry recover(String text, int[] spans) {
        int space = text.indexOf(' ');
        List<Candidate> byWord = byFirstWord.getOrDefault(space > 0 ? text.substring(0, space) : text, List.of());
        CatalogEntry best = null;
        // One budget for all the candidates of a line, so that a line crafted to look like many
        // messages at once costs no more than a few ordinary ones.
        int budget = RECOVERY_BUDGET;
        for (Candidate c : byWord) {
            if (budget <= 0) {
                return best;
            }
            if ((best == null || c.entry().order() < best.order()) && text.startsWith(c.required())) {
                int r = c.rule().template.matchWithin(text, 0, text.length(), spans, budget);
                budget -= r >= 0 ? r : -1 - r;
                if (r >= 0) {
                    best = c.entry();
                }
            }
        }
        for (Candidate c : scanned) {
            if (budget <= 0) {
                return best;
            }
            if ((best == null || c.entry().order() < best.order())
                    && (c.prefix() ? text.startsWith(c.required()) : text.contains(c.required()))) {
                int r = c.rule().template.matchWithin(text, 0, text.length(), spans, budget);
                budget -= r >= 0 ? r : -1 - r;
                if (r >= 0) {
                    best = c.entry();
                }
            }
        }
        return best;
    }

    /** Matcher work allowed for recovering the code of one Standard line, all candidates together. */
    static final int RECOVERY_BUDGET = 10_000;

    private static MessageCatalog load() {
        String name = "catalog.txt";
        try (InputStream in = MessageCatalog.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("message catalog " + name + " is missing from the classpath");
            }
            return parse(new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)), name);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read message catalog " + name, e);
        }
    }

    /** Parses a catalog; errors name the source, the line and the reason. */
    static MessageCatalog parse(BufferedReader reader, String source) throws IOException {
        List<CatalogEntry> entries = new ArrayList<>();
        String line;
        int lineNo = 0;
        Header current = null;
        List<TemplateRule> rules = null;
        while ((line = reader.readLine()) != null) {
            lineNo++;
            String trimmed = line.strip();
            if (trimmed.isEmpty() || trimmed.startsWith("#")) {
                continue;
            }
            try {
                if (trimmed.startsWith("code ") || trimmed.startsWith("text ")) {
                    if (current != null) {
                        entries.add(current.toEntry(entries.size(), rules));
                    }
                    current = Header.parse(trimmed);
                    rules = new ArrayList<>();
                } else if (trimmed.startsWith("= ") || trimmed.startsWith("+ ")) {
                    if (current == null) {
                        throw new IllegalArgumentException("template before any 'code' line");
                    }
                    rules.add(TemplateRule.compile(line.substring(line.indexOf(trimmed.charAt(0)) + 2),
                            trimmed.charAt(0) == '='));
                } else {
                    throw new IllegalArgumentException("expected 'code', 'text', '= template' or '+ template'");
                }
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException(source + ":" + lineNo + ": " + e.getMessage(), e);
            }
        }
        if (current != null) {
            entries.add(current.toEntry(entries.size(), rules));
        }
        return new MessageCatalog(entries);
    }

    private record Header(String code, String kind, List<String> categories, List<String> types,
            String outcome, String action) {

        static Header parse(String line) {
            String[] words = line.split("\\s+");
            boolean coded = words[0].equals("code");
            int i = 1;
            String code = null;
            if (coded) {
                if (words.length < 3) {
                    throw new IllegalArgumentException("expected: code CODE CATEGORIES/TYPES[/OUTCOME] ...");
                }
                code = words[i++];
            }
            String[] cto = words[i++].split("/");
            if (cto.length < 2 || cto.length > 3) {
                throw new IllegalArgumentException("expected CATEGORIES/TYPES[/OUTCOME], got " + words[i - 1]);
            }
            List<String> cats = checked(cto[0], CATEGORIES, "event.category");
            List<String> types = checked(cto[1], TYPES, "event.type");
            String outcome = cto.length == 3 ? checked(cto[2], OUTCOMES, "event.outcome").get(0) : null;
            String kind = "event";
            String action = null;
            for (; i < words.length; i++) {
                if (words[i].startsWith("kind=")) {
                    kind = checked(words[i].substring(5), KINDS, "event.kind").get(0);
                } else if (words[i].startsWith("action=")) {
                    action = words[i].substring(7);
                } else {
                    throw new IllegalArgumentException("unknown attribute " + words[i]);
                }
            }
            return new Header(code, kind, cats, types, outcome, action);
        }

        private static List<String> checked(String csv, Set<String> allowed, String what) {
            List<String> out = Arrays.asList(csv.split(","));
            for (String v : out) {
                if (!allowed.contains(v)) {
                    throw new IllegalArgumentException("'" + v + "' is not an allowed " + what + " value");
                }
            }
            return List.copyOf(out);
        }

        CatalogEntry toEntry(int order, List<TemplateRule> rules) {
            return new CatalogEntry(code, order, kind, categories, types, outcome, action, List.copyOf(rules));
        }
    }

    /** Largest number of captures of any template: the size of a reusable span buffer. */
    int maxCaptures() {
        int max = 0;
        for (CatalogEntry e : entries) {
            for (TemplateRule r : e.rules()) {
                max = Math.max(max, r.captureCount());
            }
        }
        return max;
    }

}
