//! SQL for organisations, the accounts made for them (professionals, org admins) and the
//! one-time activation links those accounts start with.

use diesel::prelude::*;

use super::models::{ActivationRow, OrganisationRow, UserRow};
use super::schema::{account_activations as act, organisations, refresh_tokens, users};
use super::DbConnection;

pub fn insert(conn: &mut DbConnection, row: &OrganisationRow) -> QueryResult<()> {
    diesel::insert_into(organisations::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

pub fn find(conn: &mut DbConnection, id: &str) -> QueryResult<Option<OrganisationRow>> {
    organisations::table
        .filter(organisations::id.eq(id))
        .select(OrganisationRow::as_select())
        .first(conn)
        .optional()
}

/// Names of organisations by id.
pub fn names(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<(String, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    organisations::table
        .filter(organisations::id.eq_any(ids))
        .select((organisations::id, organisations::name))
        .load(conn)
}

/// The accounts of one kind in an organisation, oldest first.
pub fn members(conn: &mut DbConnection, org_id: &str, kind: &str) -> QueryResult<Vec<UserRow>> {
    users::table
        .filter(users::org_id.eq(org_id))
        .filter(users::kind.eq(kind))
        .order((users::created_at.asc(), users::id.asc()))
        .select(UserRow::as_select())
        .load(conn)
}

/// Disables an account and ends its sessions. Returns false when it was already disabled.
pub fn disable_account(conn: &mut DbConnection, user_id: &str, now: i64) -> QueryResult<bool> {
    let changed = diesel::update(
        users::table
            .filter(users::id.eq(user_id))
            .filter(users::disabled_at.is_null()),
    )
    .set(users::disabled_at.eq(now))
    .execute(conn)?;
    diesel::update(
        refresh_tokens::table
            .filter(refresh_tokens::user_id.eq(user_id))
            .filter(refresh_tokens::revoked_at.is_null()),
    )
    .set(refresh_tokens::revoked_at.eq(now))
    .execute(conn)?;
    Ok(changed == 1)
}

pub fn insert_activation(conn: &mut DbConnection, row: &ActivationRow) -> QueryResult<()> {
    diesel::insert_into(act::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// Uses a live activation token once. Returns the account id, or `None` when the token is
/// unknown, used or expired.
/// The account an activation link belongs to, while the link is unused and unexpired.
pub fn find_live_activation(
    conn: &mut DbConnection,
    token_hash: &str,
    now: i64,
) -> QueryResult<Option<String>> {
    act::table
        .filter(act::token_hash.eq(token_hash))
        .filter(act::used_at.is_null())
        .filter(act::expires_at.gt(now))
        .select(act::user_id)
        .first(conn)
        .optional()
}

pub fn use_activation(
    conn: &mut DbConnection,
    token_hash: &str,
    now: i64,
) -> QueryResult<Option<String>> {
    let Some(row) = act::table
        .filter(act::token_hash.eq(token_hash))
        .select(ActivationRow::as_select())
        .first(conn)
        .optional()?
    else {
        return Ok(None);
    };
    let claimed = diesel::update(
        act::table
            .filter(act::id.eq(&row.id))
            .filter(act::used_at.is_null())
            .filter(act::expires_at.gt(now)),
    )
    .set(act::used_at.eq(now))
    .execute(conn)?;
    Ok((claimed == 1).then_some(row.user_id))
}
