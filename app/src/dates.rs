//! Days picked in a date field and the periods they stand for, on the Dutch clock
//! (Europe/Amsterdam, with its own summer and winter time for each day: see
//! [`onsplan_shared::dutch_time`]). Sharing "up to and including" a day ends at the start of the
//! next Dutch day; the form starts at three months from today and allows at most twelve, the
//! rules the server holds grants to.

use chrono::{DateTime, Duration, Months, NaiveDate, Utc};
use onsplan_shared::consent::{DEFAULT_GRANT_MONTHS, MAX_GRANT_MONTHS};
use onsplan_shared::dutch_time::{dutch_day, dutch_midnight};

/// Today in the Netherlands.
pub fn today(now: DateTime<Utc>) -> NaiveDate {
    dutch_day(now)
}

/// The value a date field shows: `2027-03-03`.
pub fn input_value(day: NaiveDate) -> String {
    // `Display` writes `%Y-%m-%d` without chrono's format-string machinery (smaller wasm).
    day.to_string()
}

/// A date field's value, if it holds a day.
pub fn parse(value: &str) -> Option<NaiveDate> {
    value.trim().parse().ok()
}

/// The first moment of `day` in the Netherlands.
pub fn start_of(day: NaiveDate) -> DateTime<Utc> {
    dutch_midnight(day)
}

/// The end of a period that covers `day` completely: the start of the next day.
pub fn end_of(day: NaiveDate) -> DateTime<Utc> {
    start_of(day + Duration::days(1))
}

/// The last day of a period ending (exclusively) at `until`.
pub fn last_day(until: DateTime<Utc>) -> NaiveDate {
    today(until - Duration::seconds(1))
}

/// The day a new grant or request lasts until when nobody changes it: three months on.
pub fn default_last_day(now: DateTime<Utc>) -> NaiveDate {
    today(now) + Months::new(DEFAULT_GRANT_MONTHS)
}

/// The latest day a period starting now may cover: its end stays within twelve months.
pub fn max_last_day(now: DateTime<Utc>) -> NaiveDate {
    let latest = now + Months::new(MAX_GRANT_MONTHS);
    let day = today(latest);
    if end_of(day) <= latest {
        day
    } else {
        day - Duration::days(1)
    }
}

/// The end of a period starting now that covers the picked day, if that day is allowed:
/// today or later, and at most `max`.
pub fn until_of(value: &str, now: DateTime<Utc>, max: NaiveDate) -> Option<DateTime<Utc>> {
    let day = parse(value)?;
    (day >= today(now) && day <= max).then(|| end_of(day))
}

#[cfg(test)]
mod tests {
    use super::*;
    use chrono::TimeZone;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    #[test]
    fn a_picked_day_lasts_until_the_next_local_midnight() {
        let day = parse("2027-03-03").unwrap();
        assert_eq!(end_of(day), at(2027, 3, 3, 23));
        assert_eq!(last_day(end_of(day)), day);
        assert_eq!(input_value(day), "2027-03-03");
    }

    #[test]
    fn a_day_picked_in_summer_for_the_winter_ends_at_winter_midnight() {
        // Chosen on 1 October (summer time), shared until 5 November (winter time): it ends
        // at midnight Dutch time that night, 23:00 UTC, not an hour early.
        let now = at(2026, 10, 1, 10);
        let max = max_last_day(now);
        let until = until_of("2026-11-05", now, max).unwrap();
        assert_eq!(until, at(2026, 11, 5, 23));
        assert_eq!(last_day(until), parse("2026-11-05").unwrap());
    }

    #[test]
    fn a_day_picked_in_winter_for_the_summer_ends_at_summer_midnight() {
        // Chosen in January (winter time), shared until 1 April (summer time): midnight
        // Dutch time is 22:00 UTC, not an hour late.
        let now = at(2027, 1, 10, 10);
        let until = until_of("2027-04-01", now, max_last_day(now)).unwrap();
        assert_eq!(until, at(2027, 4, 1, 22));
        assert_eq!(last_day(until), parse("2027-04-01").unwrap());
        // The day of the change itself: Sunday 28 March 2027 lasts 23 hours.
        let change = parse("2027-03-28").unwrap();
        assert_eq!(start_of(change), at(2027, 3, 27, 23));
        assert_eq!(end_of(change), at(2027, 3, 28, 22));
    }

    #[test]
    fn today_follows_the_dutch_clock() {
        // 22:30 UTC on 31 July is 1 August in the Netherlands.
        let late = Utc.with_ymd_and_hms(2026, 7, 31, 22, 30, 0).unwrap();
        assert_eq!(today(late), parse("2026-08-01").unwrap());
    }

    #[test]
    fn default_is_three_months_and_the_maximum_stays_within_twelve() {
        let now = at(2026, 11, 23, 19);
        assert_eq!(input_value(default_last_day(now)), "2027-02-23");
        let max = max_last_day(now);
        assert!(end_of(max) <= now + Months::new(12));
        assert!(end_of(max + Duration::days(1)) > now + Months::new(12));
        assert!(until_of("2027-02-23", now, max).is_some());
        assert!(until_of(&input_value(max + Duration::days(1)), now, max).is_none());
        assert!(until_of("2026-11-22", now, max).is_none(), "yesterday");
        assert!(until_of("not a day", now, max).is_none());
    }
}
