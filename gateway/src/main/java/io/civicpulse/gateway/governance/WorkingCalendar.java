// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.governance;

import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;

/**
 * A Chinese working calendar: duty hours on working days, where statutory holidays are off and 调休 make-up days
 * (weekend days declared working days) are on. {@code DayOfWeek} alone gets 调休 wrong, hence the explicit sets.
 *
 * <p>Working hours ({@code wh}) count only time inside duty hours on working days. A working day ({@code wd}) is
 * the length of the duty hours counted the same way, so 10:00 on a Friday plus {@code 1wd} is 10:00 on the next
 * working day, and a start outside duty hours begins at the next duty start. Lunch breaks are not modelled.
 *
 * <p>Immutable and thread-safe.
 */
public final class WorkingCalendar {
    /** A calendar with no working day inside this many days is refused by the loader; also a loop guard here. */
    static final int MAX_DAYS_WITHOUT_WORKDAY = 366;

    private final ZoneId zone;
    private final LocalTime dutyStart;
    private final LocalTime dutyEnd;
    private final Set<DayOfWeek> workdays;
    private final Set<LocalDate> holidays;
    private final Set<LocalDate> makeUpWorkdays;

    /**
     * Creates a calendar.
     *
     * @param zone           zone the duty hours and dates are in (e.g. {@code Asia/Shanghai}), never null
     * @param dutyStart      start of duty hours, never null
     * @param dutyEnd        end of duty hours, after {@code dutyStart}, never null
     * @param workdays       regular working days of the week, not empty, copied
     * @param holidays       statutory holiday dates (off even on a regular working day), copied, never null
     * @param makeUpWorkdays 调休 dates worked although they fall on a non-working weekday, copied, never null
     * @throws NullPointerException     if an argument is null
     * @throws IllegalArgumentException if duty hours are empty or there are no working days
     */
    public WorkingCalendar(final ZoneId zone, final LocalTime dutyStart, final LocalTime dutyEnd,
                           final Set<DayOfWeek> workdays, final Set<LocalDate> holidays,
                           final Set<LocalDate> makeUpWorkdays) {
        this.zone = Objects.requireNonNull(zone, "zone must not be null.");
        this.dutyStart = Objects.requireNonNull(dutyStart, "dutyStart must not be null.");
        this.dutyEnd = Objects.requireNonNull(dutyEnd, "dutyEnd must not be null.");
        if (!dutyEnd.isAfter(dutyStart)) {
            throw new IllegalArgumentException("dutyEnd " + dutyEnd + " must be after dutyStart " + dutyStart + ".");
        }
        if (Objects.requireNonNull(workdays, "workdays must not be null.").isEmpty()) {
            throw new IllegalArgumentException("workdays must not be empty.");
        }
        this.workdays = Set.copyOf(EnumSet.copyOf(workdays));
        this.holidays = Set.copyOf(Objects.requireNonNull(holidays, "holidays must not be null."));
        this.makeUpWorkdays = Set.copyOf(Objects.requireNonNull(makeUpWorkdays, "makeUpWorkdays must not be null."));
    }

    /** @return a Monday–Friday 08:30–17:30 calendar in Asia/Shanghai without holidays (for tests and defaults) */
    public static WorkingCalendar weekdaysOnly() {
        return new WorkingCalendar(ZoneId.of("Asia/Shanghai"), LocalTime.of(8, 30), LocalTime.of(17, 30),
                EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY), Set.of(), Set.of());
    }

    /**
     * Whether people are on duty on {@code date}: a make-up day always is, a holiday never is, otherwise the
     * regular working days decide.
     *
     * @param date a date in this calendar's zone, never null
     * @return true on a working day
     */
    public boolean isWorkday(final LocalDate date) {
        if (makeUpWorkdays.contains(date)) {
            return true;
        }
        return !holidays.contains(date) && workdays.contains(date.getDayOfWeek());
    }

    /**
     * Adds a time limit to an instant, honouring working time for {@code wh} and {@code wd}; natural units are
     * simply added.
     *
     * @param start the instant the clock starts (e.g. dispatch), never null
     * @param limit the limit, never null
     * @return the instant the limit expires
     */
    public Instant addWorking(final Instant start, final TimeLimit limit) {
        return switch (limit.unit()) {
            case MINUTES, HOURS, DAYS -> start.plus(limit.toNaturalDuration());
            case WORKING_HOURS -> addWorkingTime(start, Duration.ofHours(limit.amount()));
            case WORKING_DAYS -> addWorkingTime(start, dutyLength().multipliedBy(limit.amount()));
        };
    }

    /**
     * The deadline of a timer started at {@code start}: CRITICAL timers run on natural time whatever the unit
     * (GOVERNANCE.md §2.3), all others via {@link #addWorking(Instant, TimeLimit)}.
     *
     * @param start    the instant the clock starts, never null
     * @param limit    the limit, never null
     * @param severity the severity, never null
     * @return the deadline
     */
    public Instant deadline(final Instant start, final TimeLimit limit, final Severity severity) {
        if (severity == Severity.CRITICAL) {
            return start.plus(limit.toNaturalDuration());
        }
        return addWorking(start, limit);
    }

    private Instant addWorkingTime(final Instant start, final Duration amount) {
        Duration remaining = amount;
        LocalDateTime t = alignToDuty(LocalDateTime.ofInstant(start, zone));
        while (true) {
            final Duration available = Duration.between(t.toLocalTime(), dutyEnd);
            if (remaining.compareTo(available) <= 0) {
                return t.plus(remaining).atZone(zone).toInstant();
            }
            remaining = remaining.minus(available);
            t = nextWorkday(t.toLocalDate()).atTime(dutyStart);
        }
    }

    /** Moves a local time into duty hours: unchanged if on duty, else the next duty start. */
    private LocalDateTime alignToDuty(final LocalDateTime t) {
        final LocalDate date = t.toLocalDate();
        if (isWorkday(date) && t.toLocalTime().isBefore(dutyEnd)) {
            return t.toLocalTime().isBefore(dutyStart) ? date.atTime(dutyStart) : t;
        }
        return nextWorkday(date).atTime(dutyStart);
    }

    private LocalDate nextWorkday(final LocalDate after) {
        LocalDate d = after.plusDays(1);
        for (int i = 0; i < MAX_DAYS_WITHOUT_WORKDAY; i++, d = d.plusDays(1)) {
            if (isWorkday(d)) {
                return d;
            }
        }
        // Unreachable with a non-empty workday set and at most a year of holidays in a row.
        throw new IllegalStateException("no working day within " + MAX_DAYS_WITHOUT_WORKDAY + " days after " + after);
    }

    private Duration dutyLength() {
        return Duration.between(dutyStart, dutyEnd);
    }

    /** @return the zone of duty hours and dates */
    public ZoneId zone() {
        return zone;
    }

    /** @return the start of duty hours */
    public LocalTime dutyStart() {
        return dutyStart;
    }

    /** @return the end of duty hours */
    public LocalTime dutyEnd() {
        return dutyEnd;
    }

    /** @return the regular working days, unmodifiable */
    public Set<DayOfWeek> workdays() {
        return workdays;
    }

    /** @return the statutory holiday dates, unmodifiable */
    public Set<LocalDate> holidays() {
        return holidays;
    }

    /** @return the 调休 make-up working dates, unmodifiable */
    public Set<LocalDate> makeUpWorkdays() {
        return makeUpWorkdays;
    }
}
