package io.gatewatch.server.auth;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.gatewatch.core.intake.IntakeRegistry;
import io.gatewatch.core.journal.DurableFiles;
import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Bearer tokens of the search API, in {@code DATA/api-tokens.json}. Only SHA-256 digests are
 * kept there, so the file reveals no token; a token is shown once, when it is created. The first
 * {@code serve} creates one and writes it to {@code DATA/api-token} (owner-only) for its operator.
 */
public final class ApiTokens {
    public static final String FILE = "api-tokens.json";
    public static final String FIRST_TOKEN_FILE = "api-token";
    private static final String PREFIX = "gw_";
    private static final Pattern NAME = Pattern.compile("[A-Za-z0-9_.-]{1,64}");
    private static final ObjectMapper JSON = new ObjectMapper();

    private final Path dataDir;
    private final Path file;
    private volatile Snapshot snapshot = new Snapshot(null, List.of());

    /** One token as kept: its name, digest and creation time. */
    public record Entry(String name, String sha256, long createdAtMillis) {}

    private record Snapshot(FileTime modified, List<Entry> entries) {}

    public ApiTokens(Path dataDir) {
        this.dataDir = dataDir;
        this.file = dataDir.resolve(FILE);
    }

    /** Creates a token named {@code name} and returns it; only its digest is stored. */
    public String create(String name) throws IOException {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("token names are 1 to 64 of [A-Za-z0-9_.-]; not '" + name + "'");
        }
        String token = PREFIX + IntakeRegistry.generateKey();
        Files.createDirectories(dataDir);
        try (FileChannel lockFile = FileChannel.open(dataDir.resolve(FILE + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
                FileLock lock = lockFile.lock()) {
            List<Entry> entries = new ArrayList<>(read());
            for (Entry e : entries) {
                if (e.name().equals(name)) {
                    throw new IllegalArgumentException("a token named '" + name + "' already exists");
                }
            }
            entries.add(new Entry(name, sha256(token), System.currentTimeMillis()));
            ArrayNode array = JSON.createArrayNode();
            for (Entry e : entries) {
                ObjectNode o = array.addObject();
                o.put("name", e.name()).put("sha256", e.sha256()).put("created", e.createdAtMillis());
            }
            DurableFiles.replace(file, JSON.writerWithDefaultPrettyPrinter().writeValueAsBytes(array));
        }
        return token;
    }

    /**
     * On a data directory without tokens: creates the first one and writes it, readable by its
     * owner only, to {@link #FIRST_TOKEN_FILE}. Returns that file, or null when tokens existed.
     */
    public Path createFirstIfNone() throws IOException {
        if (!list().isEmpty()) {
            return null;
        }
        String token = create("first");
        Path out = dataDir.resolve(FIRST_TOKEN_FILE);
        Files.deleteIfExists(out);
        try {
            Files.createFile(out, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        } catch (UnsupportedOperationException e) {
            Files.createFile(out);
        }
        Files.writeString(out, token + "\n", StandardCharsets.US_ASCII);
        return out;
    }

    public List<Entry> list() throws IOException {
        return read();
    }

    /** True when {@code token} is one of ours. Re-reads the file when it changed, so new tokens work at once. */
    public boolean verify(String token) {
        return nameOf(token) != null;
    }

    /**
     * The name of the token, when it is one of ours; else null. What the API records as the author
     * of an analyst's change.
     */
    public String nameOf(String token) {
        if (token == null || !token.startsWith(PREFIX) || token.length() > 256) {
            return null;
        }
        byte[] digest = HexFormat.of().parseHex(sha256(token));
        for (Entry e : current()) {
            // Constant-time: how much of a digest matches must not show in the answer's timing.
            byte[] kept;
            try {
                kept = HexFormat.of().parseHex(e.sha256());
            } catch (IllegalArgumentException badEntry) {
                continue;
            }
            if (MessageDigest.isEqual(digest, kept)) {
                return e.name();
            }
        }
        return null;
    }

    private List<Entry> current() {
        try {
            FileTime modified = Files.getLastModifiedTime(file);
            Snapshot s = snapshot;
            if (!modified.equals(s.modified())) {
                s = new Snapshot(modified, read());
                snapshot = s;
            }
            return s.entries();
        } catch (IOException e) {
            return snapshot.entries();
        }
    }

    private List<Entry> read() throws IOException {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            return List.of();
        }
        JsonNode root = JSON.readTree(bytes);
        if (root == null || !root.isArray()) {
            throw new IOException(file + " is not a JSON array of tokens");
        }
        List<Entry> out = new ArrayList<>();
        for (JsonNode n : root) {
            out.add(new Entry(n.path("name").asText(), n.path("sha256").asText(), n.path("created").asLong()));
        }
        return List.copyOf(out);
    }

    static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
