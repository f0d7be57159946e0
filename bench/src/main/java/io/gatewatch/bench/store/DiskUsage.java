package io.gatewatch.bench.store;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Stream;

/**
 * Where a store's bytes are, by what Lucene keeps in each kind of file (its file extensions), so that
 * the disk figure says which part of the index layout costs what.
 */
final class DiskUsage {
    private DiskUsage() {}

    /** The parts, in a fixed order, and the Lucene file extensions of each. */
    private static final Map<String, String[]> PARTS = parts();

    private static Map<String, String[]> parts() {
        Map<String, String[]> p = new LinkedHashMap<>();
        p.put("stored fields (the source's rest, compressed JSON)", new String[] {"fdt", "fdx", "fdm"});
        p.put("terms dictionaries", new String[] {"tim", "tip", "tmd"});
        p.put("postings (doc ids, positions)", new String[] {"doc", "pos", "pay", "psm"});
        p.put("doc values (aggregations, sorting)", new String[] {"dvd", "dvm"});
        p.put("points (numbers, dates, IPs)", new String[] {"kdd", "kdi", "kdm"});
        p.put("norms", new String[] {"nvd", "nvm"});
        return p;
    }

    /** Bytes per part under {@code dir}; everything else (segment infos, field infos…) as "other". */
    static Map<String, Long> of(Path dir) throws IOException {
        Map<String, Long> bytes = new LinkedHashMap<>();
        for (String part : PARTS.keySet()) {
            bytes.put(part, 0L);
        }
        bytes.put("other", 0L);
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path f : files.filter(Files::isRegularFile).toList()) {
                bytes.merge(partOf(f.getFileName().toString()), Files.size(f), Long::sum);
            }
        }
        return bytes;
    }

    private static String partOf(String fileName) {
        int dot = fileName.lastIndexOf('.');
        String ext = dot < 0 ? "" : fileName.substring(dot + 1);
        for (Map.Entry<String, String[]> e : PARTS.entrySet()) {
            for (String x : e.getValue()) {
                if (x.equals(ext)) {
                    return e.getKey();
                }
            }
        }
        return "other";
    }
}
