package io.gatewatch.detect.sigma;

import io.gatewatch.detect.match.Expr;
import java.util.List;
import java.util.Objects;

/**
 * A single-event Sigma rule, loaded: what alerts show, and its condition with the search
 * identifiers inlined.
 *
 * @param id stable id ({@code id}, or {@code uuid} in the reference platform's dialect)
 * @param name the name correlations may refer to it by; null when none
 * @param title title ({@code title}, or {@code rule} in the reference dialect)
 * @param level Sigma level: informational, low, medium, high or critical ({@code alert_severity}
 *     0–100 is mapped to one when there is no {@code level})
 * @param tags tags, lower-cased; ATT&CK ids of the reference dialect's {@code attack} key become
 *     {@code attack.t1234}
 * @param description description, or empty
 * @param status status, or null
 * @param effort the reference dialect's effort (elementary ... master), or null
 * @param falsePositives known false positives
 * @param references references
 * @param file the file it came from
 * @param line the line its document starts on
 * @param condition what an event must satisfy
 */
public record SigmaRule(String id, String name, String title, String level, List<String> tags, String description,
        String status, String effort, List<String> falsePositives, List<String> references, String file, int line,
        Expr condition) {
    public SigmaRule {
        Objects.requireNonNull(id, "id");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(level, "level");
        Objects.requireNonNull(condition, "condition");
        tags = List.copyOf(tags);
        falsePositives = List.copyOf(falsePositives);
        references = List.copyOf(references);
    }
}
