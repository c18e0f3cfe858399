//! What is due ("Wat staat er deze week?"): for one account, across all its families, the
//! commitments, agreements and review dates it may see, and for parents what waits for them
//! (someone's overdue commitment, a grant that ends soon, an access request, a version not
//! everyone stands behind). Every item is judged by the access policy for that family, with
//! the caller resolved fresh, exactly as the item's own endpoint would judge it; a relative's
//! reads of the plan through the agenda are logged like any other read of theirs.
//!
//! [`gather`] finds everything dated for the caller in one family (no window); [`agenda`]
//! keeps what is overdue or due this week, sorts and caps it. The calendar feed
//! (`services::calendar`) uses [`gather`] too. `now` is a parameter so the caller's clock
//! decides what "today" is.

use std::collections::HashMap;

use chrono::{Duration, NaiveDate};
use onsplan_shared::access_log::LogAction;
use onsplan_shared::agenda::{
    Agenda, AgendaEntry, AgendaItem, Due, AGENDA_LIMIT, GRANT_ENDING_DAYS, WEEK_DAYS,
};
use onsplan_shared::dutch_time::dutch_time;
use onsplan_shared::section::{SectionKind, Visibility};
use onsplan_shared::section_content::{Agreement, AgreementStatus, Assignee, SectionContent};
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::models::FamilyRow;
use crate::db::sections::SHARED_SCOPE;
use crate::db::{agenda as sql, families, sections, stored_id, to_utc, users, Db, DbConnection};
use crate::errors::AppResult;
use crate::policy::{self, Action, Caller, Resource};
use crate::services::access::{self, Ask, Asking};
use crate::services::audit::Audit;
use crate::services::grants::grant_resource;
use crate::services::section_wire::{parse_content, parse_visibility};

const DAY_MS: i64 = 24 * 60 * 60 * 1000;

/// The calendar day of a moment in Europe/Amsterdam.
pub fn dutch_date(at_ms: i64) -> NaiveDate {
    dutch_time(to_utc(at_ms)).date_naive()
}

/// One dated thing of one family the caller may see.
#[derive(Debug, Clone)]
pub struct Found {
    pub family_id: Uuid,
    pub family_name: String,
    pub date: NaiveDate,
    pub entry: AgendaEntry,
}

/// What one family holds for the caller, and the log rows of the reads it took.
pub struct Gathered {
    pub found: Vec<Found>,
    pub events: Vec<Audit>,
}

/// Everything dated for `user` in `family` that the policy lets them see. `purpose` names the
/// reader in the log rows ("agenda", "calendar").
pub fn gather(
    conn: &mut DbConnection,
    user: &AuthUser,
    family: &FamilyRow,
    now: i64,
    purpose: &str,
) -> AppResult<Gathered> {
    let family_uuid = stored_id(&family.id, "family id")?;
    let asking = Asking::new(user, family_uuid, None);
    let caller = access::resolve(conn, &family.id, user)?;
    let mut gathered = Gathered {
        found: Vec::new(),
        events: Vec::new(),
    };
    // Only members have an agenda in a family; a professional's work is elsewhere.
    let Some(me) = caller.id().filter(|_| caller.role().is_some()) else {
        return Ok(gathered);
    };
    let today = dutch_date(now);
    let at = |date: NaiveDate, entry: AgendaEntry| Found {
        family_id: family_uuid,
        family_name: family.name.clone(),
        date,
        entry,
    };

    // The agreements: the caller's commitments, what the plan names them for, and (for those
    // who may reassign them) everyone else's overdue commitments.
    if let Some(row) = sections::find(
        conn,
        &family.id,
        SHARED_SCOPE,
        SectionKind::Agreements.as_str(),
    )? {
        let visibility = parse_visibility(&row.visibility)?;
        let SectionContent::Agreements(agreements) = parse_content(&row.content)? else {
            return Err(crate::db::corrupt("agreements content").into());
        };
        let names = member_names(conn, &family.id)?;
        let before = gathered.found.len();
        for item in &agreements.items {
            if let Some((date, entry)) =
                agreement_entry(&caller, me, visibility, item, today, &names)
            {
                gathered.found.push(at(date, entry));
            }
        }
        if gathered.found.len() > before {
            let ask = Ask::new(Resource::Commitments, Action::Read, LogAction::Read)
                .section(SectionKind::Agreements, None, Some(row.version))
                .about(purpose);
            gathered
                .events
                .extend(access::judge(&asking, &caller, &ask).1);
        }
    }

    // The family's next review, when the caller may read the evaluation.
    if let Some(row) = sections::find(
        conn,
        &family.id,
        SHARED_SCOPE,
        SectionKind::Evaluation.as_str(),
    )? {
        let resource = Resource::SharedSection {
            kind: SectionKind::Evaluation,
            visibility: parse_visibility(&row.visibility)?,
        };
        if policy::decide(&caller, resource, Action::Read).is_allowed() {
            if let SectionContent::Evaluation(evaluation) = parse_content(&row.content)? {
                if let Some(date) = evaluation.next_review {
                    gathered.found.push(at(date, AgendaEntry::Review));
                    let ask = Ask::new(resource, Action::Read, LogAction::Read)
                        .section(SectionKind::Evaluation, None, Some(row.version))
                        .about(purpose);
                    gathered
                        .events
                        .extend(access::judge(&asking, &caller, &ask).1);
                }
            }
        }
    }

    parents_matters(conn, &caller, family, now, &mut gathered, &at)?;
    Ok(gathered)
}

