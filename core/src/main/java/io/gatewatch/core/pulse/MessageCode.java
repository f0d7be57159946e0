package io.gatewatch.core.pulse;

import java.util.List;

/**
 * What the parser knows about one message of the catalog, for documentation generated from the
 * code: the ECS categorization it gives the events of that message.
 *
 * @param code the message code ({@code AUT23457}), or null for a known text whose code no source gives
 * @param kind {@code event.kind}
 * @param categories {@code event.category}
 * @param types {@code event.type}
 * @param outcome {@code event.outcome}, or null when the message does not say
 * @param action {@code event.action}, or null
 */
public record MessageCode(String code, String kind, List<String> categories, List<String> types, String outcome,
        String action) {
    public MessageCode {
        categories = List.copyOf(categories);
        types = List.copyOf(types);
    }

    /** Every message of the parser's catalog, in catalog order. */
    public static List<MessageCode> catalog() {
        return MessageCatalog.defaultCatalog().entries().stream()
                .map(e -> new MessageCode(e.code(), e.kind(), e.categories(), e.types(), e.outcome(), e.action()))
                .toList();
    }
}
