package io.gatewatch.cli;

import java.io.BufferedInputStream;
import java.io.FileNotFoundException;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.GZIPInputStream;

/**
 * The log files a command reads, plain or gzip, with {@code -} (or no file at all) for standard
 * input. A file that cannot be read is reported and skipped, so that one bad name does not lose
 * the lines of the others.
 */
final class LogInputs {
    /** Takes one line, a view into a buffer that the next line reuses. */
    @FunctionalInterface
    interface LineSink {
        void line(byte[] buf, int start, int length) throws IOException;
    }

    private final String command;
    private final InputStream stdin;
    private final PrintStream err;

    /** @param command the command's name, for its error messages */
    LogInputs(String command, InputStream stdin, PrintStream err) {
        this.command = command;
        this.stdin = stdin;
        this.err = err;
    }

    /**
     * Hands every non-blank line of the files, in order, to the sink.
     *
     * @return 0, or 1 when a file could not be read
     */
    int forEachLine(List<Path> files, LineSink sink) {
        int exit = 0;
        for (Path file : files.isEmpty() ? List.of(Path.of("-")) : files) {
            try (InputStream in = open(file)) {
                LineReader reader = new LineReader(in);
                while (reader.next()) {
                    if (!reader.blank()) {
                        sink.line(reader.buffer(), reader.lineStart(), reader.lineLength());
                    }
                }
            } catch (NoSuchFileException | FileNotFoundException e) {
                err.println("gatewatch " + command + ": cannot read " + file + ": no such file");
                exit = 1;
            } catch (AccessDeniedException e) {
                err.println("gatewatch " + command + ": cannot read " + file + ": permission denied");
                exit = 1;
            } catch (IOException e) {
                err.println("gatewatch " + command + ": cannot read " + file + ": " + e.getMessage());
                exit = 1;
            }
        }
        return exit;
    }

    private InputStream open(Path file) throws IOException {
        if (file.toString().equals("-")) {
            return new BufferedInputStream(stdin, 1 << 16) {
                @Override
                public void close() {
                    // Standard input stays open for whoever else reads it.
                }
            };
        }
        if (Files.isDirectory(file)) {
            throw new IOException("is a directory");
        }
        InputStream in = Files.newInputStream(file);
        return file.getFileName().toString().endsWith(".gz") ? new GZIPInputStream(in, 1 << 16) : in;
    }
}
