//! Dutch clock time (Europe/Amsterdam) for a moment, by the zone's own rules rather than
//! today's offset: CET (UTC+1), and CEST (UTC+2) from the last Sunday of March 01:00 UTC to
//! the last Sunday of October 01:00 UTC — the European Union's rule, which the Netherlands has
//! followed since 1996. Emails show their times with it.

use chrono::{DateTime, Datelike, Duration, FixedOffset, NaiveDate, TimeZone, Utc, Weekday};

/// The moment as Dutch clock time, with the offset in force at that moment.
pub fn dutch_time(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    let hours = if summer_time(at) { 2 } else { 1 };
    let offset = FixedOffset::east_opt(hours * 3600).expect("a whole-hour offset");
    at.with_timezone(&offset)
}

/// Whether summer time (CEST) is in force at `at`.
fn summer_time(at: DateTime<Utc>) -> bool {
    let year = at.year();
    let starts = change(year, 3);
    let ends = change(year, 10);
    starts <= at && at < ends
}

/// 01:00 UTC on the last Sunday of `month` in `year`.
fn change(year: i32, month: u32) -> DateTime<Utc> {
    let first_of_next = NaiveDate::from_ymd_opt(year, month + 1, 1).expect("a real date");
    let mut day = first_of_next - Duration::days(1);
    while day.weekday() != Weekday::Sun {
        day -= Duration::days(1);
    }
    Utc.from_utc_datetime(&day.and_hms_opt(1, 0, 0).expect("a real time"))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(text: &str) -> DateTime<Utc> {
        text.parse().unwrap()
    }

    fn clock(text: &str) -> String {
        dutch_time(utc(text))
            .format("%Y-%m-%d %H:%M %z")
            .to_string()
    }

    #[test]
    fn winter_is_an_hour_ahead_of_utc_and_summer_two() {
        assert_eq!(clock("2026-01-15T12:00:00Z"), "2026-01-15 13:00 +0100");
        assert_eq!(clock("2026-07-15T12:00:00Z"), "2026-07-15 14:00 +0200");
    }

    #[test]
    fn the_clock_goes_forward_on_the_last_sunday_of_march_at_two() {
        // 29 March 2026 is the last Sunday of March.
        assert_eq!(clock("2026-03-29T00:59:00Z"), "2026-03-29 01:59 +0100");
        assert_eq!(clock("2026-03-29T01:00:00Z"), "2026-03-29 03:00 +0200");
    }

    #[test]
    fn the_clock_goes_back_on_the_last_sunday_of_october_at_three() {
        // 25 October 2026 is the last Sunday of October.
        assert_eq!(clock("2026-10-25T00:59:00Z"), "2026-10-25 02:59 +0200");
        assert_eq!(clock("2026-10-25T01:00:00Z"), "2026-10-25 02:00 +0100");
    }

    #[test]
    fn a_moment_in_summer_keeps_summer_time_when_read_in_winter() {
        // The bug: converting with today's offset. The answer depends on the moment
        // alone, so a July time reads 14:00 whatever the date of reading.
        assert_eq!(clock("2025-07-01T12:00:00Z"), "2025-07-01 14:00 +0200");
        assert_eq!(clock("2027-03-28T01:00:00Z"), "2027-03-28 03:00 +0200");
        assert_eq!(clock("2027-10-31T00:30:00Z"), "2027-10-31 02:30 +0200");
    }
}
