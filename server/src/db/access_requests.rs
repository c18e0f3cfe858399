//! SQL for professionals' requests for access.

use diesel::prelude::*;

use super::models::AccessRequestRow;
use super::schema::{access_request_notices as notices, access_requests as ar};
use super::DbConnection;

pub fn insert(conn: &mut DbConnection, row: &AccessRequestRow) -> QueryResult<()> {
    diesel::insert_into(ar::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

pub fn find(
    conn: &mut DbConnection,
    family_id: &str,
    request_id: &str,
) -> QueryResult<Option<AccessRequestRow>> {
    ar::table
        .filter(ar::family_id.eq(family_id))
        .filter(ar::id.eq(request_id))
        .select(AccessRequestRow::as_select())
        .first(conn)
        .optional()
}

/// A family's requests, newest first; one professional's when `professional_id` is set.
pub fn for_family(
    conn: &mut DbConnection,
    family_id: &str,
    professional_id: Option<&str>,
) -> QueryResult<Vec<AccessRequestRow>> {
    let mut query = ar::table.filter(ar::family_id.eq(family_id)).into_boxed();
    if let Some(professional) = professional_id {
        query = query.filter(ar::professional_id.eq(professional));
    }
    query
        .order((ar::created_at.desc(), ar::id.desc()))
        .select(AccessRequestRow::as_select())
        .load(conn)
}

/// Records a decision on a pending request. Returns false when it was already decided.
pub fn decide(
    conn: &mut DbConnection,
    request_id: &str,
    status: &str,
    by: &str,
    now: i64,
    decline_reason: Option<&str>,
    grant_id: Option<&str>,
) -> QueryResult<bool> {
    let changed = diesel::update(
        ar::table
            .filter(ar::id.eq(request_id))
            .filter(ar::status.eq("pending")),
    )
    .set((
        ar::status.eq(status),
        ar::decided_by.eq(by),
        ar::decided_at.eq(now),
        ar::decline_reason.eq(decline_reason),
        ar::grant_id.eq(grant_id),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// How many of one professional's requests to one family wait for an answer.
pub fn count_open(
    conn: &mut DbConnection,
    family_id: &str,
    professional_id: &str,
) -> QueryResult<i64> {
    ar::table
        .filter(ar::family_id.eq(family_id))
        .filter(ar::professional_id.eq(professional_id))
        .filter(ar::status.eq("pending"))
        .count()
        .get_result(conn)
}

/// Remembers that `parent_id` was emailed about `request_id`.
pub fn record_notice(
    conn: &mut DbConnection,
    id: &str,
    request_id: &str,
    parent_id: &str,
    now: i64,
) -> QueryResult<()> {
    diesel::insert_into(notices::table)
        .values((
            notices::id.eq(id),
            notices::request_id.eq(request_id),
            notices::parent_id.eq(parent_id),
            notices::queued_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// How many request emails `parent_id` was sent since `since`.
pub fn notices_since(conn: &mut DbConnection, parent_id: &str, since: i64) -> QueryResult<i64> {
    notices::table
        .filter(notices::parent_id.eq(parent_id))
        .filter(notices::queued_at.ge(since))
        .count()
        .get_result(conn)
}
