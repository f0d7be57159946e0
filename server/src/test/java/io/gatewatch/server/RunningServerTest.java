package io.gatewatch.server;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server tells the commands on its data directory where its API is, and only while it runs. */
class RunningServerTest {
    @TempDir
    Path data;

    @Test
    void aServerWithItsApiOn_isFoundWhileItRuns_andNotOnceStopped() throws Exception {
        ServerConfig config = new ServerConfig(data, "0.0.0.0", 0, -1, 0, -1, null, 4096, 1024);
        try (Server server = Server.start(config)) {
            Optional<RunningServer> found = RunningServer.find(data);
            assertThat(found).isPresent();
            assertThat(found.get().pid()).isEqualTo(ProcessHandle.current().pid());
            assertThat(found.get().http()).isEqualTo(URI.create("http://127.0.0.1:" + server.httpPort()));
        }
        assertThat(data.resolve(RunningServer.FILE)).doesNotExist();
        assertThat(RunningServer.find(data)).isEmpty();
    }

    @Test
    void aServerWithoutItsApi_writesNothing() throws Exception {
        ServerConfig config = new ServerConfig(data, "127.0.0.1", 0, -1, -1, -1, null, 4096, 1024);
        try (Server server = Server.start(config)) {
            assertThat(data.resolve(RunningServer.FILE)).doesNotExist();
        }
    }

    @Test
    void theFileOfAProcessThatEnded_isIgnored() throws Exception {
        Process ended = new ProcessBuilder("true").start();
        ended.waitFor();
        Files.writeString(data.resolve(RunningServer.FILE),
                "{\"pid\":" + ended.pid() + ",\"http\":\"http://127.0.0.1:8080\"}");

        assertThat(RunningServer.find(data)).isEmpty();
    }

    @Test
    void aFileThatIsNotOurs_isIgnored() throws Exception {
        long me = ProcessHandle.current().pid();
        for (String text : new String[] {"", "not json", "[]", "{\"pid\":\"x\",\"http\":\"http://127.0.0.1:1\"}",
                "{\"pid\":" + me + "}", "{\"pid\":" + me + ",\"http\":\"file:///etc/passwd\"}",
                "{\"pid\":" + me + ",\"http\":\"http://\"}", "{\"pid\":" + me + ",\"http\":\"http:// bad\"}"}) {
            Files.writeString(data.resolve(RunningServer.FILE), text);
            assertThat(RunningServer.find(data)).as(text).isEmpty();
        }
        Files.writeString(data.resolve(RunningServer.FILE), "{\"pid\":" + me + ",\"http\":\"http://127.0.0.1:1\"}");
        assertThat(RunningServer.find(data)).as("the same, well formed").isPresent();
    }

    @Test
    void anotherProcesssFile_isLeftWhenThisOneStops() throws Exception {
        long other = ProcessHandle.current().parent().orElseThrow().pid();
        String text = "{\"pid\":" + other + ",\"http\":\"http://127.0.0.1:8080\"}";
        Files.writeString(data.resolve(RunningServer.FILE), text);

        RunningServer.remove(data);

        assertThat(data.resolve(RunningServer.FILE)).hasContent(text);
    }

    @Test
    void onlyAnAddressOfThisMachine_counts_forTheTokenIsSentThere() throws Exception {
        long me = ProcessHandle.current().pid();
        for (String http : new String[] {"http://192.0.2.1:8080", "http://localhost:8080", "http://gateway.example:8080",
                "http://[2001:db8::1]:8080"}) {
            Files.writeString(data.resolve(RunningServer.FILE), "{\"pid\":" + me + ",\"http\":\"" + http + "\"}");
            assertThat(RunningServer.find(data)).as(http).isEmpty();
        }
        for (String http : new String[] {"http://127.0.0.1:8080", "http://[::1]:8080"}) {
            Files.writeString(data.resolve(RunningServer.FILE), "{\"pid\":" + me + ",\"http\":\"" + http + "\"}");
            assertThat(RunningServer.find(data)).as(http).isPresent();
        }
    }

    @Test
    void clientsReachAWildcardListenerOnTheLoopback_asALiteral() throws Exception {
        assertThat(RunningServer.clientHost("0.0.0.0")).isEqualTo("127.0.0.1");
        assertThat(RunningServer.clientHost("")).isEqualTo("127.0.0.1");
        assertThat(RunningServer.clientHost("::")).isEqualTo("[::1]");
        assertThat(RunningServer.clientHost("::1")).isEqualTo("[::1]");
        assertThat(RunningServer.clientHost("127.0.0.2")).isEqualTo("127.0.0.2");
        assertThat(RunningServer.clientHost("localhost")).isIn("127.0.0.1", "[::1]");
    }
}
