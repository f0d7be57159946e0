package io.gatewatch.detect.cti;

import io.gatewatch.core.ecs.EcsEvent;
import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.detect.Alert;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What a hit does to the event and to the alerts: each hit becomes one ECS {@code threat.enrichments}
 * entry, and the hits of an event raise one alert of the built-in CTI rule, whose level follows the
 * best confidence among them.
 */
public final class CtiRule {
    /** Stable id of the CTI rule: alerts group by it across releases. */
    public static final String RULE_ID = "b7c1a3d2-5e0f-4c1b-9a8e-3f2d6c7b1e40";
    static final String TITLE = "Threat intelligence match: ";
    static final List<String> TAGS = List.of("cti");

    private CtiRule() {}

    /** Adds one {@code threat.enrichments} entry per hit. */
    public static void enrich(EcsEvent event, List<CtiHit> hits) {
        for (CtiHit h : hits) {
            Indicator ind = h.indicator();
            Map<String, Object> indicator = new LinkedHashMap<>();
            indicator.put("type", ind.observableType());
            indicator.put("id", ind.id());
            if (ind.name() != null) {
                indicator.put("name", ind.name());
            }
            indicator.put("pattern", ind.pattern());
            indicator.put("value", h.atomic());
            if (ind.confidence() >= 0) {
                indicator.put("confidence", confidenceName(ind.confidence()));
                indicator.put("confidence_score", Integer.toString(ind.confidence()));
            }
            indicator.put("provider", ind.source());
            Map<String, Object> matched = new LinkedHashMap<>();
            matched.put("field", h.field());
            matched.put("atomic", h.value());
            matched.put("type", "indicator_match_rule");
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("indicator", indicator);
            entry.put("matched", matched);
            event.addObject(EcsField.THREAT_ENRICHMENTS, entry);
        }
    }

    /** The alert for an event with hits (call only with at least one hit). */
    public static Alert alert(EcsEvent event, List<CtiHit> hits) {
        CtiHit best = hits.get(0);
        for (CtiHit h : hits) {
            if (h.indicator().confidence() > best.indicator().confidence()) {
                best = h;
            }
        }
        long ts = event.getLong(EcsField.TIMESTAMP, 0);
        return new Alert(RULE_ID, TITLE + best.indicator().observableType(), level(best.indicator().confidence()), TAGS, ts,
                List.of(event), Map.of("indicator.id", best.indicator().id(), "matched.field", best.field()), null);
    }

    /**
     * The alert of an event that {@link #enrich} marked, read back from its
     * {@code threat.enrichments}; null when it has none. Detection raises it, so that CTI alerts
     * go where rule alerts go (the alerts file and store), written once with them.
     */
    public static Alert fromEnrichments(EcsEvent event) {
        if (!(event.get(EcsField.THREAT_ENRICHMENTS) instanceof List<?> entries) || entries.isEmpty()) {
            return null;
        }
        Map<?, ?> best = null;
        int bestConfidence = Integer.MIN_VALUE;
        for (Object entry : entries) {
            if (entry instanceof Map<?, ?> m && m.get("indicator") instanceof Map<?, ?> indicator) {
                int confidence = -1;
                if (indicator.get("confidence_score") instanceof String score) {
                    try {
                        confidence = Integer.parseInt(score);
                    } catch (NumberFormatException e) {
                        confidence = -1;
                    }
                }
                if (best == null || confidence > bestConfidence) {
                    best = m;
                    bestConfidence = confidence;
                }
            }
        }
        if (best == null) {
            return null;
        }
        Map<?, ?> indicator = (Map<?, ?>) best.get("indicator");
        Map<?, ?> matched = best.get("matched") instanceof Map<?, ?> mm ? mm : Map.of();
        long ts = event.getLong(EcsField.TIMESTAMP, 0);
        return new Alert(RULE_ID, TITLE + indicator.get("type"), level(bestConfidence), TAGS, ts, List.of(event),
                Map.of("indicator.id", String.valueOf(indicator.get("id")), "matched.field", String.valueOf(matched.get("field"))),
                null);
    }

    /**
     * Sigma level from STIX confidence (STIX 2.1 appendix A, "None/Low/Med/High" scale): unknown
     * and 30–69 medium, under 30 low, 70–89 high, 90 and up critical.
     */
    static String level(int confidence) {
        if (confidence < 0) {
            return "medium";
        }
        return confidence < 30 ? "low" : confidence < 70 ? "medium" : confidence < 90 ? "high" : "critical";
    }

    /** ECS {@code threat.indicator.confidence} names: Low, Medium, High (and None for 0). */
    static String confidenceName(int confidence) {
        return confidence == 0 ? "None" : confidence < 30 ? "Low" : confidence < 70 ? "Medium" : "High";
    }
}
