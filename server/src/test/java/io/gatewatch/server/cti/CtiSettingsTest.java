package io.gatewatch.server.cti;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatewatch.detect.cti.TaxiiClient;
import io.gatewatch.server.ConfigFile;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code cti.feeds} in serve's configuration file: what is read, and every mistake named by its key. */
class CtiSettingsTest {
    private static final Map<String, String> ENV = Map.of("TAXII_PW", "s3cret", "TAXII_TOKEN", "t0ken");

    @TempDir
    Path dir;

    private CtiSettings read(String yaml) throws IOException {
        Path f = dir.resolve("gatewatch.yaml");
        Files.writeString(f, yaml);
        return CtiSettings.read(ConfigFile.read(f), ENV::get);
    }

    @Test
    void feedsAreRead_withTheirSecretsFromTheEnvironment() throws IOException {
        CtiSettings s = read("""
                cti:
                  feeds:
                    - source: acme
                      api_root: https://taxii.example/api1/
                      collection: 91a7b528-80eb-42ed-a74d-c6fbd5a26116
                      interval: PT5M
                      user: analyst
                      password_env: TAXII_PW
                    - {source: other, discovery: https://taxii.example/taxii2/, collection: c2, token_env: TAXII_TOKEN}
                    - {source: open, api_root: http://taxii.example/api2/, collection: c3}
                """);
        assertThat(s.feeds()).hasSize(3);
        TaxiiFeed acme = s.feeds().get(0);
        assertThat(acme.feed().source()).isEqualTo("acme");
        assertThat(acme.feed().apiRoot()).isEqualTo(URI.create("https://taxii.example/api1/"));
        assertThat(acme.feed().discovery()).isNull();
        assertThat(acme.feed().collection()).isEqualTo("91a7b528-80eb-42ed-a74d-c6fbd5a26116");
        assertThat(acme.feed().interval()).isEqualTo(Duration.ofMinutes(5));
        assertThat(acme.auth()).isEqualTo(new TaxiiClient.Basic("analyst", "s3cret"));
        TaxiiFeed other = s.feeds().get(1);
        assertThat(other.feed().discovery()).isEqualTo(URI.create("https://taxii.example/taxii2/"));
        assertThat(other.feed().interval()).as("the default").isEqualTo(Duration.ofMinutes(15));
        assertThat(other.auth()).isEqualTo(new TaxiiClient.Bearer("t0ken"));
        assertThat(s.feeds().get(2).auth()).isEqualTo(new TaxiiClient.None());
        assertThat(s.toString()).doesNotContain("s3cret", "t0ken");
    }

    @Test
    void noCtiSection_noFeeds() throws IOException {
        assertThat(read("http: {port: 8080}\n").feeds()).isEmpty();
        assertThat(read("cti: {feeds: []}\n").feeds()).isEmpty();
    }

    @Test
    void badIntervals_areNamedByTheirKey() {
        assertThatThrownBy(() -> read("cti:\n  feeds:\n    - {source: a, api_root: 'https://t.example/r/', collection: c, interval: 15m}\n"))
                .hasMessageContaining("gatewatch.yaml")
                .hasMessageContaining("'cti.feeds[0].interval' must be an ISO-8601 duration such as PT15M, not \"15m\"");
        assertThatThrownBy(() -> read("""
                cti:
                  feeds:
                    - {source: a, api_root: 'https://t.example/r/', collection: c}
                    - {source: b, api_root: 'https://t.example/r/', collection: c, interval: PT5S}
                """)).hasMessageContaining("'cti.feeds[1].interval' must be at least PT10S, not PT5S");
    }

    @Test
    void aMissingEnvironmentVariable_isNamedWithItsKey() {
        assertThatThrownBy(() -> read("""
                cti:
                  feeds:
                    - {source: a, api_root: 'https://t.example/r/', collection: c, user: u, password_env: NOT_SET_ANYWHERE}
                """)).hasMessageContaining("'cti.feeds[0].password_env': environment variable NOT_SET_ANYWHERE is not set");
        assertThatThrownBy(() -> read("""
                cti:
                  feeds:
                    - {source: a, api_root: 'https://t.example/r/', collection: c, token_env: NOR_THIS}
                """)).hasMessageContaining("'cti.feeds[0].token_env': environment variable NOR_THIS is not set");
    }

    @Test
    void unknownKeys_inAFeed_areNamedWithItsIndex() {
        assertThatThrownBy(() -> read("""
                cti:
                  feeds:
                    - {source: a, api_root: 'https://t.example/r/', collection: c}
                    - {source: b, api_root: 'https://t.example/r/', collection: c, password: hunter2}
                  feed: x
                """)).hasMessageContaining("unknown key 'cti.feeds[1].password'").hasMessageContaining("unknown key 'cti.feed'")
                .hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> read("cti: {feeds: {source: a}}\n")).hasMessageContaining("'cti.feeds' must be a list");
        assertThatThrownBy(() -> read("cti: {feeds: [acme]}\n")).hasMessageContaining("'cti.feeds[0]' must be a mapping");
    }

    @Test
    void otherMistakes_areNamedByTheirKey() {
        assertThatThrownBy(() -> read("cti: {feeds: [{api_root: 'https://t.example/r/', collection: c}]}\n"))
                .hasMessageContaining("'cti.feeds[0].source' is missing");
        assertThatThrownBy(() -> read("cti: {feeds: [{source: ../a, api_root: 'https://t.example/r/', collection: c}]}\n"))
                .hasMessageContaining("'cti.feeds[0].source': invalid source name '../a'");
        assertThatThrownBy(() -> read("cti: {feeds: [{source: a, collection: c}]}\n"))
                .hasMessageContaining("'cti.feeds[0]' needs api_root or discovery, one of the two");
        assertThatThrownBy(() -> read("cti: {feeds: [{source: a, api_root: 'https://t.example/r/'}]}\n"))
                .hasMessageContaining("'cti.feeds[0].collection' is missing");
        assertThatThrownBy(() -> read("cti: {feeds: [{source: a, api_root: 'ftp://t.example/r/', collection: c}]}\n"))
                .hasMessageContaining("'cti.feeds[0].api_root' must be an http or https URL");
        assertThatThrownBy(() -> read("cti: {feeds: [{source: a, api_root: 'https://u:hunter2@t.example/r/', collection: c}]}\n"))
                .hasMessageContaining("'cti.feeds[0].api_root' must not hold credentials").hasMessageNotContaining("hunter2");
        assertThatThrownBy(() -> read("cti: {feeds: [{source: a, api_root: 'https://t.example/r/', collection: c, user: u,"
                + " token_env: TAXII_TOKEN}]}\n")).hasMessageContaining("'cti.feeds[0]': a bearer token goes without");
        assertThatThrownBy(() -> read("""
                cti:
                  feeds:
                    - {source: a, api_root: 'https://t.example/r/', collection: c}
                    - {source: a, discovery: 'https://t.example/taxii2/', collection: d}
                """)).hasMessageContaining("'cti.feeds[1].source' is already the source of cti.feeds[0]");
    }
}
