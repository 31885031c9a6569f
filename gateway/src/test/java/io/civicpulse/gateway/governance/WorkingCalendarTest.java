// SPDX-License-Identifier: Apache-2.0
package io.civicpulse.gateway.governance;

import org.junit.jupiter.api.Test;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.util.EnumSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** 2026 dates: 04-06 (Mon) is a Qingming holiday; 02-14 (Sat) is a 调休 make-up working day. */
class WorkingCalendarTest {
    private static final ZoneId SHANGHAI = ZoneId.of("Asia/Shanghai");
    private final WorkingCalendar calendar = new WorkingCalendar(SHANGHAI, LocalTime.of(8, 30),
            LocalTime.of(17, 30), EnumSet.range(DayOfWeek.MONDAY, DayOfWeek.FRIDAY),
            Set.of(LocalDate.of(2026, 4, 6)), Set.of(LocalDate.of(2026, 2, 14)));

    private static Instant at(final String local) {
        return LocalDateTime.parse(local).atZone(SHANGHAI).toInstant();
    }

    private static TimeLimit limit(final String text) {
        return TimeLimit.parse(text);
    }

    @Test
    void addWorking_withinDutyHours_addsPlainly() {
        // given Monday 10:00  when +2wh  then 12:00 the same day
        assertThat(calendar.addWorking(at("2026-03-02T10:00"), limit("2wh"))).isEqualTo(at("2026-03-02T12:00"));
    }

    @Test
    void addWorking_pastDutyEnd_rollsOverToNextDutyStart() {
        // given Monday 16:30: one hour left today  when +2wh  then Tuesday 09:30
        assertThat(calendar.addWorking(at("2026-03-02T16:30"), limit("2wh"))).isEqualTo(at("2026-03-03T09:30"));
    }

    @Test
    void addWorking_endingExactlyAtDutyEnd_staysThatDay() {
        // given Monday 15:30  when +2wh  then 17:30, not the next morning
        assertThat(calendar.addWorking(at("2026-03-02T15:30"), limit("2wh"))).isEqualTo(at("2026-03-02T17:30"));
    }

    @Test
    void addWorking_beforeDutyStart_startsAtDutyStart() {
        // given Monday 07:00  when +1wh  then 09:30
        assertThat(calendar.addWorking(at("2026-03-02T07:00"), limit("1wh"))).isEqualTo(at("2026-03-02T09:30"));
    }

    @Test
    void addWorking_overWeekend_skipsSaturdayAndSunday() {
        // given Friday 16:30  when +2wh  then Monday 09:30
        assertThat(calendar.addWorking(at("2026-03-06T16:30"), limit("2wh"))).isEqualTo(at("2026-03-09T09:30"));
    }

    @Test
    void addWorking_overStatutoryHoliday_skipsTheHolidayMonday() {
        // given Friday 2026-04-03 16:00, weekend, holiday Monday 04-06  when +2wh  then Tuesday 09:00
        assertThat(calendar.addWorking(at("2026-04-03T16:00"), limit("2wh"))).isEqualTo(at("2026-04-07T09:00"));
    }

    @Test
    void addWorking_beforeMakeUpSaturday_continuesOnThatSaturday() {
        // given Friday 2026-02-13 17:00, Saturday 02-14 is a 调休 working day  when +1wh  then Saturday 09:00
        assertThat(calendar.addWorking(at("2026-02-13T17:00"), limit("1wh"))).isEqualTo(at("2026-02-14T09:00"));
    }

    @Test
    void addWorking_workingDays_landAtTheSameTimeOfDay() {
        // given Friday 10:00  when +2wd  then Tuesday 10:00
        assertThat(calendar.addWorking(at("2026-03-06T10:00"), limit("2wd"))).isEqualTo(at("2026-03-10T10:00"));
    }

    @Test
    void addWorking_workingDayFromEvening_isTheWholeNextWorkingDay() {
        // given Friday 18:00 (off duty)  when +1wd  then Monday 17:30
        assertThat(calendar.addWorking(at("2026-03-06T18:00"), limit("1wd"))).isEqualTo(at("2026-03-09T17:30"));
    }

    @Test
    void addWorking_naturalUnits_ignoreTheCalendar() {
        // given Saturday 10:00  when +24h  then Sunday 10:00
        assertThat(calendar.addWorking(at("2026-03-07T10:00"), limit("24h"))).isEqualTo(at("2026-03-08T10:00"));
        assertThat(calendar.addWorking(at("2026-03-07T10:00"), limit("15m"))).isEqualTo(at("2026-03-07T10:15"));
    }

    @Test
    void deadline_critical_runsOnNaturalTime() {
        // given Friday 17:00
        final Instant start = at("2026-03-06T17:00");
        // when / then CRITICAL: 3wd = 72 h, 2wh = 2 h, even over the weekend
        assertThat(calendar.deadline(start, limit("3wd"), Severity.CRITICAL)).isEqualTo(at("2026-03-09T17:00"));
        assertThat(calendar.deadline(start, limit("2wh"), Severity.CRITICAL)).isEqualTo(at("2026-03-06T19:00"));
    }

    @Test
    void deadline_minor_runsOnWorkingTime() {
        // given Friday 17:00: 0.5 h left, then Mon 9 h, Tue 9 h, Wed 8.5 h = 27 h = 3wd
        assertThat(calendar.deadline(at("2026-03-06T17:00"), limit("3wd"), Severity.MINOR))
                .isEqualTo(at("2026-03-11T17:00"));
    }

    @Test
    void isWorkday_makeUpHolidayAndWeekend_followTheCalendar() {
        assertThat(calendar.isWorkday(LocalDate.of(2026, 2, 14))).as("make-up Saturday").isTrue();
        assertThat(calendar.isWorkday(LocalDate.of(2026, 4, 6))).as("holiday Monday").isFalse();
        assertThat(calendar.isWorkday(LocalDate.of(2026, 3, 8))).as("ordinary Sunday").isFalse();
        assertThat(calendar.isWorkday(LocalDate.of(2026, 3, 9))).as("ordinary Monday").isTrue();
    }

    @Test
    void constructor_emptyDutyHours_isRefused() {
        assertThatThrownBy(() -> new WorkingCalendar(SHANGHAI, LocalTime.of(9, 0), LocalTime.of(9, 0),
                EnumSet.of(DayOfWeek.MONDAY), Set.of(), Set.of())).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("dutyEnd");
    }
}
