//! The private calendar address: a member switches it on and gets the address once; the feed
//! (no login) is valid iCalendar with their commitments and the review dates they may see,
//! hostile agreement text escaped; renewing stops the old address at once, switching off stops
//! it too, and a wrong token is 404.

use std::io::BufReader;

use onsplan_shared::agenda::CalendarFeed;
use onsplan_shared::section::Visibility;
use onsplan_tests::{spawn_app, TestApp};

use crate::agenda::{agreement, days, family, plan, take};

/// The token at the end of a calendar address (`…/calendar/{token}.ics`).
fn token_of(feed: &CalendarFeed) -> String {
    let url = feed.url.as_deref().expect("the address is shown once");
    url.rsplit_once("/calendar/")
        .and_then(|(_, rest)| rest.strip_suffix(".ics"))
        .expect("an .ics address")
        .to_string()
}

async fn fetch(app: &TestApp, token: &str) -> reqwest::Response {
    app.http
        .get(app.url(&format!("/api/v1/calendar/{token}.ics")))
        .send()
        .await
        .unwrap()
}

/// Parses the feed with a calendar library; answers its events as (property → value) lists.
fn events(text: &str) -> Vec<Vec<(String, String)>> {
    let mut calendars = ical::IcalParser::new(BufReader::new(text.as_bytes()));
    let calendar = calendars
        .next()
        .expect("one calendar")
        .expect("the feed parses");
    assert!(calendars.next().is_none(), "exactly one calendar");
    let version = calendar
        .properties
        .iter()
        .find(|p| p.name == "VERSION")
        .and_then(|p| p.value.clone());
    assert_eq!(version.as_deref(), Some("2.0"));
    calendar
        .events
        .into_iter()
        .map(|event| {
            event
                .properties
                .into_iter()
                .map(|p| {
                    let params = p
                        .params
                        .unwrap_or_default()
                        .into_iter()
                        .map(|(k, v)| format!(";{k}={}", v.join(",")))
                        .collect::<String>();
                    (format!("{}{params}", p.name), p.value.unwrap_or_default())
                })
                .collect()
        })
        .collect()
}

fn value<'a>(event: &'a [(String, String)], name: &str) -> &'a str {
    event
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
        .unwrap_or_else(|| panic!("{name} in {event:?}"))
}

const HOSTILE: &str = "Boodschappen; melk, brood\nEND:VEVENT\nBEGIN:VEVENT\\SUMMARY:nep";