/// What waits for the people who look after the family's sharing and versions: grants that
/// end within [`GRANT_ENDING_DAYS`], requests waiting for an answer, and the newest version
/// while not every member stands behind it. Each is asked of the policy as the screen that
/// acts on it would ask.
fn parents_matters(
    conn: &mut DbConnection,
    caller: &Caller,
    family: &FamilyRow,
    now: i64,
    gathered: &mut Gathered,
    at: &impl Fn(NaiveDate, AgendaEntry) -> Found,
) -> AppResult<()> {
    if policy::decide(caller, Resource::Grants, Action::List).is_allowed() {
        let until = now + GRANT_ENDING_DAYS * DAY_MS;
        let rows = sql::grants_ending(conn, &family.id, now, until)?;
        let names = account_names(
            conn,
            rows.iter().map(|row| row.professional_id.clone()).collect(),
        )?;
        for row in rows {
            if !policy::decide(caller, grant_resource(&row)?, Action::Read).is_allowed() {
                continue;
            }
            // A grant runs up to and including the day before its end moment's day starts.
            let last_day = dutch_date(row.valid_until - 1);
            gathered.found.push(at(
                last_day,
                AgendaEntry::GrantEnding {
                    grant_id: stored_id(&row.id, "grant id")?,
                    professional_name: names.get(&row.professional_id).cloned().unwrap_or_default(),
                },
            ));
        }
    }
    if policy::decide(caller, Resource::AccessRequests, Action::List).is_allowed() {
        let rows = sql::requests_waiting(conn, &family.id)?;
        let names = account_names(
            conn,
            rows.iter().map(|row| row.professional_id.clone()).collect(),
        )?;
        for row in rows {
            gathered.found.push(at(
                dutch_date(row.created_at),
                AgendaEntry::AccessRequest {
                    request_id: stored_id(&row.id, "access request id")?,
                    professional_name: names.get(&row.professional_id).cloned().unwrap_or_default(),
                },
            ));
        }
    }
    // Who stands behind a version is for every member to see; chasing the ones who do not yet
    // is for those who fix versions.
    if policy::decide(caller, Resource::Versions, Action::Fix).is_allowed() {
        if let Some(version) = sql::newest_version(conn, &family.id)? {
            let members = families::members(conn, &family.id)?.len();
            let endorsed = sql::endorsing_members(conn, &family.id, &version.id)?;
            if (endorsed as usize) < members {
                gathered.found.push(at(
                    dutch_date(version.fixed_at),
                    AgendaEntry::VersionNotEndorsed {
                        version_id: stored_id(&version.id, "version id")?,
                        title: version.title,
                        endorsed: u32::try_from(endorsed).unwrap_or(u32::MAX),
                        members: u32::try_from(members).unwrap_or(u32::MAX),
                    },
                ));
            }
        }
    }
    Ok(())
}

