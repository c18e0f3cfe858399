//! SQL for waiting changes of a family's rules and the parents' approvals of them. A change
//! leaves `pending` once, by a conditional update.

use diesel::prelude::*;

use super::models::PolicyChangeRow;
use super::schema::{policy_change_approvals as pca, policy_changes as pc};
use super::DbConnection;

pub const PENDING: &str = "pending";
pub const APPLIED: &str = "applied";
pub const DECLINED: &str = "declined";

pub fn insert(conn: &mut DbConnection, row: &PolicyChangeRow) -> QueryResult<()> {
    diesel::insert_into(pc::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// The change that waits in a family, if any.
pub fn pending(conn: &mut DbConnection, family_id: &str) -> QueryResult<Option<PolicyChangeRow>> {
    pc::table
        .filter(pc::family_id.eq(family_id))
        .filter(pc::status.eq(PENDING))
        .select(PolicyChangeRow::as_select())
        .first(conn)
        .optional()
}

pub fn approve(
    conn: &mut DbConnection,
    change_id: &str,
    parent_id: &str,
    now: i64,
) -> QueryResult<()> {
    diesel::insert_into(pca::table)
        .values((
            pca::change_id.eq(change_id),
            pca::parent_id.eq(parent_id),
            pca::approved_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// The parents who approved a change, first approval first.
pub fn approvals(conn: &mut DbConnection, change_id: &str) -> QueryResult<Vec<String>> {
    pca::table
        .filter(pca::change_id.eq(change_id))
        .order((pca::approved_at.asc(), pca::parent_id.asc()))
        .select(pca::parent_id)
        .load(conn)
}

/// Ends a waiting change as `status`. Returns false when it no longer waited.
pub fn close(
    conn: &mut DbConnection,
    change_id: &str,
    status: &str,
    by: Option<&str>,
    now: i64,
) -> QueryResult<bool> {
    let changed = diesel::update(
        pc::table
            .filter(pc::id.eq(change_id))
            .filter(pc::status.eq(PENDING)),
    )
    .set((
        pc::status.eq(status),
        pc::decided_by.eq(by),
        pc::decided_at.eq(now),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}
