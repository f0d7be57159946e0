package io.gatewatch.store.agg;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Random;
import org.apache.lucene.util.BytesRef;
import org.junit.jupiter.api.Test;

class Utf16OrderTest {
    private static final String[] PIECES = {"a", "z", "\u00e9", "\u07ff", "\u0800", "\ud7ff", "\ue000", "\ufb01", "\uffff",
        "\ud800\udc00", "\ud83d\ude00", "\udbff\udfff", ""};

    @Test
    void ordersUtf8BytesAsTheirStringsCompare() {
        Random random = new Random(7);
        for (int i = 0; i < 20_000; i++) {
            String a = randomString(random);
            String b = randomString(random);
            assertThat(Integer.signum(Utf16Order.compare(new BytesRef(a), new BytesRef(b))))
                    .as("%s vs %s", a, b)
                    .isEqualTo(Integer.signum(a.compareTo(b)));
        }
    }

    @Test
    void flagsOnlyTermsWhoseByteOrderMayDiffer() {
        assertThat(Utf16Order.mayDifferFromByteOrder(new BytesRef("10.0.0.1"))).isFalse();
        assertThat(Utf16Order.mayDifferFromByteOrder(new BytesRef("caf\u00e9"))).isFalse();
        assertThat(Utf16Order.mayDifferFromByteOrder(new BytesRef("x\ufb01"))).isTrue();
        assertThat(Utf16Order.mayDifferFromByteOrder(new BytesRef("x\ud83d\ude00"))).isTrue();
    }

    private static String randomString(Random random) {
        StringBuilder sb = new StringBuilder();
        for (int i = 0, n = random.nextInt(4); i < n; i++) {
            sb.append(PIECES[random.nextInt(PIECES.length)]);
        }
        return sb.toString();
    }
}
