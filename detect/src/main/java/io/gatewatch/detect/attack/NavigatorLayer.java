package io.gatewatch.detect.attack;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Writes an {@link AttackCoverage} as an ATT&CK Navigator layer, layer format 4.5
 * (mitre-attack/attack-navigator, {@code layers/spec/v4.5/layerformat.md}): one technique object
 * per covered technique and parent technique, scored by the number of rules, with the rules'
 * titles in the comment and a gradient from one rule to the most covered technique.
 *
 * <p>Technique objects carry no {@code tactic}: Sigma tags name techniques and tactics side by
 * side without saying which tactic each technique serves, and a technique object without a
 * tactic is shown under every tactic the technique belongs to, which the Navigator knows from its
 * own ATT&CK data. The tagged tactics go into the comment instead.
 *
 * <p>The output is deterministic (sorted, no dates), so it can be compared and committed.
 */
public final class NavigatorLayer {
    public static final String LAYER_VERSION = "4.5";
    /**
     * The ATT&CK release the layer names. The Navigator shows a layer against that release's
     * matrix and offers to upgrade it when it has a newer one, so an older value still opens.
     */
    public static final String ATTACK_VERSION = "18";
    /** Layer format 4.5 asks for a Navigator of at least 4.9.0; this is the release that documents it. */
    public static final String NAVIGATOR_VERSION = "5.2.0";
    public static final String DOMAIN = "enterprise-attack";
    /** Pale to strong blue: the Navigator's red-to-green default reads as "bad" for low coverage. */
    static final String LOW_COLOR = "#cfe2ff";
    static final String HIGH_COLOR = "#0b3d91";

    private NavigatorLayer() {}

    /** The layer as pretty-printed JSON, named {@code name}. */
    public static String json(AttackCoverage coverage, String name) {
        StringWriter out = new StringWriter();
        try (JsonGenerator g = new JsonFactory().createGenerator(out)) {
            g.useDefaultPrettyPrinter();
            write(coverage, name, g);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot happen: writing to a string", e);
        }
        return out.toString() + "\n";
    }

    private static void write(AttackCoverage c, String name, JsonGenerator g) throws IOException {
        long correlations = c.rules().stream().filter(CoveredRule::correlation).count();
        long tagged = c.rules().stream().filter(r -> !r.techniques().isEmpty()).count();
        // Every entry scores at least 1 (it exists because a rule covers it), and the format wants
        // maxValue above minValue: the gradient runs from 1 to the top score, at least 2.
        int max = Math.max(2, c.maxScore());
        g.writeStartObject();
        g.writeStringField("name", name);
        g.writeObjectFieldStart("versions");
        g.writeStringField("attack", ATTACK_VERSION);
        g.writeStringField("navigator", NAVIGATOR_VERSION);
        g.writeStringField("layer", LAYER_VERSION);
        g.writeEndObject();
        g.writeStringField("domain", DOMAIN);
        g.writeStringField("description", "Techniques covered by the " + c.rules().size() + " alerting rules of"
                + " gatewatch (" + correlations + " of them correlations; " + tagged + " tagged with a technique)."
                + " Score: number of rules, counting a sub-technique's rules for its parent technique too.");
        g.writeNumberField("sorting", 3);
        g.writeObjectFieldStart("layout");
        g.writeStringField("layout", "side");
        g.writeBooleanField("showID", true);
        g.writeBooleanField("showName", true);
        g.writeBooleanField("showAggregateScores", false);
        g.writeBooleanField("countUnscored", false);
        g.writeStringField("aggregateFunction", "max");
        g.writeStringField("expandedSubtechniques", "annotated");
        g.writeEndObject();
        g.writeBooleanField("hideDisabled", false);
        g.writeArrayFieldStart("techniques");
        for (TechniqueCoverage t : c.techniques()) {
            g.writeStartObject();
            g.writeStringField("techniqueID", t.techniqueId());
            g.writeNumberField("score", t.score());
            g.writeStringField("comment", comment(t));
            g.writeBooleanField("enabled", true);
            if (t.hasSubtechniques()) {
                g.writeBooleanField("showSubtechniques", true);
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeObjectFieldStart("gradient");
        g.writeArrayFieldStart("colors");
        g.writeString(LOW_COLOR);
        g.writeString(HIGH_COLOR);
        g.writeEndArray();
        g.writeNumberField("minValue", 1);
        g.writeNumberField("maxValue", max);
        g.writeEndObject();
        g.writeArrayFieldStart("legendItems");
        legend(g, "1 rule", LOW_COLOR);
        legend(g, max + " rules", HIGH_COLOR);
        g.writeEndArray();
        g.writeBooleanField("showTacticRowBackground", false);
        g.writeBooleanField("selectTechniquesAcrossTactics", true);
        g.writeBooleanField("selectSubtechniquesWithParent", false);
        g.writeBooleanField("selectVisibleTechniques", false);
        g.writeEndObject();
    }

    private static void legend(JsonGenerator g, String label, String color) throws IOException {
        g.writeStartObject();
        g.writeStringField("label", label);
        g.writeStringField("color", color);
        g.writeEndObject();
    }

    /** "2 rules: A; B. Tactics tagged: credential-access." */
    static String comment(TechniqueCoverage t) {
        List<String> titles = t.rules().stream()
                .map(r -> r.title() + (r.correlation() ? " (correlation)" : "")).toList();
        StringBuilder s = new StringBuilder();
        s.append(t.score()).append(t.score() == 1 ? " rule: " : " rules: ").append(String.join("; ", titles)).append('.');
        if (!t.tactics().isEmpty()) {
            s.append(" Tactics tagged: ").append(String.join(", ", t.tactics())).append('.');
        }
        return s.toString();
    }
}
