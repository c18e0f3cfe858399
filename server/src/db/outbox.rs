//! SQL for the email outbox: queue a message in the caller's transaction, claim due rows so
//! that of several server instances exactly one gets each row, record the outcome.

use diesel::prelude::*;

use super::models::OutboxRow;
use super::schema::email_outbox as o;
use super::DbConnection;

pub const QUEUED: &str = "queued";
pub const SENT: &str = "sent";
pub const FAILED: &str = "failed";

pub fn insert(conn: &mut DbConnection, row: &OutboxRow) -> QueryResult<()> {
    diesel::insert_into(o::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// Claims up to `limit` due rows for `claim` (unique per call) until `lease_until`, and
/// returns them. The UPDATE repeats the due conditions, so a row another instance claimed
/// between the SELECT and the UPDATE is skipped (PostgreSQL re-checks them on the locked row;
/// SQLite runs writers one at a time).
pub fn claim_due(
    conn: &mut DbConnection,
    claim: &str,
    now: i64,
    lease_until: i64,
    limit: i64,
) -> QueryResult<Vec<OutboxRow>> {
    let candidates: Vec<String> = o::table
        .filter(o::status.eq(QUEUED))
        .filter(o::next_attempt_at.le(now))
        .filter(o::claimed_until.is_null().or(o::claimed_until.le(now)))
        .order((o::next_attempt_at.asc(), o::id.asc()))
        .limit(limit)
        .select(o::id)
        .load(conn)?;
    if candidates.is_empty() {
        return Ok(Vec::new());
    }
    diesel::update(
        o::table
            .filter(o::id.eq_any(&candidates))
            .filter(o::status.eq(QUEUED))
            .filter(o::next_attempt_at.le(now))
            .filter(o::claimed_until.is_null().or(o::claimed_until.le(now))),
    )
    .set((o::claimed_by.eq(claim), o::claimed_until.eq(lease_until)))
    .execute(conn)?;
    o::table
        .filter(o::claimed_by.eq(claim))
        .filter(o::status.eq(QUEUED))
        .order((o::next_attempt_at.asc(), o::id.asc()))
        .select(OutboxRow::as_select())
        .load(conn)
}

/// Records a delivery by the holder of `claim`.
pub fn mark_sent(conn: &mut DbConnection, id: &str, claim: &str, now: i64) -> QueryResult<bool> {
    let updated = diesel::update(
        o::table
            .filter(o::id.eq(id))
            .filter(o::claimed_by.eq(claim)),
    )
    .set((
        o::status.eq(SENT),
        o::attempts.eq(o::attempts + 1),
        o::sent_at.eq(now),
        o::claimed_until.eq(None::<i64>),
        o::last_error.eq(None::<String>),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Records a failed try: the row is due again at `retry_at`, or `failed` for good when
/// `retry_at` is `None`.
pub fn mark_attempt_failed(
    conn: &mut DbConnection,
    id: &str,
    claim: &str,
    error: &str,
    retry_at: Option<i64>,
) -> QueryResult<bool> {
    let status = if retry_at.is_some() { QUEUED } else { FAILED };
    let updated = diesel::update(
        o::table
            .filter(o::id.eq(id))
            .filter(o::claimed_by.eq(claim)),
    )
    .set((
        o::status.eq(status),
        o::attempts.eq(o::attempts + 1),
        o::next_attempt_at.eq(retry_at.unwrap_or(i64::MAX)),
        o::claimed_until.eq(None::<i64>),
        o::last_error.eq(Some(error)),
    ))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Gives up a claim's rows that were not worked on, so they are due again at once.
pub fn release(conn: &mut DbConnection, claim: &str) -> QueryResult<usize> {
    diesel::update(
        o::table
            .filter(o::claimed_by.eq(claim))
            .filter(o::status.eq(QUEUED)),
    )
    .set(o::claimed_until.eq(None::<i64>))
    .execute(conn)
}
