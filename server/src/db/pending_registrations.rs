//! SQL for registrations waiting for their email link: store one (superseding the address's
//! older pending one and clearing expired ones), find one by token hash, and claim a token
//! exactly once.

use diesel::prelude::*;

use super::models::PendingRegistrationRow;
use super::schema::pending_registrations as pr;
use super::DbConnection;

/// Stores a pending registration, kills the older pending ones for the same address and
/// deletes those that expired before `row.created_at`.
pub fn insert_superseding(
    conn: &mut DbConnection,
    row: &PendingRegistrationRow,
) -> QueryResult<()> {
    diesel::delete(pr::table.filter(pr::expires_at.le(row.created_at))).execute(conn)?;
    diesel::update(
        pr::table
            .filter(pr::email.eq(&row.email))
            .filter(pr::used_at.is_null())
            .filter(pr::superseded_at.is_null()),
    )
    .set(pr::superseded_at.eq(row.created_at))
    .execute(conn)?;
    diesel::insert_into(pr::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

pub fn find_by_hash(
    conn: &mut DbConnection,
    hash: &str,
) -> QueryResult<Option<PendingRegistrationRow>> {
    pr::table
        .filter(pr::token_hash.eq(hash))
        .select(PendingRegistrationRow::as_select())
        .first(conn)
        .optional()
}

/// Uses a live pending registration. False when it was used, superseded or expired.
pub fn claim(conn: &mut DbConnection, id: &str, now: i64) -> QueryResult<bool> {
    let updated = diesel::update(
        pr::table
            .filter(pr::id.eq(id))
            .filter(pr::used_at.is_null())
            .filter(pr::superseded_at.is_null())
            .filter(pr::expires_at.gt(now)),
    )
    .set(pr::used_at.eq(now))
    .execute(conn)?;
    Ok(updated == 1)
}
