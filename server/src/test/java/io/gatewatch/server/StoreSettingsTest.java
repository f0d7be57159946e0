package io.gatewatch.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.gatewatch.store.feed.StoreFeeder;
import io.gatewatch.store.index.LuceneEventStore;
import io.gatewatch.store.retention.RetentionPolicy;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {
    @Test
    void defaultsKeepAcknowledgedEventsSearchableWithinASecondAndIndexOnAThreadPerTwoCores() {
        StoreSettings d = StoreSettings.defaults();
        assertThat(d.refreshMillis()).isEqualTo(StoreFeeder.Settings.DEFAULT.refreshMillis()).isLessThanOrEqualTo(1_000);
        assertThat(d.indexThreads()).isBetween(1, 2)
                .isEqualTo(Math.max(1, Math.min(2, Runtime.getRuntime().availableProcessors() / 2)));
        assertThat(d.indexSettings()).isEqualTo(LuceneEventStore.Settings.DEFAULT);
        assertThat(d.feederSettings()).isEqualTo(StoreFeeder.Settings.DEFAULT);
    }

    @Test
    void carriesTheThreadCountToTheStoreAndRefusesNone() {
        StoreSettings one = new StoreSettings(true, RetentionPolicy.days(7), 500, 10_000, 1);
        assertThat(one.indexSettings().indexThreads()).isEqualTo(1);
        assertThatThrownBy(() -> new StoreSettings(true, RetentionPolicy.days(7), 500, 10_000, 0))
                .hasMessageContaining("at least one indexing thread");
        assertThatThrownBy(() -> new StoreSettings(true, RetentionPolicy.days(7), 500, 100))
                .hasMessageContaining("commit no shorter than refresh");
    }
}
