//! "Wat staat er deze week?" on the wire: what is due for the caller this week and what is
//! overdue, across all their families (`GET /api/v1/me/agenda`). Every entry is typed by what it
//! is about ([`AgendaEntry`]) and carries the family it belongs to; the list is sorted and capped,
//! with the full count beside it, so a member with hundreds of commitments gets a short answer.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

/// How many items one agenda answer holds at most; [`Agenda::total`] counts them all.
pub const AGENDA_LIMIT: usize = 50;
/// How many days ahead "this week" reaches: today and the six days after it.
pub const WEEK_DAYS: i64 = 7;
/// How many days ahead a parent hears of a grant that ends.
pub const GRANT_ENDING_DAYS: i64 = 14;

/// When an item is due, compared with today (Europe/Amsterdam).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Due {
    /// Its date has passed.
    Overdue,
    /// Its date is today or within the week (or, for a grant, within 14 days); or it waits
    /// for an answer now.
    ThisWeek,
}

/// What one agenda item is about. Externally tagged (`{"my_commitment": {…}}`, `"review"`):
/// serde's internally tagged form would pull its buffering deserializer into the web app.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AgendaEntry {
    /// An agreement the caller took on, or a parent gave them (`assigned`).
    MyCommitment {
        agreement_id: String,
        /// The agreement's own words.
        what: String,
        assigned: bool,
        /// Whether the caller may mark it done (the commitments API's `done`).
        may_done: bool,
    },
    /// An agreement the plan names the caller for ("wie": this member) that nobody took on yet.
    AssignedToMe { agreement_id: String, what: String },
    /// The family's next review (`evaluation.next_review`).
    Review,
    /// For parents: someone else's commitment whose date has passed.
    OverdueCommitment {
        agreement_id: String,
        what: String,
        taker_name: String,
    },
    /// For parents: a grant to a professional that ends soon.
    GrantEnding {
        grant_id: Uuid,
        professional_name: String,
    },
    /// For parents: a professional's request for access waiting for an answer.
    AccessRequest {
        request_id: Uuid,
        professional_name: String,
    },
    /// For parents: the newest fixed version, which not every member stands behind yet.
    VersionNotEndorsed {
        version_id: Uuid,
        title: String,
        endorsed: u32,
        members: u32,
    },
}

/// One thing due.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AgendaItem {
    pub family_id: Uuid,
    pub family_name: String,
    /// The day it is due (a commitment's date, the review date, the day a grant ends, the day a
    /// request or version came).
    pub date: NaiveDate,
    pub due: Due,
    pub entry: AgendaEntry,
}

/// `GET /api/v1/me/agenda`: overdue items first (oldest first), then this week's by date; at
/// most [`AGENDA_LIMIT`] of them, `total` counting every one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Agenda {
    /// Today in Europe/Amsterdam, as the server counted.
    pub today: NaiveDate,
    /// The last day of "this week" (today + 6).
    pub week_ends: NaiveDate,
    pub items: Vec<AgendaItem>,
    /// How many items there are in all (more than `items.len()` when capped).
    pub total: u32,
    /// How many of them are overdue.
    pub overdue: u32,
}

/// The caller's private calendar address, as `GET`, `POST` and `DELETE /api/v1/me/calendar`
/// answer: whether it is on, since when, and — only in the answer that made it — the address.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CalendarFeed {
    pub enabled: bool,
    pub since: Option<DateTime<Utc>>,
    /// The full `https://…/api/v1/calendar/{token}.ics` address: shown once, never stored.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub url: Option<String>,
}
