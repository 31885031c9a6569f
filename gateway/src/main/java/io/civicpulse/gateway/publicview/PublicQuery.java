// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.publicview;

import java.time.Instant;
import java.util.List;

/**
 * Filters of the public issue list (and Open311 GET requests); empty lists and nulls match everything. Results are
 * newest first. Immutable.
 *
 * @param community  only this community, or null
 * @param ids        only these issue ids
 * @param categories only these category codes
 * @param statuses   only {@code open} and/or {@code closed}
 * @param from       requested (opened) at or after, or null
 * @param to         requested (opened) at or before, or null
 * @param limit      page size, 1..1000
 * @param offset     rows to skip
 */
public record PublicQuery(String community, List<String> ids, List<String> categories, List<String> statuses,
                          Instant from, Instant to, int limit, int offset) {
    /** Open311: at most 1000 requests per response. */
    public static final int MAX_LIMIT = 1000;

    /** @throws IllegalArgumentException if the page is out of range */
    public PublicQuery {
        ids = List.copyOf(ids);
        categories = List.copyOf(categories);
        statuses = List.copyOf(statuses);
        if (limit < 1 || limit > MAX_LIMIT || offset < 0) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + " and offset at least 0");
        }
    }
}
