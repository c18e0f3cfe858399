//! A member's private calendar address: switching it on (a random 32-byte token; only its
//! SHA-256 is kept, the address is shown once), renewing it (the old token stops at once),
//! switching it off, and serving the feed: the member's open commitments with a date and the
//! review dates of their families, as the access policy lets them see each, written as
//! iCalendar. The agreement's own words are the only plan text an entry carries. The feed
//! answers without a login; a token that matches nothing is 404.

use onsplan_shared::agenda::{AgendaEntry, CalendarFeed};
use onsplan_shared::routes::{fill, CALENDAR_FEED};

use crate::auth::tokens::{hash_token, new_token};
use crate::auth::AuthUser;
use crate::db::{calendar_feeds, to_utc, users, Db};
use crate::errors::{AppError, AppResult};
use crate::services::access;
use crate::services::agenda::{self, Found};
use crate::services::ics::{self, Event};

/// At most this many events in one feed (the earliest dates are dropped first).
const FEED_LIMIT: usize = 1_000;

fn status(since: Option<i64>, url: Option<String>) -> CalendarFeed {
    CalendarFeed {
        enabled: since.is_some(),
        since: since.map(to_utc),
        url,
    }
}

/// Whether the caller's address is on; never the address itself.
pub async fn get(db: &Db, user: &AuthUser) -> AppResult<CalendarFeed> {
    let id = user.id.clone();
    let since = db
        .read(move |conn| calendar_feeds::since(conn, &id).map_err(AppError::from))
        .await?;
    Ok(status(since, None))
}

/// Switches the address on, or renews it: a new token replaces the old one in one write.
pub async fn enable(
    db: &Db,
    user: &AuthUser,
    public_url: &str,
    now: i64,
) -> AppResult<CalendarFeed> {
    let (token, hash) = new_token();
    let id = user.id.clone();
    db.write(move |conn| calendar_feeds::replace(conn, &id, &hash, now).map_err(AppError::from))
        .await?;
    let url = format!("{public_url}{}", fill(CALENDAR_FEED, &[&token]));
    Ok(status(Some(now), Some(url)))
}

/// Switches the address off; the feed answers 404 from the next request on.
pub async fn disable(db: &Db, user: &AuthUser) -> AppResult<CalendarFeed> {
    let id = user.id.clone();
    db.write(move |conn| calendar_feeds::delete(conn, &id).map_err(AppError::from))
        .await?;
    Ok(status(None, None))
}

/// Whether `token` has the shape of one this server hands out (43 base64url characters), so
/// anything else is refused before the database is asked.
fn well_formed(token: &str) -> bool {
    token.len() == 43
        && token
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_')
}

/// The `.ics` text of the address with `token` at `now`; 404 for a token that is not on.
pub async fn feed(db: &Db, token: String, now: i64) -> AppResult<String> {
    if !well_formed(&token) {
        return Err(AppError::NotFound);
    }
    let hash = hash_token(&token);
    db.read_then_write(move |conn| {
        let owner = calendar_feeds::owner(conn, &hash)?.ok_or(AppError::NotFound)?;
        let (row, org) = users::find_active_with_org(conn, &owner)?.ok_or(AppError::NotFound)?;
        let user = AuthUser::from_rows(row, org)?;
        let (found, events) = agenda::gather_all(conn, &user, now, "calendar")?;
        let text = ics::write(
            calendar_name(&user.locale),
            &entries(found, &user.locale),
            to_utc(now),
        );
        Ok((text, access::append_all(events)))
    })
    .await
}

/// The feed's events: the member's own commitments and the review dates, newest dates kept
/// when there are more than [`FEED_LIMIT`].
fn entries(found: Vec<Found>, locale: &str) -> Vec<Event> {
    let mut events: Vec<Event> = found
        .into_iter()
        .filter_map(|found| {
            let (uid, summary) = match &found.entry {
                AgendaEntry::MyCommitment {
                    agreement_id, what, ..
                } => (
                    format!("commitment-{}-{agreement_id}@onsplan", found.family_id),
                    what.clone(),
                ),
                AgendaEntry::Review => (
                    format!("review-{}@onsplan", found.family_id),
                    review_title(locale, &found.family_name),
                ),
                _ => return None,
            };
            Some(Event {
                uid,
                date: found.date,
                summary,
            })
        })
        .collect();
    events.sort_by(|a, b| (a.date, &a.uid).cmp(&(b.date, &b.uid)));
    let excess = events.len().saturating_sub(FEED_LIMIT);
    events.drain(..excess);
    events
}

/// The calendar's name in the member's language.
fn calendar_name(locale: &str) -> &'static str {
    match locale {
        "en" => "Our Plan",
        _ => "Ons Plan",
    }
}

/// A review date's title in the member's language: the family's name, no plan text.
fn review_title(locale: &str, family: &str) -> String {
    match locale {
        "en" => format!("Review of the plan ({family})"),
        _ => format!("Evaluatie van het plan ({family})"),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_tokens_of_our_own_shape_reach_the_database() {
        assert!(well_formed(&new_token().0));
        assert!(!well_formed("short"));
        assert!(!well_formed(&"a".repeat(44)));
        assert!(!well_formed(&format!("{}.", "a".repeat(42))));
    }
}
