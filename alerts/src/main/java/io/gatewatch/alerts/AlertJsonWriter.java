package io.gatewatch.alerts;

import com.fasterxml.jackson.core.JsonGenerator;
import io.gatewatch.core.ecs.Rfc3339;
import java.io.IOException;
import java.util.Map;

/**
 * Alerts as JSON, one shape for the API and the CLI: {@code uuid}, {@code short_id}, {@code title},
 * {@code rule{id,title,level}}, {@code urgency{value,label}}, {@code ttps}, {@code tactics},
 * {@code status{name,label,stage}}, times in RFC 3339 UTC. Sampled events are copied as the ECS
 * JSON they were stored as.
 */
public final class AlertJsonWriter {
    private AlertJsonWriter() {}

    public static void summary(JsonGenerator g, StoredAlert a) throws IOException {
        g.writeStartObject();
        fields(g, a);
        g.writeEndObject();
    }

    public static void detail(JsonGenerator g, AlertDetail d) throws IOException {
        g.writeStartObject();
        fields(g, d.alert());
        g.writeArrayFieldStart("events");
        for (MatchedEvent e : d.events()) {
            g.writeStartObject();
            g.writeStringField("event_id", e.eventId());
            g.writeNumberField("event_offset", e.eventOffset());
            g.writeStringField("match_id", e.raisedId());
            g.writeStringField("added_at", Rfc3339.formatUtc(e.addedAt()));
            if (e.sampleJson() != null) {
                g.writeFieldName("event");
                g.writeRawValue(e.sampleJson());
            }
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("history");
        for (StatusChange h : d.history()) {
            g.writeStartObject();
            g.writeStringField("at", Rfc3339.formatUtc(h.at()));
            g.writeStringField("author", h.author());
            g.writeStringField("from", h.from() == null ? null : h.from().jsonName());
            g.writeStringField("to", h.to().jsonName());
            g.writeStringField("comment", h.comment());
            g.writeEndObject();
        }
        g.writeEndArray();
        g.writeArrayFieldStart("comments");
        for (AlertComment c : d.comments()) {
            comment(g, c);
        }
        g.writeEndArray();
        g.writeEndObject();
    }

    public static void comment(JsonGenerator g, AlertComment c) throws IOException {
        g.writeStartObject();
        g.writeNumberField("id", c.id());
        g.writeStringField("at", Rfc3339.formatUtc(c.at()));
        g.writeStringField("author", c.author());
        g.writeStringField("text", c.text());
        g.writeEndObject();
    }

    private static void fields(JsonGenerator g, StoredAlert a) throws IOException {
        g.writeStringField("uuid", a.uuid());
        g.writeStringField("short_id", a.shortId());
        g.writeStringField("title", a.title());
        g.writeObjectFieldStart("rule");
        g.writeStringField("id", a.ruleId());
        g.writeStringField("title", a.ruleTitle());
        g.writeStringField("level", a.level());
        g.writeEndObject();
        g.writeStringField("intake", a.intake());
        g.writeObjectFieldStart("urgency");
        g.writeNumberField("value", a.urgency());
        g.writeStringField("label", a.urgencyLabel());
        g.writeEndObject();
        g.writeArrayFieldStart("ttps");
        for (String t : a.attack().techniques()) {
            g.writeString(t);
        }
        g.writeEndArray();
        g.writeArrayFieldStart("tactics");
        for (String t : a.attack().tactics()) {
            g.writeString(t);
        }
        g.writeEndArray();
        g.writeStringField("correlation_type", a.correlationType());
        g.writeObjectFieldStart("group");
        for (Map.Entry<String, String> e : a.group().entrySet()) {
            g.writeStringField(e.getKey(), e.getValue());
        }
        g.writeEndObject();
        g.writeStringField("first_seen_at", Rfc3339.formatUtc(a.firstSeen()));
        g.writeStringField("last_seen_at", Rfc3339.formatUtc(a.lastSeen()));
        g.writeNumberField("occurrences", a.occurrences());
        g.writeObjectFieldStart("status");
        g.writeStringField("name", a.status().jsonName());
        g.writeStringField("label", a.status().label());
        g.writeStringField("stage", a.status().stage().jsonName());
        g.writeEndObject();
        g.writeStringField("assignee", a.assignee());
        g.writeStringField("created_at", Rfc3339.formatUtc(a.createdAt()));
        g.writeStringField("updated_at", Rfc3339.formatUtc(a.updatedAt()));
    }
}
