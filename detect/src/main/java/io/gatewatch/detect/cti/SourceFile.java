package io.gatewatch.detect.cti;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.Collection;
import java.util.UUID;

/**
 * One source on disk, {@code DATA/cti/<source>.json}: a STIX 2.1 bundle of the indicators it
 * holds, tombstones of revoked ones included, so it reads back through {@link BundleReader} and
 * any STIX tool can read it too. Written whole to a temporary file, forced, then renamed, so a
 * crash leaves the old file or the new one.
 */
final class SourceFile {
    static final String DIR = "cti";
    static final String SUFFIX = ".json";

    private static final JsonFactory JSON = new JsonFactory();

    private SourceFile() {}

    static Path path(Path dataDir, String source) {
        return dataDir.resolve(DIR).resolve(source + SUFFIX);
    }

    /** A source name is also a file name: letters, digits, {@code . _ -}, not starting with a dot. */
    static boolean validName(String s) {
        if (s == null || s.isEmpty() || s.length() > 64 || s.charAt(0) == '.') {
            return false;
        }
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '.' || c == '_' || c == '-')) {
                return false;
            }
        }
        return true;
    }

    static BundleReader.Contents read(Path file, String source) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return BundleReader.read(in, source);
        }
    }

    static void write(Path file, Collection<Indicator> indicators) throws IOException {
        Files.createDirectories(file.getParent());
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp);
                JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.writeStartObject();
            g.writeStringField("type", "bundle");
            g.writeStringField("id", "bundle--" + UUID.randomUUID());
            g.writeArrayFieldStart("objects");
            for (Indicator i : indicators) {
                g.writeStartObject();
                g.writeStringField("type", "indicator");
                g.writeStringField("spec_version", "2.1");
                g.writeStringField("id", i.id());
                String modified = Instant.ofEpochMilli(i.modified()).toString();
                g.writeStringField("created", modified);
                g.writeStringField("modified", modified);
                if (i.name() != null) {
                    g.writeStringField("name", i.name());
                }
                if (!i.pattern().isEmpty()) {
                    g.writeStringField("pattern", i.pattern());
                    g.writeStringField("pattern_type", "stix");
                }
                if (i.validFrom() != Long.MIN_VALUE) {
                    g.writeStringField("valid_from", Instant.ofEpochMilli(i.validFrom()).toString());
                }
                if (i.validUntil() != Long.MAX_VALUE) {
                    g.writeStringField("valid_until", Instant.ofEpochMilli(i.validUntil()).toString());
                }
                if (i.confidence() >= 0) {
                    g.writeNumberField("confidence", i.confidence());
                }
                if (i.revoked()) {
                    g.writeBooleanField("revoked", true);
                }
                if (!i.labels().isEmpty()) {
                    g.writeArrayFieldStart("labels");
                    for (String l : i.labels()) {
                        g.writeString(l);
                    }
                    g.writeEndArray();
                }
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
        try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
            ch.force(true);
        }
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    }
}