/// The agenda entry one agreement makes for the caller, if any.
fn agreement_entry(
    caller: &Caller,
    me: Uuid,
    visibility: Visibility,
    item: &Agreement,
    today: NaiveDate,
    names: &HashMap<Uuid, String>,
) -> Option<(NaiveDate, AgendaEntry)> {
    if item.status == AgreementStatus::Done {
        return None;
    }
    let taker = item.commitment.as_ref().map(|c| c.taker);
    let resource = Resource::Agreement { visibility, taker };
    let may = |action| policy::decide(caller, resource, action).is_allowed();
    if !may(Action::Read) {
        return None;
    }
    match &item.commitment {
        Some(c) if c.done_at.is_some() => None,
        Some(c) if c.taker == me => Some((
            c.due?,
            AgendaEntry::MyCommitment {
                agreement_id: item.id.clone(),
                what: item.what.clone(),
                assigned: c.assigned_by.is_some_and(|by| by != me),
                may_done: may(Action::Done),
            },
        )),
        // Someone else's commitment is on the agenda once it is overdue, for whoever may give
        // it to someone else.
        Some(c) => {
            let due = c.due?;
            let taker_name = names.get(&c.taker)?;
            (due < today && may(Action::Assign)).then(|| {
                (
                    due,
                    AgendaEntry::OverdueCommitment {
                        agreement_id: item.id.clone(),
                        what: item.what.clone(),
                        taker_name: taker_name.clone(),
                    },
                )
            })
        }
        None => match item.who {
            Assignee::Member { user_id } if user_id == me => Some((
                item.by_when?,
                AgendaEntry::AssignedToMe {
                    agreement_id: item.id.clone(),
                    what: item.what.clone(),
                },
            )),
            _ => None,
        },
    }
}

fn member_names(conn: &mut DbConnection, family_id: &str) -> AppResult<HashMap<Uuid, String>> {
    families::members(conn, family_id)?
        .into_iter()
        .map(|(row, name)| Ok((stored_id(&row.user_id, "member id")?, name)))
        .collect()
}

fn account_names(
    conn: &mut DbConnection,
    mut ids: Vec<String>,
) -> AppResult<HashMap<String, String>> {
    ids.sort();
    ids.dedup();
    Ok(users::names(conn, &ids)?.into_iter().collect())
}

/// Where an item falls relative to today and the week, if on the agenda at all.
fn due_of(found: &Found, today: NaiveDate, week_ends: NaiveDate) -> Option<Due> {
    match &found.entry {
        // Waiting for an answer, or ending within the grant window: on the agenda now.
        AgendaEntry::GrantEnding { .. }
        | AgendaEntry::AccessRequest { .. }
        | AgendaEntry::VersionNotEndorsed { .. } => Some(Due::ThisWeek),
        _ if found.date < today => Some(Due::Overdue),
        _ if found.date <= week_ends => Some(Due::ThisWeek),
        _ => None,
    }
}

/// A stable order within a day: the caller's own things first.
fn rank(entry: &AgendaEntry) -> u8 {
    match entry {
        AgendaEntry::MyCommitment { .. } => 0,
        AgendaEntry::AssignedToMe { .. } => 1,
        AgendaEntry::Review => 2,
        AgendaEntry::OverdueCommitment { .. } => 3,
        AgendaEntry::AccessRequest { .. } => 4,
        AgendaEntry::GrantEnding { .. } => 5,
        AgendaEntry::VersionNotEndorsed { .. } => 6,
    }
}

fn entry_id(entry: &AgendaEntry) -> String {
    match entry {
        AgendaEntry::MyCommitment { agreement_id, .. }
        | AgendaEntry::AssignedToMe { agreement_id, .. }
        | AgendaEntry::OverdueCommitment { agreement_id, .. } => agreement_id.clone(),
        AgendaEntry::Review => String::new(),
        AgendaEntry::GrantEnding { grant_id, .. } => grant_id.to_string(),
        AgendaEntry::AccessRequest { request_id, .. } => request_id.to_string(),
        AgendaEntry::VersionNotEndorsed { version_id, .. } => version_id.to_string(),
    }
}

