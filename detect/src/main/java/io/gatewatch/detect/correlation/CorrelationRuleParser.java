package io.gatewatch.detect.correlation;

import com.fasterxml.jackson.databind.JsonNode;

/** Reads a correlation rule from its YAML document (a document with a top-level {@code correlation} key). */
public final class CorrelationRuleParser {
    private CorrelationRuleParser() {}

    /**
     * @param doc the YAML document
     * @param file the file name, for error messages
     * @param line the document's first line in the file
     * @throws IllegalArgumentException with a message naming the file, the line and the reason
     */
    public static CorrelationRule parse(JsonNode doc, String file, int line) {
        throw new UnsupportedOperationException("correlation rules: being written");
    }
}
