package io.gatewatch.core.intake;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The intakes of a data directory, in {@code intakes.json}. Every change takes a file lock, reads
 * the current file, and replaces it atomically (write, fsync, rename), so that two commands never
 * lose each other's change and a reader (the server, which re-reads the file when it changes)
 * never sees half a file.
 */
public final class IntakeRegistry {
    public static final String FILE = "intakes.json";
    private static final int FORMAT_VERSION = 1;
    private static final JsonFactory JSON = new JsonFactory();
    private static final String ALPHANUMERIC = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Path dataDir;
    private final Path file;

    public IntakeRegistry(Path dataDir) {
        this.dataDir = dataDir;
        this.file = dataDir.resolve(FILE);
    }

    /** A new random key: 40 alphanumerics, about 238 bits. */
    public static String generateKey() {
        StringBuilder sb = new StringBuilder(40);
        for (int i = 0; i < 40; i++) {
            sb.append(ALPHANUMERIC.charAt(RANDOM.nextInt(ALPHANUMERIC.length())));
        }
        return sb.toString();
    }

    /** The intakes, sorted by name; none when the file does not exist yet. */
    public List<Intake> list() throws IOException {
        try {
            return read(Files.readAllBytes(file));
        } catch (NoSuchFileException e) {
            return List.of();
        }
    }

    public Optional<Intake> byKey(String key) throws IOException {
        return list().stream().filter(i -> i.key().equals(key)).findFirst();
    }

    /**
     * Registers an intake.
     *
     * @throws IllegalArgumentException when the name or the key is already taken
     */
    public Intake add(Intake intake) throws IOException {
        update(current -> {
            for (Intake i : current) {
                if (i.name().equals(intake.name())) {
                    throw new IllegalArgumentException("an intake named '" + intake.name() + "' already exists");
                }
                if (i.key().equals(intake.key())) {
                    throw new IllegalArgumentException("that key already belongs to intake '" + i.name() + "'");
                }
            }
            List<Intake> next = new ArrayList<>(current);
            next.add(intake);
            return next;
        });
        return intake;
    }

    /** Removes an intake; false when there was none of that name. */
    public boolean remove(String name) throws IOException {
        boolean[] found = {false};
        update(current -> {
            List<Intake> next = new ArrayList<>();
            for (Intake i : current) {
                if (i.name().equals(name)) {
                    found[0] = true;
                } else {
                    next.add(i);
                }
            }
            return next;
        });
        return found[0];
    }

    /** File locks are held by the whole process: threads of one process also queue on this. */
    private static final java.util.concurrent.ConcurrentHashMap<Path, Object> IN_PROCESS = new java.util.concurrent.ConcurrentHashMap<>();

    private void update(UnaryOperator<List<Intake>> change) throws IOException {
        Files.createDirectories(dataDir);
        Object monitor = IN_PROCESS.computeIfAbsent(file.toAbsolutePath().normalize(), k -> new Object());
        synchronized (monitor) {
            updateLocked(change);
        }
    }

    private void updateLocked(UnaryOperator<List<Intake>> change) throws IOException {
        try (FileChannel lockFile = FileChannel.open(dataDir.resolve(FILE + ".lock"), StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
                FileLock lock = lockFile.lock()) {
            List<Intake> next = new ArrayList<>(change.apply(list()));
            next.sort(Comparator.comparing(Intake::name));
            java.io.ByteArrayOutputStream bytes = new java.io.ByteArrayOutputStream();
            write(next, bytes);
            io.gatewatch.core.journal.DurableFiles.replace(file, bytes.toByteArray());
        }
    }

    private static void write(List<Intake> intakes, OutputStream out) throws IOException {
        try (JsonGenerator g = JSON.createGenerator(out, JsonEncoding.UTF8)) {
            g.useDefaultPrettyPrinter();
            g.writeStartObject();
            g.writeNumberField("version", FORMAT_VERSION);
            g.writeArrayFieldStart("intakes");
            for (Intake i : intakes) {
                g.writeStartObject();
                g.writeStringField("name", i.name());
                g.writeStringField("key", i.key());
                g.writeStringField("format", i.format());
                g.writeStringField("timezone", i.timezone());
                g.writeNumberField("created", i.createdAtMillis());
                g.writeEndObject();
            }
            g.writeEndArray();
            g.writeEndObject();
        }
    }

    private List<Intake> read(byte[] bytes) throws IOException {
        List<Intake> out = new ArrayList<>();
        try (JsonParser p = JSON.createParser(bytes)) {
            expect(p.nextToken() == JsonToken.START_OBJECT, "not a JSON object");
            int version = -1;
            while (p.nextToken() == JsonToken.FIELD_NAME) {
                String field = p.currentName();
                p.nextToken();
                if (field.equals("version")) {
                    version = p.getIntValue();
                } else if (field.equals("intakes")) {
                    expect(p.currentToken() == JsonToken.START_ARRAY, "'intakes' is not an array");
                    while (p.nextToken() == JsonToken.START_OBJECT) {
                        out.add(readIntake(p));
                    }
                } else {
                    p.skipChildren();
                }
            }
            expect(version == FORMAT_VERSION, "format version " + version + ", expected " + FORMAT_VERSION);
        } catch (IllegalArgumentException | NullPointerException | com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IOException(file + ": " + e.getMessage(), e);
        }
        return out;
    }

    private static Intake readIntake(JsonParser p) throws IOException {
        String name = null;
        String key = null;
        String format = null;
        String timezone = null;
        long created = 0;
        while (p.nextToken() == JsonToken.FIELD_NAME) {
            String field = p.currentName();
            p.nextToken();
            switch (field) {
                case "name" -> name = p.getText();
                case "key" -> key = p.getText();
                case "format" -> format = p.getText();
                case "timezone" -> timezone = p.getText();
                case "created" -> created = p.getLongValue();
                default -> p.skipChildren();
            }
        }
        return new Intake(name, key, format, timezone, created);
    }

    private void expect(boolean ok, String what) throws IOException {
        if (!ok) {
            throw new IOException(file + ": " + what);
        }
    }
}
