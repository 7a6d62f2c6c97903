package io.foldersync.config;

import java.time.Clock;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;

import javax.sql.DataSource;

import org.springframework.context.annotation.Bean;

import io.foldersync.files.FileNameEncoding;
import io.foldersync.files.FileRules;
import io.foldersync.metrics.SyncMeters;
import io.foldersync.protocol.FrameCodec;
import io.foldersync.protocol.SpoolDirectory;
import io.foldersync.transfer.Decoder;
import io.foldersync.transfer.Encoder;
import io.micrometer.core.instrument.MeterRegistry;

/**
 * The beans both sides wire the same way; each side's configuration extends this and names
 * itself, which picks its default state database ({@code ./foldersync-data/<side>-state.db}).
 */
public abstract class SideConfiguration {

    /** Said first: a JVM that does not read file names as UTF-8 skips every name beyond ASCII. */
    protected SideConfiguration() {
        FileNameEncoding.warnUnlessUtf8();
    }

    /** {@code server} or {@code client}. */
    protected abstract String side();

    @Bean
    Clock clock() {
        return Clock.systemUTC();
    }

    @Bean
    DataSource dataSource(SyncProperties properties) {
        return StateDatabase.open(properties.stateDbOr(side()));
    }

    /** The one thread that runs watch batches and reconciles: a folder's changes are handled in order. */
    @Bean(destroyMethod = "shutdownNow")
    ScheduledExecutorService syncThread() {
        return Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "foldersync-sync");
            t.setDaemon(true);
            return t;
        });
    }

    @Bean
    FileRules fileRules(SyncProperties properties) {
        return new FileRules(properties.maxFileBytes().toBytes());
    }

    @Bean
    SyncMeters syncMeters(MeterRegistry registry) {
        return new SyncMeters(registry);
    }

    /** How this side sends content: delta, zstd or as it is (see io.foldersync.transfer). */
    @Bean(destroyMethod = "close")
    Encoder encoder(SyncProperties properties, FrameCodec codec) {
        return new Encoder(properties.limits(), codec.spoolDirectory());
    }

    @Bean
    Decoder decoder(SyncProperties properties, FrameCodec codec) {
        return new Decoder(properties.limits(), codec.spoolDirectory());
    }

    /** Received content above the in-memory limit is spooled beside the state database (leftovers removed at start). */
    @Bean
    FrameCodec frameCodec(SyncProperties properties) {
        return new FrameCodec(properties.limits(),
                SpoolDirectory.cleaned(properties.stateDbOr(side()).getParent().resolve("spool")));
    }
}
