// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.issues;

/**
 * Filters and paging for listing issues; null filters match everything. Results are newest first. Immutable.
 *
 * @param state     only issues in this state, or null
 * @param category  only this category code, or null
 * @param bodyId    only issues with any assignment (lead, assist, summoned) of this body, or null
 * @param community only this community, or null
 * @param limit     page size, 1 to {@link #MAX_LIMIT}
 * @param offset    rows to skip, at least 0
 */
public record IssueQuery(IssueState state, String category, String bodyId, String community, int limit,
                         int offset) {
    /** Default page size. */
    public static final int DEFAULT_LIMIT = 100;
    /** Largest page size (Open311 recommends at most 1000 results per response). */
    public static final int MAX_LIMIT = 1000;

    /** @throws IllegalArgumentException if {@code limit} or {@code offset} is out of range */
    public IssueQuery {
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1.." + MAX_LIMIT + ", was " + limit + ".");
        }
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be at least 0, was " + offset + ".");
        }
    }

    /** @return every issue, first page of {@link #DEFAULT_LIMIT} */
    public static IssueQuery all() {
        return new IssueQuery(null, null, null, null, DEFAULT_LIMIT, 0);
    }

    /**
     * @param value state filter or null
     * @return a copy with that filter
     */
    public IssueQuery withState(final IssueState value) {
        return new IssueQuery(value, category, bodyId, community, limit, offset);
    }

    /**
     * @param value category filter or null
     * @return a copy with that filter
     */
    public IssueQuery withCategory(final String value) {
        return new IssueQuery(state, value, bodyId, community, limit, offset);
    }

    /**
     * @param value body filter or null
     * @return a copy with that filter
     */
    public IssueQuery withBodyId(final String value) {
        return new IssueQuery(state, category, value, community, limit, offset);
    }

    /**
     * @param value community filter or null
     * @return a copy with that filter
     */
    public IssueQuery withCommunity(final String value) {
        return new IssueQuery(state, category, bodyId, value, limit, offset);
    }

    /**
     * @param newLimit  page size, 1 to {@link #MAX_LIMIT}
     * @param newOffset rows to skip, at least 0
     * @return a copy with that page
     */
    public IssueQuery withPage(final int newLimit, final int newOffset) {
        return new IssueQuery(state, category, bodyId, community, newLimit, newOffset);
    }
}
