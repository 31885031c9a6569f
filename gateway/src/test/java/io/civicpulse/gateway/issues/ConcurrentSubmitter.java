// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

import io.civicpulse.rules.model.Anomaly;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/** Submits one anomaly many times to several services from two threads per service, all released at once. */
final class ConcurrentSubmitter {
    private static final int THREADS_PER_SERVICE = 2;

    private ConcurrentSubmitter() {
    }

    static void submit(final Anomaly anomaly, final int timesPerService, final IssueService... services)
            throws Exception {
        final ExecutorService pool = Executors.newFixedThreadPool(services.length * THREADS_PER_SERVICE);
        final CountDownLatch go = new CountDownLatch(1);
        final List<Future<?>> done = new ArrayList<>();
        try {
            for (final IssueService service : services) {
                for (int t = 0; t < THREADS_PER_SERVICE; t++) {
                    final int count = timesPerService / THREADS_PER_SERVICE + (t == 0 ? timesPerService
                            % THREADS_PER_SERVICE : 0);
                    done.add(pool.submit(() -> {
                        go.await();
                        for (int i = 0; i < count; i++) {
                            service.submit(anomaly);
                        }
                        return null;
                    }));
                }
            }
            go.countDown();
            for (final Future<?> f : done) {
                f.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
