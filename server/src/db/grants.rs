//! SQL for consent grants and their approvals. Revocation is a conditional update, so the
//! first revoke wins and every later request sees it. Approvals of one grant take turns
//! ([`lock`]), so the last approval always sees every earlier one.

use diesel::prelude::*;

use super::models::GrantRow;
use super::schema::{grant_approvals as ga, grants};
use super::DbConnection;

pub fn insert(conn: &mut DbConnection, row: &GrantRow) -> QueryResult<()> {
    diesel::insert_into(grants::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

pub fn find(
    conn: &mut DbConnection,
    family_id: &str,
    grant_id: &str,
) -> QueryResult<Option<GrantRow>> {
    grants::table
        .filter(grants::family_id.eq(family_id))
        .filter(grants::id.eq(grant_id))
        .select(GrantRow::as_select())
        .first(conn)
        .optional()
}

/// Every grant of a family, newest first; only one professional's when `professional_id` is set.
/// Two fixed statements rather than one built per call, so each stays prepared.
pub fn for_family(
    conn: &mut DbConnection,
    family_id: &str,
    professional_id: Option<&str>,
) -> QueryResult<Vec<GrantRow>> {
    let of_family = grants::table.filter(grants::family_id.eq(family_id));
    let newest_first = (grants::created_at.desc(), grants::id.desc());
    match professional_id {
        Some(professional) => of_family
            .filter(grants::professional_id.eq(professional))
            .order(newest_first)
            .select(GrantRow::as_select())
            .load(conn),
        None => of_family
            .order(newest_first)
            .select(GrantRow::as_select())
            .load(conn),
    }
}

/// Locks the grant row until the caller's transaction ends, so concurrent approvals of the
/// same grant take turns: on PostgreSQL with `SELECT ... FOR UPDATE` (statements after it see
/// what the previous holder committed); SQLite's single writer already runs every write
/// transaction alone.
pub fn lock(conn: &mut DbConnection, family_id: &str, grant_id: &str) -> QueryResult<()> {
    match conn {
        DbConnection::Postgresql(pg) => grants::table
            .filter(grants::family_id.eq(family_id))
            .filter(grants::id.eq(grant_id))
            .select(grants::id)
            .for_update()
            .first::<String>(pg)
            .optional()
            .map(drop),
        DbConnection::Sqlite(_) => Ok(()),
    }
}

pub fn approve(
    conn: &mut DbConnection,
    grant_id: &str,
    parent_id: &str,
    now: i64,
) -> QueryResult<()> {
    diesel::insert_into(ga::table)
        .values((
            ga::grant_id.eq(grant_id),
            ga::parent_id.eq(parent_id),
            ga::approved_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// Who approved each of the given grants, as (grant id, parent id).
pub fn approvals(
    conn: &mut DbConnection,
    grant_ids: &[String],
) -> QueryResult<Vec<(String, String)>> {
    if grant_ids.is_empty() {
        return Ok(Vec::new());
    }
    ga::table
        .filter(ga::grant_id.eq_any(grant_ids))
        .order(ga::approved_at.asc())
        .select((ga::grant_id, ga::parent_id))
        .load(conn)
}

pub fn activate(conn: &mut DbConnection, grant_id: &str, now: i64) -> QueryResult<()> {
    diesel::update(
        grants::table
            .filter(grants::id.eq(grant_id))
            .filter(grants::activated_at.is_null()),
    )
    .set(grants::activated_at.eq(now))
    .execute(conn)
    .map(drop)
}

/// Revokes a grant. Returns false when it was already revoked.
pub fn revoke(conn: &mut DbConnection, grant_id: &str, by: &str, now: i64) -> QueryResult<bool> {
    let changed = diesel::update(
        grants::table
            .filter(grants::id.eq(grant_id))
            .filter(grants::revoked_at.is_null()),
    )
    .set((grants::revoked_at.eq(now), grants::revoked_by.eq(by)))
    .execute(conn)?;
    Ok(changed == 1)
}
