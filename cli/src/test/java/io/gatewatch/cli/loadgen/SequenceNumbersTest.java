package io.gatewatch.cli.loadgen;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** Connections share the numbers of a run: each once, none skipped, exactly up to the count. */
class SequenceNumbersTest {
    @Test
    void eachNumberOnce_acrossThreads() throws Exception {
        SequenceNumbers numbers = new SequenceNumbers(100_003);
        BitSet seen = new BitSet();
        AtomicInteger repeats = new AtomicInteger();
        List<Thread> threads = new ArrayList<>();
        for (int t = 0; t < 4; t++) {
            threads.add(Thread.ofPlatform().start(() -> {
                for (SequenceNumbers.Block b; (b = numbers.claim(256)) != null; ) {
                    synchronized (seen) {
                        for (long s = b.first(); s < b.first() + b.size(); s++) {
                            if (seen.get((int) s)) {
                                repeats.incrementAndGet();
                            }
                            seen.set((int) s);
                        }
                    }
                }
            }));
        }
        for (Thread t : threads) {
            t.join();
        }
        assertThat(repeats.get()).isZero();
        assertThat(seen.cardinality()).isEqualTo(100_003);
        assertThat(seen.nextClearBit(0)).isEqualTo(100_003);
        assertThat(numbers.claimed()).isEqualTo(100_003);
    }

    @Test
    void stop_endsTheHandingOut() {
        SequenceNumbers numbers = new SequenceNumbers(Long.MAX_VALUE);
        assertThat(numbers.claim(10)).isEqualTo(new SequenceNumbers.Block(0, 10));
        numbers.stop();
        assertThat(numbers.claim(10)).isNull();
        assertThat(numbers.claimed()).isEqualTo(10);
    }
}
