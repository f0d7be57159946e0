package io.gatewatch.detect.match;

import io.gatewatch.detect.event.EventFields;
import java.util.List;

/**
 * A field that rules read, resolved once: one ECS path, or for keyword searches the two fields
 * that hold the whole line's text.
 */
record FieldSlot(String name, List<EventFields.Path> paths) {
    static final List<String> KEYWORD_FIELDS = List.of("message", "event.original");

    static FieldSlot of(String field) {
        if (field.equals(Predicate.KEYWORDS)) {
            return new FieldSlot(field, KEYWORD_FIELDS.stream().map(EventFields::resolve).toList());
        }
        return new FieldSlot(field, List.of(EventFields.resolve(field)));
    }
}
