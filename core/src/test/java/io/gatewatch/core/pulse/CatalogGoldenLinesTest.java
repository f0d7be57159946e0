package io.gatewatch.core.pulse;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Keeps {@code golden/catalog-{welf,standard,json}.log} in step with the catalog: one line per
 * catalog template, in each format, built from {@link CatalogTest#sample}. {@link GoldenTest} then
 * holds every family's expected ECS. After a catalog change, regenerate both with
 * {@code ./mvnw -pl core test -Dtest='CatalogGoldenLinesTest,GoldenTest' -Dgolden.update=true}.
 */
class CatalogGoldenLinesTest {
    private static final Path DIR = Path.of("src/test/resources/golden");

    static List<String> lines(String format) {
        List<String> out = new ArrayList<>();
        int second = 0;
        for (CatalogEntry e : MessageCatalog.defaultCatalog().entries()) {
            for (TemplateRule r : e.rules()) {
                if (!r.recoverable) {
                    continue;
                }
                String text = CatalogTest.sample(r.template);
                String time = String.format("2024-05-06 07:%02d:%02d", (second / 60) % 60, second % 60);
                long epoch = 1714979280L + second;
                second++;
                String code = e.code();
                switch (format) {
                    case "welf" -> {
                        if (code != null) {
                            out.add("id=firewall time=\"" + time + "\" pri=6 fw=192.0.2.10 vpn=vpn-a ivs=Default Network"
                                    + " user=jdoe realm=\"Staff\" roles=\"Users, VPN\" proto=auth src=198.51.100.7 dst= dstname="
                                    + " type=vpn op= arg=\"\" result= sent= rcvd= agent=\"\" duration= msg=\"" + code + ": " + text + "\"");
                        }
                    }
                    case "standard" -> out.add(time + " - vpn-a - [198.51.100.7] Default Network::jdoe(Staff)[Users, VPN] - " + text);
                    default -> {
                        if (code != null) {
                            out.add("{\"message_id\":\"" + code + "\",\"timestamp\":\"" + epoch + "\",\"source_ip\":\"198.51.100.7\","
                                    + "\"user\":\"jdoe\",\"realm_name\":\"Staff\",\"roles\":\"Users, VPN\",\"raw_message\":\""
                                    + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"}");
                        }
                    }
                }
            }
        }
        return out;
    }

    @Test
    void catalogFamilyLinesMatchTheCatalog() throws IOException {
        for (String format : List.of("welf", "standard", "json")) {
            Path file = DIR.resolve("catalog-" + format + ".log");
            List<String> expected = lines(format);
            if (Boolean.getBoolean("golden.update")) {
                Files.write(file, expected, StandardCharsets.UTF_8);
            }
            assertThat(Files.readAllLines(file, StandardCharsets.UTF_8))
                    .as("%s: regenerate after a catalog change (see the class comment)", file)
                    .isEqualTo(expected);
        }
    }
}
