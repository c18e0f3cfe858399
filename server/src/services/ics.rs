//! Writing iCalendar (RFC 5545) for the calendar feed: content lines ended by CRLF and folded
//! at 75 octets (never inside a UTF-8 character), TEXT values escaped (`\` `;` `,` and line
//! breaks), and all-day events as DATE values with a UID and DTSTAMP each. Pure: the caller
//! hands in the moment of writing.

use chrono::{DateTime, Duration, NaiveDate, Utc};

/// One all-day event.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    /// Stable across renewals of the address, so a phone updates rather than duplicates.
    pub uid: String,
    pub date: NaiveDate,
    pub summary: String,
}

/// A calendar of all-day events named `name`, written at `stamp`.
pub fn write(name: &str, events: &[Event], stamp: DateTime<Utc>) -> String {
    let stamp = stamp.format("%Y%m%dT%H%M%SZ").to_string();
    let mut out = String::new();
    let mut line = |text: &str| fold_into(&mut out, text);
    line("BEGIN:VCALENDAR");
    line("VERSION:2.0");
    line("PRODID:-//Ons Plan//Agenda//NL");
    line("CALSCALE:GREGORIAN");
    line("METHOD:PUBLISH");
    line(&format!("X-WR-CALNAME:{}", escape(name)));
    for event in events {
        line("BEGIN:VEVENT");
        line(&format!("UID:{}", escape(&event.uid)));
        line(&format!("DTSTAMP:{stamp}"));
        line(&format!("DTSTART;VALUE=DATE:{}", date(event.date)));
        line(&format!(
            "DTEND;VALUE=DATE:{}",
            date(event.date + Duration::days(1))
        ));
        line(&format!("SUMMARY:{}", escape(&event.summary)));
        line("TRANSP:TRANSPARENT");
        line("END:VEVENT");
    }
    line("END:VCALENDAR");
    out
}

fn date(day: NaiveDate) -> String {
    day.format("%Y%m%d").to_string()
}

/// A TEXT value: backslash, semicolon and comma escaped, every line break as `\n`, other
/// control characters dropped.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => out.push_str("\\\\"),
            ';' => out.push_str("\\;"),
            ',' => out.push_str("\\,"),
            '\r' => {
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                out.push_str("\\n");
            }
            '\n' => out.push_str("\\n"),
            c if c.is_control() => {}
            c => out.push(c),
        }
    }
    out
}

/// Appends `line` with CRLF, folded so that no physical line exceeds 75 octets; a
/// continuation starts with one space.
fn fold_into(out: &mut String, line: &str) {
    const LIMIT: usize = 75;
    let mut used = 0;
    for c in line.chars() {
        let width = c.len_utf8();
        if used + width > LIMIT {
            out.push_str("\r\n ");
            used = 1;
        }
        out.push(c);
        used += width;
    }
    out.push_str("\r\n");
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stamp() -> DateTime<Utc> {
        "2026-12-01T08:00:00Z".parse().unwrap()
    }

    #[test]
    fn hostile_text_is_escaped_and_cannot_start_a_property() {
        let text = "Boodschappen; melk, brood\nEND:VEVENT\r\nBEGIN:VEVENT \\ klaar";
        assert_eq!(
            escape(text),
            "Boodschappen\\; melk\\, brood\\nEND:VEVENT\\nBEGIN:VEVENT \\\\ klaar"
        );
    }

    #[test]
    fn long_lines_fold_at_75_octets_without_splitting_a_character() {
        let summary = "é".repeat(100);
        let ics = write(
            "Ons Plan",
            &[Event {
                uid: "u@onsplan".into(),
                date: NaiveDate::from_ymd_opt(2026, 12, 24).unwrap(),
                summary: summary.clone(),
            }],
            stamp(),
        );
        assert!(ics.ends_with("END:VCALENDAR\r\n"));
        for line in ics.split("\r\n") {
            assert!(line.len() <= 75, "{line:?} is {} octets", line.len());
        }
        assert!(!ics.replace("\r\n", "").contains('\n'));
        let unfolded = ics.replace("\r\n ", "");
        assert!(unfolded.contains(&format!("SUMMARY:{summary}\r\n")));
    }

    #[test]
    fn an_event_is_all_day_with_uid_and_stamp() {
        let ics = write(
            "Ons Plan",
            &[Event {
                uid: "commitment-a1@onsplan".into(),
                date: NaiveDate::from_ymd_opt(2026, 12, 31).unwrap(),
                summary: "Koken".into(),
            }],
            stamp(),
        );
        for expected in [
            "UID:commitment-a1@onsplan\r\n",
            "DTSTAMP:20261201T080000Z\r\n",
            "DTSTART;VALUE=DATE:20261231\r\n",
            "DTEND;VALUE=DATE:20270101\r\n",
        ] {
            assert!(ics.contains(expected), "{expected:?} in {ics}");
        }
    }
}
