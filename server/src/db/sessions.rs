//! SQL for refresh tokens: issue, consume once, revoke a chain.

use diesel::prelude::*;

use super::models::RefreshTokenRow;
use super::schema::refresh_tokens as rt;
use super::DbConnection;

pub fn insert(conn: &mut DbConnection, row: &RefreshTokenRow) -> QueryResult<()> {
    diesel::insert_into(rt::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

pub fn find_by_hash(conn: &mut DbConnection, hash: &str) -> QueryResult<Option<RefreshTokenRow>> {
    rt::table
        .filter(rt::token_hash.eq(hash))
        .select(RefreshTokenRow::as_select())
        .first(conn)
        .optional()
}

/// Marks a live token used by `client`. Returns false when it was already used, revoked or
/// expired, so of two racing refreshes exactly one wins.
pub fn mark_used(conn: &mut DbConnection, id: &str, now: i64, client: &str) -> QueryResult<bool> {
    let updated = diesel::update(
        rt::table
            .filter(rt::id.eq(id))
            .filter(rt::used_at.is_null())
            .filter(rt::revoked_at.is_null())
            .filter(rt::expires_at.gt(now)),
    )
    .set((rt::used_at.eq(now), rt::used_by_client.eq(client)))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Revokes every token of one login's chain.
pub fn revoke_chain(conn: &mut DbConnection, chain_id: &str, now: i64) -> QueryResult<usize> {
    diesel::update(
        rt::table
            .filter(rt::chain_id.eq(chain_id))
            .filter(rt::revoked_at.is_null()),
    )
    .set(rt::revoked_at.eq(now))
    .execute(conn)
}

/// Revokes every live refresh token of an account (password reset, password change).
pub fn revoke_all_for_user(conn: &mut DbConnection, user_id: &str, now: i64) -> QueryResult<usize> {
    diesel::update(
        rt::table
            .filter(rt::user_id.eq(user_id))
            .filter(rt::revoked_at.is_null()),
    )
    .set(rt::revoked_at.eq(now))
    .execute(conn)
}
