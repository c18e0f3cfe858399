//! SQL for the reminder scheduler: what was sent (a unique key per person, kind, subject and
//! date, so each reminder is queued once whichever instance finds it) and each family's place
//! in the round, claimed with a lease the way the email outbox claims its rows.

use diesel::prelude::*;

use super::schema::{families, reminder_scans as rs, reminders_sent as sent};
use super::{is_unique_violation, DbConnection};

/// One reminder as recorded.
pub struct SentKey<'a> {
    pub user_id: &'a str,
    pub kind: &'a str,
    pub subject: &'a str,
    pub due_on: &'a str,
    pub family_id: &'a str,
}

/// Records a reminder in a savepoint; false when it was recorded before (by this or another
/// instance), and then nothing was written.
pub fn record(
    conn: &mut DbConnection,
    key: &SentKey,
    email_id: Option<&str>,
    now: i64,
) -> QueryResult<bool> {
    let inserted = conn.transaction(|conn| {
        diesel::insert_into(sent::table)
            .values((
                sent::user_id.eq(key.user_id),
                sent::kind.eq(key.kind),
                sent::subject.eq(key.subject),
                sent::due_on.eq(key.due_on),
                sent::family_id.eq(key.family_id),
                sent::email_id.eq(email_id),
                sent::sent_at.eq(now),
            ))
            .execute(conn)
    });
    match inserted {
        Ok(_) => Ok(true),
        Err(err) if is_unique_violation(&err) => Ok(false),
        Err(err) => Err(err),
    }
}

/// Whether the reminder was recorded already.
pub fn was_sent(conn: &mut DbConnection, key: &SentKey) -> QueryResult<bool> {
    diesel::select(diesel::dsl::exists(
        sent::table
            .filter(sent::user_id.eq(key.user_id))
            .filter(sent::kind.eq(key.kind))
            .filter(sent::subject.eq(key.subject))
            .filter(sent::due_on.eq(key.due_on)),
    ))
    .get_result(conn)
}

/// When `user_id` was last sent a message of `kind`, if ever.
pub fn last_sent(conn: &mut DbConnection, user_id: &str, kind: &str) -> QueryResult<Option<i64>> {
    sent::table
        .filter(sent::user_id.eq(user_id))
        .filter(sent::kind.eq(kind))
        .select(diesel::dsl::max(sent::sent_at))
        .first(conn)
}

/// Adds every family that has no place in the round yet, due at once.
pub fn enrol_new_families(conn: &mut DbConnection) -> QueryResult<()> {
    let missing: Vec<String> = families::table
        .filter(diesel::dsl::not(
            families::id.eq_any(rs::table.select(rs::family_id)),
        ))
        .select(families::id)
        .load(conn)?;
    for family_id in missing {
        let inserted = conn.transaction(|conn| {
            diesel::insert_into(rs::table)
                .values((rs::family_id.eq(&family_id), rs::next_scan_at.eq(0_i64)))
                .execute(conn)
        });
        match inserted {
            Err(err) if is_unique_violation(&err) => {}
            other => other.map(drop)?,
        }
    }
    Ok(())
}

/// Claims up to `limit` families due for a scan at `now` for `claim` until `lease_until`, and
/// returns their ids. The UPDATE repeats the due conditions, so a family another instance
/// claimed in between is skipped (as in the outbox).
pub fn claim_due(
    conn: &mut DbConnection,
    claim: &str,
    now: i64,
    lease_until: i64,
    limit: i64,
) -> QueryResult<Vec<String>> {
    let candidates: Vec<String> = rs::table
        .filter(rs::next_scan_at.le(now))
        .filter(rs::claimed_until.is_null().or(rs::claimed_until.le(now)))
        .order((rs::next_scan_at.asc(), rs::family_id.asc()))
        .limit(limit)
        .select(rs::family_id)
        .load(conn)?;
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    diesel::update(
        rs::table
            .filter(rs::family_id.eq_any(&candidates))
            .filter(rs::next_scan_at.le(now))
            .filter(rs::claimed_until.is_null().or(rs::claimed_until.le(now))),
    )
    .set((rs::claimed_by.eq(claim), rs::claimed_until.eq(lease_until)))
    .execute(conn)?;
    rs::table
        .filter(rs::claimed_by.eq(claim))
        .filter(rs::claimed_until.eq(lease_until))
        .select(rs::family_id)
        .load(conn)
}

/// Records a finished scan by the holder of `claim`: due again at `next_at`.
pub fn finish(
    conn: &mut DbConnection,
    family_id: &str,
    claim: &str,
    scanned_at: i64,
    next_at: i64,
) -> QueryResult<bool> {
    let updated = diesel::update(
        rs::table
            .filter(rs::family_id.eq(family_id))
            .filter(rs::claimed_by.eq(claim)),
    )
    .set((
        rs::scanned_at.eq(scanned_at),
        rs::next_scan_at.eq(next_at),
        rs::claimed_until.eq(None::<i64>),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

/// A member as an email to them needs: (user id, role, name, email, locale).
pub type Contact = (String, String, String, String, String);

/// A family's members with what an email to them needs, active accounts only.
pub fn member_contacts(conn: &mut DbConnection, family_id: &str) -> QueryResult<Vec<Contact>> {
    use super::schema::{memberships, users};
    memberships::table
        .inner_join(users::table)
        .filter(memberships::family_id.eq(family_id))
        .filter(users::disabled_at.is_null())
        .order((memberships::joined_at.asc(), memberships::user_id.asc()))
        .select((
            users::id,
            memberships::role,
            users::name,
            users::email,
            users::locale,
        ))
        .load(conn)
}
