package io.gatewatch.detect.sigma;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import com.fasterxml.jackson.dataformat.yaml.YAMLParser;
import io.gatewatch.detect.sigma.YamlNode.YList;
import io.gatewatch.detect.sigma.YamlNode.YMap;
import io.gatewatch.detect.sigma.YamlNode.YScalar;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.error.Mark;
import org.yaml.snakeyaml.error.MarkedYAMLException;

/**
 * Reads a (multi-document) YAML file into {@link YamlNode}s that know their lines, with bounds:
 * rule files come from users, so nesting, size and node count are limited, and aliases (the
 * "billion laughs" expansion) are refused outright: rules have no use for them.
 */
final class YamlReader {
    static final int MAX_DEPTH = 32;
    static final int MAX_NODES = 200_000;
    static final int MAX_SCALAR_CHARS = 64 * 1024;

    private static final YAMLFactory FACTORY = factory();

    private static YAMLFactory factory() {
        LoaderOptions options = new LoaderOptions();
        options.setNestingDepthLimit(MAX_DEPTH + 2);
        options.setCodePointLimit(Limits.MAX_FILE_BYTES + 1024);
        options.setMaxAliasesForCollections(0);
        options.setAllowDuplicateKeys(true); // reported by us, with the line
        return YAMLFactory.builder()
                .loaderOptions(options)
                .streamReadConstraints(StreamReadConstraints.builder()
                        .maxNestingDepth(MAX_DEPTH + 2)
                        .maxStringLength(MAX_SCALAR_CHARS)
                        .maxNumberLength(100)
                        .build())
                .build();
    }

    /** A document and the line it starts on. */
    record Document(YamlNode root, int line) {}

    /** The documents read, then the error that stopped reading (null when the file was read to its end). */
    record Result(List<Document> documents, RuleException error) {}

    private final YAMLParser parser;
    private int nodes;

    private YamlReader(YAMLParser parser) {
        this.parser = parser;
    }

    static Result read(String text) {
        List<Document> docs = new ArrayList<>();
        try (YAMLParser p = FACTORY.createParser(text)) {
            YamlReader reader = new YamlReader(p);
            while (p.nextToken() != null) {
                int line = line(p.currentTokenLocation());
                YamlNode root = reader.value(0);
                // An empty document (two "---" in a row) reads as null or as an empty string.
                if (!(root instanceof YScalar s && (s.isNull() || s.text().isEmpty()))) {
                    docs.add(new Document(root, line));
                }
            }
            return new Result(docs, null);
        } catch (RuleException e) {
            return new Result(docs, e);
        } catch (JsonProcessingException e) {
            if (e.getCause() instanceof MarkedYAMLException y) {
                return new Result(docs, syntax(y));
            }
            JsonLocation at = e.getLocation();
            return new Result(docs, new RuleException(at == null ? 1 : line(at), "YAML: " + firstLine(e.getOriginalMessage())));
        } catch (MarkedYAMLException e) {
            return new Result(docs, syntax(e));
        } catch (IOException | RuntimeException e) {
            // The YAML library's own limits (code points, nesting) throw its unchecked exceptions.
            return new Result(docs, new RuleException(1, "YAML: " + firstLine(String.valueOf(e.getMessage()))));
        }
    }

    /** The YAML library's problem and where: "expected ',' or ']'" at the line of the construct it is in. */
    private static RuleException syntax(MarkedYAMLException e) {
        Mark problem = e.getProblemMark();
        Mark context = e.getContextMark();
        int line = context != null ? context.getLine() + 1 : problem != null ? problem.getLine() + 1 : 1;
        StringBuilder reason = new StringBuilder("YAML: ");
        reason.append(e.getProblem() == null ? "syntax error" : firstLine(e.getProblem()));
        if (e.getContext() != null) {
            reason.append(" (").append(firstLine(e.getContext()));
            if (problem != null && problem.getLine() + 1 != line) {
                reason.append(", problem at line ").append(problem.getLine() + 1);
            }
            reason.append(')');
        }
        return new RuleException(line, reason.toString());
    }

    private static String firstLine(String s) {
        return s == null ? "unreadable" : s.lines().findFirst().orElse(s).strip();
    }

    private static int line(JsonLocation at) {
        return Math.max(1, at.getLineNr());
    }

    /** Reads the value at the current token. */
    private YamlNode value(int depth) throws IOException {
        if (++nodes > MAX_NODES) {
            throw new RuleException(line(parser.currentTokenLocation()), "more than " + MAX_NODES + " YAML nodes");
        }
        if (depth > MAX_DEPTH) {
            throw new RuleException(line(parser.currentTokenLocation()), "YAML nested deeper than " + MAX_DEPTH + " levels");
        }
        int line = line(parser.currentTokenLocation());
        if (parser.isCurrentAlias()) {
            throw new RuleException(line, "YAML aliases (*" + parser.getText() + ") are not supported in rules");
        }
        JsonToken t = parser.currentToken();
        switch (t) {
            case START_OBJECT -> {
                Map<String, YMap.Entry> entries = new LinkedHashMap<>();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String key = parser.currentName();
                    int keyLine = line(parser.currentTokenLocation());
                    parser.nextToken();
                    YamlNode v = value(depth + 1);
                    if (entries.putIfAbsent(key, new YMap.Entry(key, v, keyLine)) != null) {
                        throw new RuleException(keyLine, "duplicate key '" + key + "'");
                    }
                }
                return new YMap(entries, line);
            }
            case START_ARRAY -> {
                List<YamlNode> items = new ArrayList<>();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    items.add(value(depth + 1));
                }
                return new YList(items, line);
            }
            case VALUE_STRING -> {
                return new YScalar(parser.getText(), YScalar.Type.STRING, line);
            }
            case VALUE_NUMBER_INT -> {
                return new YScalar(parser.getText(), YScalar.Type.INTEGER, line);
            }
            case VALUE_NUMBER_FLOAT -> {
                return new YScalar(parser.getText(), YScalar.Type.FLOAT, line);
            }
            case VALUE_TRUE, VALUE_FALSE -> {
                return new YScalar(parser.getText(), YScalar.Type.BOOLEAN, line);
            }
            case VALUE_NULL -> {
                return new YScalar("", YScalar.Type.NULL, line);
            }
            default -> throw new RuleException(line, "unexpected YAML " + t);
        }
    }
}
