package io.gatewatch.cli.doc;

import io.gatewatch.core.ecs.EcsField;
import io.gatewatch.core.ecs.FieldType;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Properties;
import java.util.Set;

/**
 * The fields the parser writes, read from {@link EcsField} (the one table of fields and types),
 * with a description each from {@code ecs-fields.properties} beside this class.
 */
final class FieldTable {
    /**
     * Fields later stages set, not the parser: the store (id, ingestion time, intake) and threat
     * intelligence enrichment. Named by path so the list holds whether or not a stage has landed.
     */
    static final Set<String> NOT_FROM_THE_PARSER = Set.of("event.id", "event.ingested", "gatewatch.intake",
            "threat.enrichments");

    /**
     * One row of the table.
     *
     * @param path dotted ECS path
     * @param type the ECS type name ({@code keyword}, {@code ip}, …), arrays marked
     * @param description what it holds; empty when the properties file lacks it
     */
    record Row(String path, String type, String description) {}

    private FieldTable() {}

    /** The parser's fields, sorted by path. */
    static List<Row> rows() {
        Properties descriptions = descriptions();
        List<Row> rows = new ArrayList<>();
        for (EcsField f : EcsField.values()) {
            if (!NOT_FROM_THE_PARSER.contains(f.path())) {
                rows.add(new Row(f.path(), typeName(f.type()), descriptions.getProperty(f.path(), "")));
            }
        }
        rows.sort(Comparator.comparing(Row::path));
        return rows;
    }

    /** The ECS data type of an index mapping, as ECS names it. */
    static String typeName(FieldType t) {
        return switch (t) {
            case KEYWORD -> "keyword";
            case TEXT -> "text";
            case IP -> "ip";
            case LONG -> "long";
            case DATE -> "date";
            case KEYWORD_LIST -> "keyword (array)";
            case IP_LIST -> "ip (array)";
            case OBJECT -> "object";
        };
    }

    private static Properties descriptions() {
        Properties p = new Properties();
        try (InputStream in = FieldTable.class.getResourceAsStream("ecs-fields.properties")) {
            if (in == null) {
                throw new IllegalStateException("ecs-fields.properties is missing from the classpath");
            }
            p.load(new InputStreamReader(in, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return p;
    }
}
