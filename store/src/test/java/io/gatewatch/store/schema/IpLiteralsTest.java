package io.gatewatch.store.schema;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class IpLiteralsTest {
    @ParameterizedTest
    @CsvSource({
        "10.1.2.3, 10.1.2.3",
        "2001:DB8:0:0:0:0:0:1, 2001:db8::1",
        "2001:db8:0:0:1:0:0:1, 2001:db8::1:0:0:1",
        "2001:db8:0:1:1:1:1:1, 2001:db8:0:1:1:1:1:1",
        "0:0:0:0:0:0:0:0, ::",
        "0:0:0:0:0:0:0:1, ::1",
        "fe80:0:0:0:0:0:0:0, fe80::",
        "::ffff:10.0.0.1, 10.0.0.1",
    })
    void formatsCanonically(String in, String expected) {
        assertThat(IpLiterals.format(IpLiterals.parse(in))).isEqualTo(expected);
    }

    @Test
    void refusesNamesWithoutLookingThemUp() {
        assertThat(IpLiterals.parse("localhost")).isNull();
        assertThat(IpLiterals.parse("example.com")).isNull();
        assertThat(IpLiterals.parse("10.0.0.256")).isNull();
        assertThat(IpLiterals.parse(null)).isNull();
    }
}
