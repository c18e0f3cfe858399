//! Days picked in a date field and the periods they stand for. Sharing "up to and including" a
//! day ends at the start of the next day in the viewer's time zone; the form starts at three
//! months from today and allows at most twelve, the rules the server holds grants to.

use chrono::{DateTime, Duration, FixedOffset, Months, NaiveDate, TimeZone, Utc};
use onsplan_shared::consent::{DEFAULT_GRANT_MONTHS, MAX_GRANT_MONTHS};

fn zone(offset_minutes: i32) -> FixedOffset {
    FixedOffset::east_opt(offset_minutes * 60)
        .unwrap_or(FixedOffset::east_opt(0).expect("zero offset"))
}

/// Today in the viewer's time zone.
pub fn today(now: DateTime<Utc>, offset_minutes: i32) -> NaiveDate {
    now.with_timezone(&zone(offset_minutes)).date_naive()
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

/// The first moment of `day` in the viewer's time zone.
pub fn start_of(day: NaiveDate, offset_minutes: i32) -> DateTime<Utc> {
    let midnight = day.and_hms_opt(0, 0, 0).expect("midnight exists");
    zone(offset_minutes)
        .from_local_datetime(&midnight)
        .single()
        .map_or_else(|| midnight.and_utc(), |t| t.with_timezone(&Utc))
}

/// The end of a period that covers `day` completely: the start of the next day.
pub fn end_of(day: NaiveDate, offset_minutes: i32) -> DateTime<Utc> {
    start_of(day + Duration::days(1), offset_minutes)
}

/// The last day of a period ending (exclusively) at `until`.
pub fn last_day(until: DateTime<Utc>, offset_minutes: i32) -> NaiveDate {
    today(until - Duration::seconds(1), offset_minutes)
}

/// The day a new grant or request lasts until when nobody changes it: three months on.
pub fn default_last_day(now: DateTime<Utc>, offset_minutes: i32) -> NaiveDate {
    today(now, offset_minutes) + Months::new(DEFAULT_GRANT_MONTHS)
}

/// The latest day a period starting now may cover: its end stays within twelve months.
pub fn max_last_day(now: DateTime<Utc>, offset_minutes: i32) -> NaiveDate {
    let latest = now + Months::new(MAX_GRANT_MONTHS);
    let day = today(latest, offset_minutes);
    if end_of(day, offset_minutes) <= latest {
        day
    } else {
        day - Duration::days(1)
    }
}

/// The end of a period starting now that covers the picked day, if that day is allowed:
/// today or later, and at most `max`.
pub fn until_of(
    value: &str,
    now: DateTime<Utc>,
    offset_minutes: i32,
    max: NaiveDate,
) -> Option<DateTime<Utc>> {
    let day = parse(value)?;
    (day >= today(now, offset_minutes) && day <= max).then(|| end_of(day, offset_minutes))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn at(y: i32, m: u32, d: u32, h: u32) -> DateTime<Utc> {
        Utc.with_ymd_and_hms(y, m, d, h, 0, 0).unwrap()
    }

    #[test]
    fn a_picked_day_lasts_until_the_next_local_midnight() {
        let day = parse("2027-03-03").unwrap();
        assert_eq!(end_of(day, 60), at(2027, 3, 3, 23));
        assert_eq!(last_day(end_of(day, 60), 60), day);
        assert_eq!(input_value(day), "2027-03-03");
    }

    #[test]
    fn default_is_three_months_and_the_maximum_stays_within_twelve() {
        let now = at(2026, 11, 23, 19);
        assert_eq!(input_value(default_last_day(now, 60)), "2027-02-23");
        let max = max_last_day(now, 60);
        assert!(end_of(max, 60) <= now + Months::new(12));
        assert!(end_of(max + Duration::days(1), 60) > now + Months::new(12));
        assert!(until_of("2027-02-23", now, 60, max).is_some());
        assert!(until_of(&input_value(max + Duration::days(1)), now, 60, max).is_none());
        assert!(until_of("2026-11-22", now, 60, max).is_none(), "yesterday");
        assert!(until_of("not a day", now, 60, max).is_none());
    }
}
