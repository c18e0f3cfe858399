//! Dutch clock time (Europe/Amsterdam) for a moment, by the zone's own rules rather than
//! today's offset: CET (UTC+1), and CEST (UTC+2) from the last Sunday of March 01:00 UTC to
//! the last Sunday of October 01:00 UTC — the European Union's rule, which the Netherlands has
//! followed since 1996. Emails show their times with it, and the app shows every moment and
//! turns every picked day into a moment with it.

use crate::auth::Locale;
use chrono::{
    DateTime, Datelike, Duration, FixedOffset, NaiveDate, NaiveDateTime, TimeZone, Utc, Weekday,
};

/// The moment as Dutch clock time, with the offset in force at that moment.
pub fn dutch_time(at: DateTime<Utc>) -> DateTime<FixedOffset> {
    let hours = if summer_time(at) { 2 } else { 1 };
    let offset = FixedOffset::east_opt(hours * 3600).expect("a whole-hour offset");
    at.with_timezone(&offset)
}

/// A month's name as a date in running text writes it: "december", "December".
pub fn month_name(locale: Locale, month0: u32) -> &'static str {
    const NL: [&str; 12] = [
        "januari",
        "februari",
        "maart",
        "april",
        "mei",
        "juni",
        "juli",
        "augustus",
        "september",
        "oktober",
        "november",
        "december",
    ];
    const EN: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let names = match locale {
        Locale::Nl => &NL,
        Locale::En => &EN,
    };
    names[month0 as usize % 12]
}

/// A day in words: "1 december 2026", "1 December 2026".
pub fn day_in_words(locale: Locale, day: NaiveDate) -> String {
    format!(
        "{} {} {}",
        day.day(),
        month_name(locale, day.month0()),
        day.year()
    )
}

/// The Dutch calendar day `at` falls on.
pub fn dutch_day(at: DateTime<Utc>) -> NaiveDate {
    dutch_time(at).date_naive()
}

/// The moment a Dutch clock shows `local`. In the hour skipped in March (02:00–03:00) it is
/// the moment after the jump (02:30 counts as 03:30); in the hour October repeats it is the
/// first time round (still summer time).
pub fn from_dutch(local: NaiveDateTime) -> DateTime<Utc> {
    let summer = Utc.from_utc_datetime(&(local - Duration::hours(2)));
    if dutch_time(summer).naive_local() == local {
        return summer;
    }
    Utc.from_utc_datetime(&(local - Duration::hours(1)))
}

/// The first moment of `day` in the Netherlands (midnight: never inside a clock change).
pub fn dutch_midnight(day: NaiveDate) -> DateTime<Utc> {
    from_dutch(day.and_hms_opt(0, 0, 0).expect("midnight exists"))
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

    fn local(text: &str) -> NaiveDateTime {
        NaiveDateTime::parse_from_str(text, "%Y-%m-%d %H:%M").unwrap()
    }

    #[test]
    fn a_dutch_clock_time_becomes_the_moment_with_that_days_offset() {
        assert_eq!(
            from_dutch(local("2026-01-15 13:00")),
            utc("2026-01-15T12:00:00Z")
        );
        assert_eq!(
            from_dutch(local("2026-07-15 14:00")),
            utc("2026-07-15T12:00:00Z")
        );
    }

    #[test]
    fn midnight_moves_by_an_hour_across_the_march_change() {
        // Saturday 28 March 2026 is still winter time; Monday 30 March summer time.
        assert_eq!(
            dutch_midnight(NaiveDate::from_ymd_opt(2026, 3, 28).unwrap()),
            utc("2026-03-27T23:00:00Z")
        );
        assert_eq!(
            dutch_midnight(NaiveDate::from_ymd_opt(2026, 3, 30).unwrap()),
            utc("2026-03-29T22:00:00Z")
        );
        // The skipped hour: 02:30 does not exist that night and counts as 03:30.
        assert_eq!(
            from_dutch(local("2026-03-29 02:30")),
            utc("2026-03-29T01:30:00Z")
        );
        assert_eq!(
            from_dutch(local("2026-03-29 03:00")),
            utc("2026-03-29T01:00:00Z")
        );
    }

    #[test]
    fn midnight_moves_by_an_hour_across_the_october_change() {
        assert_eq!(
            dutch_midnight(NaiveDate::from_ymd_opt(2026, 10, 25).unwrap()),
            utc("2026-10-24T22:00:00Z")
        );
        assert_eq!(
            dutch_midnight(NaiveDate::from_ymd_opt(2026, 10, 26).unwrap()),
            utc("2026-10-25T23:00:00Z")
        );
        // The repeated hour: 02:30 happens twice; the first time (summer time) counts.
        assert_eq!(
            from_dutch(local("2026-10-25 02:30")),
            utc("2026-10-25T00:30:00Z")
        );
        assert_eq!(
            from_dutch(local("2026-10-25 03:30")),
            utc("2026-10-25T02:30:00Z")
        );
    }

    #[test]
    fn a_day_in_words_names_its_month_in_the_readers_language() {
        let day = NaiveDate::from_ymd_opt(2026, 12, 1).unwrap();
        assert_eq!(day_in_words(Locale::Nl, day), "1 december 2026");
        assert_eq!(day_in_words(Locale::En, day), "1 December 2026");
        assert_eq!(month_name(Locale::Nl, 2), "maart");
    }

    #[test]
    fn the_day_of_a_moment_follows_the_dutch_clock() {
        // 22:30 UTC on 31 July is already 1 August in the Netherlands; in January not yet.
        assert_eq!(
            dutch_day(utc("2026-07-31T22:30:00Z")),
            NaiveDate::from_ymd_opt(2026, 8, 1).unwrap()
        );
        assert_eq!(
            dutch_day(utc("2026-01-31T22:30:00Z")),
            NaiveDate::from_ymd_opt(2026, 1, 31).unwrap()
        );
        for text in [
            "2026-03-29T00:30:00Z",
            "2026-03-29T01:30:00Z",
            "2026-10-25T00:30:00Z",
            "2026-10-25T02:30:00Z",
        ] {
            let at = utc(text);
            let back = from_dutch(dutch_time(at).naive_local());
            assert_eq!(back, at, "{text} round trip");
        }
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
