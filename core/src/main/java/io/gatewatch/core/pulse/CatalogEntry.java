package io.gatewatch.core.pulse;

import java.util.List;

/**
 * What one message code means: its ECS categorization and the templates for its parameters.
 *
 * @param code the message code, or null for a known text whose code no source gives
 * @param order position in the catalog file; the earlier entry wins when two texts collide
 */
record CatalogEntry(
        String code,
        int order,
        String kind,
        List<String> categories,
        List<String> types,
        String outcome,
        String action,
        List<TemplateRule> rules) {}