#[tokio::test]
async fn the_feed_parses_and_holds_my_commitments_and_the_review_with_text_escaped() {
    let app = spawn_app().await;
    let (parent, relative, family) = family(&app).await;
    plan(
        &parent,
        family,
        Visibility::Network,
        vec![
            agreement("hostile", HOSTILE),
            agreement("later", "Samen naar de dierentuin"),
            agreement("theirs", "Gesprek met school"),
        ],
        Some(days(10)),
    )
    .await;
    take(&relative, family, "hostile", days(2)).await;
    take(&relative, family, "later", days(40)).await;
    take(&parent, family, "theirs", days(1)).await;

    assert!(!relative.client.calendar().await.unwrap().enabled);
    let feed = relative.client.enable_calendar().await.unwrap();
    assert!(feed.enabled && feed.since.is_some());
    let token = token_of(&feed);
    assert_eq!(token.len(), 43);
    // The address is shown once: asking again says only that it is on.
    let status = relative.client.calendar().await.unwrap();
    assert!(status.enabled && status.url.is_none());
    // Only the token's hash is stored.
    assert!(app.find_text_everywhere(&token).is_empty());

    let answer = fetch(&app, &token).await;
    assert_eq!(answer.status(), 200);
    let content_type = answer.headers()["content-type"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(content_type.starts_with("text/calendar"), "{content_type}");
    let text = answer.text().await.unwrap();

    // Structure: CRLF everywhere, folded at 75 octets, one event per line of the plan.
    assert!(!text.replace("\r\n", "").contains(['\r', '\n']));
    assert!(text.split("\r\n").all(|line| line.len() <= 75));
    assert!(text.starts_with("BEGIN:VCALENDAR\r\n") && text.ends_with("END:VCALENDAR\r\n"));
    let lines: Vec<&str> = text.split("\r\n").collect();
    assert_eq!(
        lines.iter().filter(|l| **l == "BEGIN:VEVENT").count(),
        3,
        "{text}"
    );
    let unfolded = text.replace("\r\n ", "");
    assert!(unfolded.contains(
        "SUMMARY:Boodschappen\\; melk\\, brood\\nEND:VEVENT\\nBEGIN:VEVENT\\\\SUMMARY:nep"
    ));

    let events = events(&text);
    assert_eq!(events.len(), 3);
    let summaries: Vec<&str> = events.iter().map(|e| value(e, "SUMMARY")).collect();
    assert!(summaries.iter().any(|s| s.starts_with("Boodschappen")));
    assert!(summaries.contains(&"Samen naar de dierentuin"));
    assert!(summaries.contains(&"Evaluatie van het plan (Familie De Boer)"));
    assert!(
        !text.contains("Gesprek met school"),
        "someone else's commitment"
    );
    let mut uids: Vec<&str> = events.iter().map(|e| value(e, "UID")).collect();
    for event in &events {
        assert!(value(event, "DTSTAMP").ends_with('Z'));
        assert_eq!(value(event, "DTSTART;VALUE=DATE").len(), 8);
        assert_eq!(value(event, "DTEND;VALUE=DATE").len(), 8);
    }
    let hostile = events
        .iter()
        .find(|e| value(e, "SUMMARY").starts_with("Boodschappen"))
        .unwrap();
    assert_eq!(
        value(hostile, "DTSTART;VALUE=DATE"),
        days(2).format("%Y%m%d").to_string()
    );
    uids.sort();
    uids.dedup();
    assert_eq!(uids.len(), 3, "one UID per event");
}

#[tokio::test]
async fn a_relative_s_feed_shows_nothing_of_a_parents_only_section() {
    let app = spawn_app().await;
    let (parent, relative, family) = family(&app).await;
    plan(
        &parent,
        family,
        Visibility::Parents,
        vec![agreement("secret", "Geheim adres regelen")],
        Some(days(3)),
    )
    .await;
    take(&parent, family, "secret", days(3)).await;
    let token = token_of(&relative.client.enable_calendar().await.unwrap());
    let text = fetch(&app, &token).await.text().await.unwrap();
    assert_eq!(events(&text).len(), 0, "{text}");
    assert!(!text.contains("Geheim") && !text.contains("Evaluatie"));

    // The parent's own feed has both.
    let token = token_of(&parent.client.enable_calendar().await.unwrap());
    let text = fetch(&app, &token).await.text().await.unwrap();
    assert_eq!(events(&text).len(), 2, "{text}");
}

#[tokio::test]
async fn renewing_stops_the_old_address_at_once_and_switching_off_stops_the_new_one() {
    let app = spawn_app().await;
    let (_parent, relative, _family) = family(&app).await;
    let old = token_of(&relative.client.enable_calendar().await.unwrap());
    assert_eq!(fetch(&app, &old).await.status(), 200);

    let new = token_of(&relative.client.enable_calendar().await.unwrap());
    assert_ne!(old, new);
    assert_eq!(fetch(&app, &old).await.status(), 404);
    assert_eq!(fetch(&app, &new).await.status(), 200);

    let off = relative.client.disable_calendar().await.unwrap();
    assert!(!off.enabled && off.url.is_none());
    assert_eq!(fetch(&app, &new).await.status(), 404);
    assert!(!relative.client.calendar().await.unwrap().enabled);
}

#[tokio::test]
async fn a_wrong_or_malformed_token_is_404_and_the_address_needs_a_login_to_manage() {
    let app = spawn_app().await;
    let (_parent, relative, _family) = family(&app).await;
    let real = token_of(&relative.client.enable_calendar().await.unwrap());
    let mut wrong = real.clone();
    wrong.replace_range(0..1, if real.starts_with('A') { "B" } else { "A" });
    for token in [wrong.as_str(), "x", "../../etc/passwd", &"A".repeat(200)] {
        let answer = fetch(&app, token).await;
        assert_eq!(answer.status(), 404, "{token}");
    }
    let anonymous = app.client();
    assert_eq!(anonymous.calendar().await.unwrap_err().status(), Some(401));
    assert_eq!(
        anonymous.enable_calendar().await.unwrap_err().status(),
        Some(401)
    );
}