/// Keeps what is overdue or due this week, overdue first (oldest first), then by day; at most
/// [`AGENDA_LIMIT`] items, with the full counts.
pub fn arrange(found: Vec<Found>, today: NaiveDate) -> Agenda {
    let week_ends = today + Duration::days(WEEK_DAYS - 1);
    let mut items: Vec<AgendaItem> = found
        .into_iter()
        .filter_map(|found| {
            let due = due_of(&found, today, week_ends)?;
            Some(AgendaItem {
                family_id: found.family_id,
                family_name: found.family_name,
                date: found.date,
                due,
                entry: found.entry,
            })
        })
        .collect();
    items.sort_by_cached_key(|item| {
        (
            item.due,
            item.date,
            rank(&item.entry),
            item.family_name.clone(),
            item.family_id,
            entry_id(&item.entry),
        )
    });
    let total = u32::try_from(items.len()).unwrap_or(u32::MAX);
    let overdue = items.iter().filter(|i| i.due == Due::Overdue).count();
    items.truncate(AGENDA_LIMIT);
    Agenda {
        today,
        week_ends,
        items,
        total,
        overdue: u32::try_from(overdue).unwrap_or(u32::MAX),
    }
}

/// `GET /api/v1/me/agenda` at `now`: the caller's agenda across their families. The log rows
/// of a relative's reads commit before the answer goes out.
pub async fn agenda(db: &Db, user: &AuthUser, now: i64) -> AppResult<Agenda> {
    let user = user.clone();
    db.read_then_write(move |conn| {
        let (found, events) = gather_all(conn, &user, now, "agenda")?;
        Ok((arrange(found, dutch_date(now)), access::append_all(events)))
    })
    .await
}

/// [`gather`] over every family the account belongs to.
pub fn gather_all(
    conn: &mut DbConnection,
    user: &AuthUser,
    now: i64,
    purpose: &str,
) -> AppResult<(Vec<Found>, Vec<Audit>)> {
    let mut found = Vec::new();
    let mut events = Vec::new();
    for (family, _role) in families::list_for_user(conn, &user.id)? {
        let gathered = gather(conn, user, &family, now, purpose)?;
        found.extend(gathered.found);
        events.extend(gathered.events);
    }
    Ok((found, events))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn day(d: u32) -> NaiveDate {
        NaiveDate::from_ymd_opt(2026, 12, d).unwrap()
    }

    fn mine(id: &str, date: NaiveDate) -> Found {
        Found {
            family_id: Uuid::nil(),
            family_name: "Familie".into(),
            date,
            entry: AgendaEntry::MyCommitment {
                agreement_id: id.into(),
                what: id.into(),
                assigned: false,
                may_done: true,
            },
        }
    }

    #[test]
    fn overdue_comes_first_then_this_week_and_later_days_are_left_out() {
        let today = day(10);
        let agenda = arrange(
            vec![
                mine("later", day(17)),
                mine("sunday", day(16)),
                mine("today", day(10)),
                mine("late", day(9)),
                mine("very-late", day(1)),
            ],
            today,
        );
        let ids: Vec<String> = agenda.items.iter().map(|i| entry_id(&i.entry)).collect();
        assert_eq!(ids, ["very-late", "late", "today", "sunday"]);
        assert_eq!((agenda.total, agenda.overdue), (4, 2));
        assert_eq!(agenda.week_ends, day(16));
    }

    #[test]
    fn a_long_agenda_is_capped_with_its_full_count() {
        let today = day(10);
        let found = (0..500)
            .map(|i| mine(&format!("a{i:03}"), day(1 + i % 15)))
            .collect();
        let agenda = arrange(found, today);
        assert_eq!(agenda.items.len(), AGENDA_LIMIT);
        // Days 1–15, 500 items: days 1–5 hold 34 each, days 6–15 hold 33; days 1–9 are past.
        assert_eq!((agenda.total, agenda.overdue), (500, 5 * 34 + 4 * 33));
        assert!(agenda.items.iter().all(|i| i.due == Due::Overdue));
    }

    #[test]
    fn the_dutch_date_turns_at_local_midnight() {
        // 23:30 UTC on 9 December is 00:30 on the 10th in Amsterdam.
        let at = chrono::DateTime::parse_from_rfc3339("2026-12-09T23:30:00Z")
            .unwrap()
            .timestamp_millis();
        assert_eq!(dutch_date(at), day(10));
    }
}
