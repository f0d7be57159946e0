package io.gatewatch.core.net;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IpAddressesTest {
    @ParameterizedTest
    @ValueSource(strings = {"1.2.3.4", "0.0.0.0", "255.255.255.255", "::", "::1", "2001:db8::7", "fe80::1%eth0",
        "::ffff:1.2.3.4", "1:2:3:4:5:6:7:8", "1:2:3:4:5:6:1.2.3.4", "2001:DB8:0:0:0:0:0:1"})
    void valid(String ip) {
        assertThat(IpAddresses.isIp(ip)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "1.2.3", "1.2.3.4.5", "256.1.1.1", "01.2.3.4", "1.2.3.4 ", "a.b.c.d", ":::",
        "1::2::3", "1:2:3:4:5:6:7:8:9", "12345::1", "1:2:3:4:5:6:7:1.2.3.4", "fe80::1%", "host.example", "1.2.3.4:80"})
    void invalid(String ip) {
        assertThat(IpAddresses.isIp(ip)).isFalse();
    }
}
