//! SQL for accounts.

use diesel::prelude::*;

use super::models::UserRow;
use super::schema::{organisations, users};
use super::DbConnection;

pub fn insert(conn: &mut DbConnection, row: &UserRow) -> QueryResult<()> {
    diesel::insert_into(users::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

pub fn find_by_email(conn: &mut DbConnection, email: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::email.eq(email))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

/// The account behind a token, if it still exists and is not disabled.
pub fn find_active(conn: &mut DbConnection, id: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::id.eq(id))
        .filter(users::disabled_at.is_null())
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

/// An organisation's name and deactivation time.
pub type OrgFacts = (String, Option<i64>);

/// An active account with its organisation's name and deactivation time, in one query: what
/// every authenticated request starts with.
pub fn find_active_with_org(
    conn: &mut DbConnection,
    id: &str,
) -> QueryResult<Option<(UserRow, Option<OrgFacts>)>> {
    users::table
        .left_join(organisations::table)
        .filter(users::id.eq(id))
        .filter(users::disabled_at.is_null())
        .select((
            UserRow::as_select(),
            (organisations::name, organisations::deactivated_at).nullable(),
        ))
        .first(conn)
        .optional()
}

/// Sets an account's language.
pub fn set_locale(conn: &mut DbConnection, id: &str, locale: &str) -> QueryResult<usize> {
    diesel::update(users::table.filter(users::id.eq(id)))
        .set(users::locale.eq(locale))
        .execute(conn)
}

/// Display names of the given accounts, as (id, name).
pub fn names(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<(String, String)>> {
    match ids {
        [] => return Ok(Vec::new()),
        // One id (the usual case): a fixed statement the connection keeps prepared, where a
        // list of ids is parsed again on every call.
        [id] => {
            return users::table
                .filter(users::id.eq(id))
                .select((users::id, users::name))
                .load(conn)
        }
        _ => {}
    }
    users::table
        .filter(users::id.eq_any(ids))
        .select((users::id, users::name))
        .load(conn)
}

/// An account whether or not it is disabled.
pub fn find_any(conn: &mut DbConnection, id: &str) -> QueryResult<Option<UserRow>> {
    users::table
        .filter(users::id.eq(id))
        .select(UserRow::as_select())
        .first(conn)
        .optional()
}

/// Sets an account's password and ends every access token issued before (see
/// [`end_access_tokens`]).
pub fn set_password_hash(conn: &mut DbConnection, id: &str, hash: &str) -> QueryResult<()> {
    diesel::update(users::table.filter(users::id.eq(id)))
        .set((
            users::password_hash.eq(hash),
            users::session_epoch.eq(users::session_epoch + 1),
        ))
        .execute(conn)
        .map(drop)
}

/// Raises an account's session epoch: every access token issued before carries the old one
/// and is refused from the next request on. Refresh tokens are not touched.
pub fn end_access_tokens(conn: &mut DbConnection, id: &str) -> QueryResult<()> {
    diesel::update(users::table.filter(users::id.eq(id)))
        .set(users::session_epoch.eq(users::session_epoch + 1))
        .execute(conn)
        .map(drop)
}

/// Organisation names of those of the given accounts that belong to one, as (id, name).
pub fn org_names(conn: &mut DbConnection, ids: &[String]) -> QueryResult<Vec<(String, String)>> {
    if ids.is_empty() {
        return Ok(Vec::new());
    }
    users::table
        .inner_join(organisations::table)
        .filter(users::id.eq_any(ids))
        .select((users::id, organisations::name))
        .load(conn)
}
