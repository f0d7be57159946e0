package io.gatewatch.detect.cti;

import java.util.Map;

/**
 * What one import did to a source.
 *
 * @param source the source name
 * @param added indicators new to the source
 * @param updated indicators replaced by a newer {@code modified} version
 * @param revoked indicators revoked (kept as tombstones, no longer matched)
 * @param unchanged indicators already held in this version or a newer one
 * @param unsupported count per reason of the indicators kept whose pattern parses but is not matched per event
 * @param rejected count per reason of the indicators refused (invalid pattern, missing fields)
 * @param skipped objects that are not indicators
 * @param total indicators the source now holds, tombstones excluded
 */
public record ImportSummary(String source, long added, long updated, long revoked, long unchanged,
        Map<String, Integer> unsupported, Map<String, Integer> rejected, long skipped, long total) {
    public ImportSummary {
        unsupported = Map.copyOf(unsupported);
        rejected = Map.copyOf(rejected);
    }
}
