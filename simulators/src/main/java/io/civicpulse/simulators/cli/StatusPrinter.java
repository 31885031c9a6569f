// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.simulators.cli;

import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;

/** Prints a status line at a fixed period on one daemon thread until closed. */
final class StatusPrinter implements AutoCloseable {

    private final ScheduledExecutorService timer;

    private StatusPrinter(final ScheduledExecutorService timer) {
        this.timer = timer;
    }

    /** Starts printing {@code line} every {@code seconds} seconds. */
    static StatusPrinter every(final long seconds, final Supplier<String> line) {
        final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor(task -> {
            final Thread thread = new Thread(task, "cp-status");
            thread.setDaemon(true);
            return thread;
        });
        timer.scheduleAtFixedRate(() -> System.out.println(line.get()), seconds, seconds, TimeUnit.SECONDS);
        return new StatusPrinter(timer);
    }

    @Override
    public void close() {
        timer.shutdownNow();
    }
}
