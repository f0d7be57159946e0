package io.gatewatch.cli;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The event date an HTTP client pushes ({@code X-SEKOIAIO-EVENT-TIMESTAMP}) is kept in the journal
 * and dates the parsed event when its line has no time of its own; a line's own time wins.
 * Read with {@code gatewatch journal} while the server runs.
 */
class EventTimeTest {
    @TempDir
    Path data;

    @Test
    void theSendersDate_datesLinesWithoutATime_andTheLinesOwnTimeWins() throws Exception {
        try (ServeProcess server = ServeProcess.start(data)) {
            HttpClient http = HttpClient.newHttpClient();
            String body = "no time in this line\n"
                    + "id=firewall time=\"2021-01-28 13:46:08\" user=bob msg=\"AUT22673: Logout from 10.0.0.1\"\n";
            HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                            URI.create("http://127.0.0.1:" + server.port("http") + "/plain/batch"))
                    .header("X-SEKOIAIO-INTAKE-KEY", server.defaultKey())
                    .header("X-SEKOIAIO-EVENT-TIMESTAMP", "2021-04-05T21:33:31+02:00")
                    .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
            assertThat(r.statusCode()).as(r.body()).isEqualTo(200);

            LauncherTest.Run journal = LauncherTest.gatewatch(null, "journal", "--data", data.toString());
            assertThat(journal.exit()).as(journal.stderr()).isZero();
            List<JsonNode> records = journal.events();
            assertThat(records).hasSize(2);
            for (JsonNode record : records) {
                assertThat(record.get("event_time").asText()).isEqualTo("2021-04-05T19:33:31Z");
            }
            assertThat(records.get(0).at("/event/@timestamp").asText()).isEqualTo("2021-04-05T19:33:31Z");
            assertThat(records.get(1).at("/event/@timestamp").asText()).isEqualTo("2021-01-28T13:46:08Z");
            assertThat(server.stop().exit()).isZero();
        }
    }
}
