package io.gatewatch.detect.cti;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.gatewatch.detect.cti.StixPattern.Invalid;
import io.gatewatch.detect.cti.StixPattern.ParseResult;
import io.gatewatch.detect.cti.StixPattern.Parsed;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Reads the {@code indicator} objects of a STIX 2.1 bundle, or of a TAXII envelope (both hold an
 * {@code objects} array), with a streaming parser: one object is in memory at a time, and sizes
 * are bounded (depth, string length, object count). Other object types are skipped and counted.
 */
public final class BundleReader {
    static final int MAX_OBJECTS = 5_000_000;
    static final int MAX_REASONS = 64;
    static final int MAX_LABELS = 32;

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder()
                    .maxNestingDepth(64)
                    .maxStringLength(1 << 20)
                    .maxNumberLength(64)
                    .build())
            .build());

    private BundleReader() {}

    /**
     * What a bundle held.
     *
     * @param indicators valid indicators, patterns parsed (matched or not)
     * @param rejected count per reason of the indicators refused
     * @param skipped objects that are not indicators
     */
    public record Contents(List<Indicator> indicators, Map<String, Integer> rejected, long skipped) {}

    /** Reads a bundle; throws only when the stream is not JSON or not a bundle at all. */
    public static Contents read(InputStream in, String source) throws IOException {
        List<Indicator> out = new ArrayList<>();
        Map<String, Integer> rejected = new LinkedHashMap<>();
        long skipped = 0;
        try (JsonParser p = JSON.getFactory().createParser(in)) {
            if (p.nextToken() != JsonToken.START_OBJECT) {
                throw new IOException("not a STIX bundle: expected a JSON object");
            }
            boolean sawObjects = false;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String name = p.currentName();
                JsonToken t = p.nextToken();
                if (!name.equals("objects") || t != JsonToken.START_ARRAY) {
                    p.skipChildren();
                    continue;
                }
                sawObjects = true;
                int count = 0;
                while (p.nextToken() == JsonToken.START_OBJECT) {
                    if (++count > MAX_OBJECTS) {
                        throw new IOException("bundle holds more than " + MAX_OBJECTS + " objects");
                    }
                    JsonNode o = JSON.readTree(p);
                    if (!"indicator".equals(o.path("type").asText())) {
                        skipped++;
                        continue;
                    }
                    Object r = indicator(o, source);
                    if (r instanceof Indicator ind) {
                        out.add(ind);
                    } else {
                        String reason = (String) r;
                        if (rejected.size() >= MAX_REASONS && !rejected.containsKey(reason)) {
                            reason = "other";
                        }
                        rejected.merge(reason, 1, Integer::sum);
                    }
                }
                if (p.currentToken() != JsonToken.END_ARRAY) {
                    throw new IOException("objects must be an array of objects, found " + p.currentToken()
                            + " at " + p.currentLocation().getCharOffset());
                }
            }
            if (!sawObjects) {
                throw new IOException("not a STIX bundle: no objects array");
            }
        }
        return new Contents(out, rejected, skipped);
    }

    /** An indicator, or the reason it is refused. */
    static Object indicator(JsonNode o, String source) {
        String id = text(o, "id");
        if (id == null || !id.startsWith("indicator--") || id.length() > 100) {
            return "missing or invalid id";
        }
        if (o.has("spec_version") && !"2.1".equals(text(o, "spec_version"))) {
            return "spec_version is not 2.1";
        }
        String pattern = text(o, "pattern");
        boolean revoked = o.path("revoked").asBoolean(false);
        String patternType = text(o, "pattern_type");
        if (!revoked && patternType != null && !patternType.equals("stix")) {
            return "pattern_type " + abbreviate(patternType) + " is not stix";
        }
        if (pattern == null && !revoked) {
            return "missing pattern";
        }
        long modified = time(o, "modified");
        if (modified == Long.MIN_VALUE) {
            modified = time(o, "created");
        }
        if (modified == Long.MIN_VALUE) {
            return "missing or invalid modified/created timestamp";
        }
        long from = o.has("valid_from") ? time(o, "valid_from") : Long.MIN_VALUE;
        if (o.has("valid_from") && from == Long.MIN_VALUE) {
            return "invalid valid_from";
        }
        long until = Long.MAX_VALUE;
        if (o.has("valid_until")) {
            until = time(o, "valid_until");
            if (until == Long.MIN_VALUE) {
                return "invalid valid_until";
            }
        }
        int confidence = -1;
        if (o.has("confidence")) {
            JsonNode c = o.get("confidence");
            if (!c.canConvertToInt() || c.asInt() < 0 || c.asInt() > 100) {
                return "confidence must be 0-100";
            }
            confidence = c.asInt();
        }
        List<String> labels = new ArrayList<>();
        for (String field : new String[] {"labels", "indicator_types"}) {
            for (JsonNode l : o.path(field)) {
                if (l.isTextual() && labels.size() < MAX_LABELS && l.asText().length() <= 128) {
                    labels.add(l.asText().toLowerCase(Locale.ROOT));
                }
            }
        }
        List<Atom> atoms = List.of();
        String unsupported = null;
        if (pattern == null) {
            pattern = "";
        } else if (!revoked) {
            ParseResult parsed = StixPatternParser.parse(pattern);
            if (parsed instanceof Invalid inv) {
                return "invalid pattern: " + inv;
            }
            PatternAtoms.Reduction r = PatternAtoms.reduce(((Parsed) parsed).expression());
            switch (r) {
                case PatternAtoms.Matched m -> atoms = m.atoms();
                case PatternAtoms.Unsupported u -> unsupported = u.reason();
                case PatternAtoms.InvalidValue v -> {
                    return v.reason();
                }
            }
        }
        String name = text(o, "name");
        if (name != null && name.length() > 512) {
            name = name.substring(0, 512);
        }
        return new Indicator(id, source, name, pattern, atoms, unsupported, from, until, confidence, revoked, modified, labels);
    }

    private static String text(JsonNode o, String field) {
        JsonNode v = o.get(field);
        return v != null && v.isTextual() ? v.asText() : null;
    }

    private static long time(JsonNode o, String field) {
        return CtiTime.parseOrMin(text(o, field));
    }

    private static String abbreviate(String s) {
        return s.length() <= 40 ? s : s.substring(0, 40) + "…";
    }
}
