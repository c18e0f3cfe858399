//! SQL for password reset links: issue (superseding the older pending one), find by token
//! hash, and claim a token exactly once.

use diesel::prelude::*;

use super::models::PasswordResetRow;
use super::schema::password_resets as pr;
use super::DbConnection;

/// Stores a new reset link and kills the user's older pending ones.
pub fn insert_superseding(conn: &mut DbConnection, row: &PasswordResetRow) -> QueryResult<()> {
    diesel::update(
        pr::table
            .filter(pr::user_id.eq(&row.user_id))
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

pub fn find_by_hash(conn: &mut DbConnection, hash: &str) -> QueryResult<Option<PasswordResetRow>> {
    pr::table
        .filter(pr::token_hash.eq(hash))
        .select(PasswordResetRow::as_select())
        .first(conn)
        .optional()
}

/// Uses a live reset link. False when it was used, superseded or expired.
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
