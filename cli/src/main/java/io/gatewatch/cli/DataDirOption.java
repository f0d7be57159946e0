package io.gatewatch.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** The {@code --data DIR} option of every command that reads or writes local state, declared once. */
final class DataDirOption {
    @Option(names = "--data", paramLabel = "DIR", defaultValue = "./data",
            description = "Data directory (default: ${DEFAULT-VALUE}).")
    Path dir;
}
