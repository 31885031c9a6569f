// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.governance;

import com.fasterxml.jackson.databind.JsonNode;

import java.time.DateTimeException;
import java.time.DayOfWeek;
import java.time.LocalDate;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/** Reads the {@code calendar} section of the policy into a {@link WorkingCalendar}. Not thread-safe. */
final class CalendarParser {
    private static final String PATH = "calendar";
    private static final Set<String> KEYS = Set.of("zone", "dutyHours", "workdays", "holidays", "makeUpWorkdays");

    private final PolicyReader reader;

    CalendarParser(final PolicyReader reader) {
        this.reader = reader;
    }

    /** @return the calendar, or null when a problem was recorded */
    WorkingCalendar parse(final JsonNode root) {
        final JsonNode node = reader.object(root, PATH, "", true);
        if (node == null) {
            return null;
        }
        reader.allowOnly(node, PATH, KEYS);
        final ZoneId zone = zone(node);
        final LocalTime[] duty = dutyHours(node);
        final Set<DayOfWeek> workdays = workdays(node);
        final Set<LocalDate> holidays = dates(node, "holidays");
        final Set<LocalDate> makeUp = dates(node, "makeUpWorkdays");
        checkMakeUpDays(workdays, holidays, makeUp);
        if (zone == null || duty == null || workdays.isEmpty()) {
            return null;
        }
        return new WorkingCalendar(zone, duty[0], duty[1], workdays, holidays, makeUp);
    }

    private ZoneId zone(final JsonNode node) {
        final String raw = reader.text(node, "zone", PATH, true);
        if (raw == null) {
            return null;
        }
        try {
            return ZoneId.of(raw);
        } catch (final DateTimeException e) {
            reader.problem(PATH + ".zone", "'" + raw + "' is not a time-zone id such as Asia/Shanghai");
            return null;
        }
    }

    private LocalTime[] dutyHours(final JsonNode node) {
        final String raw = reader.text(node, "dutyHours", PATH, true);
        if (raw == null) {
            return null;
        }
        final String[] parts = raw.split("-");
        try {
            if (parts.length == 2) {
                final LocalTime start = LocalTime.parse(parts[0].trim());
                final LocalTime end = LocalTime.parse(parts[1].trim());
                if (end.isAfter(start)) {
                    return new LocalTime[] {start, end};
                }
            }
        } catch (final DateTimeException e) {
            // reported below with the expected form
        }
        reader.problem(PATH + ".dutyHours", "'" + raw + "' is not a daytime window like 08:30-17:30 (HH:MM-HH:MM, "
                + "end after start)");
        return null;
    }

    private Set<DayOfWeek> workdays(final JsonNode node) {
        if (node.get("workdays") == null) {
            return EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY);
        }
        final List<String> raw = reader.list(node, "workdays", PATH);
        final Set<DayOfWeek> days = EnumSet.noneOf(DayOfWeek.class);
        for (int i = 0; i < raw.size(); i++) {
            final DayOfWeek day = dayOfWeek(raw.get(i));
            if (day == null) {
                reader.problem(PATH + ".workdays[" + i + "]", "'" + raw.get(i) + "' is not a day like MON, TUE, WED,"
                        + " THU, FRI, SAT, SUN");
            } else {
                days.add(day);
            }
        }
        if (days.isEmpty() && raw.isEmpty()) {
            reader.problem(PATH + ".workdays", "empty (expected at least one day, e.g. [MON, TUE, WED, THU, FRI])");
        }
        return days;
    }

    private static DayOfWeek dayOfWeek(final String raw) {
        final String upper = raw.toUpperCase(Locale.ROOT);
        for (final DayOfWeek day : DayOfWeek.values()) {
            if (day.name().equals(upper) || day.name().substring(0, 3).equals(upper)) {
                return day;
            }
        }
        return null;
    }

    private Set<LocalDate> dates(final JsonNode node, final String key) {
        final List<String> raw = reader.list(node, key, PATH);
        final Set<LocalDate> dates = new LinkedHashSet<>();
        for (int i = 0; i < raw.size(); i++) {
            try {
                dates.add(LocalDate.parse(raw.get(i)));
            } catch (final DateTimeException e) {
                reader.problem(PATH + "." + key + "[" + i + "]", "'" + raw.get(i) + "' is not a date like 2026-10-01");
            }
        }
        return dates;
    }

    /** A make-up day is a non-working weekday worked in exchange (调休); anything else is a typo. */
    private void checkMakeUpDays(final Set<DayOfWeek> workdays, final Set<LocalDate> holidays,
                                 final Set<LocalDate> makeUp) {
        for (final LocalDate date : makeUp) {
            if (holidays.contains(date)) {
                reader.problem(PATH + ".makeUpWorkdays", "'" + date + "' is also listed in holidays");
            } else if (workdays.contains(date.getDayOfWeek())) {
                reader.problem(PATH + ".makeUpWorkdays", "'" + date + "' is a " + date.getDayOfWeek()
                        + ", already a working day (expected a weekend date worked in exchange, 调休)");
            }
        }
    }
}
