//! SQL for each person's on/off setting per kind of email and for one-click unsubscribe
//! tokens (stored as their SHA-256 only).

use diesel::prelude::*;

use super::schema::{notification_settings as ns, unsubscribe_tokens as ut};
use super::{is_unique_violation, DbConnection};

/// The kinds `user_id` set explicitly, with their value.
pub fn settings_of(conn: &mut DbConnection, user_id: &str) -> QueryResult<Vec<(String, bool)>> {
    ns::table
        .filter(ns::user_id.eq(user_id))
        .select((ns::kind, ns::enabled))
        .load(conn)
}

/// Sets one kind for one person (insert, or update when it was set before).
pub fn set(
    conn: &mut DbConnection,
    user_id: &str,
    kind: &str,
    enabled: bool,
    now: i64,
) -> QueryResult<()> {
    let updated = diesel::update(
        ns::table
            .filter(ns::user_id.eq(user_id))
            .filter(ns::kind.eq(kind)),
    )
    .set((ns::enabled.eq(enabled), ns::updated_at.eq(now)))
    .execute(conn)?;
    if updated > 0 {
        return Ok(());
    }
    let inserted = conn.transaction(|conn| {
        diesel::insert_into(ns::table)
            .values((
                ns::user_id.eq(user_id),
                ns::kind.eq(kind),
                ns::enabled.eq(enabled),
                ns::updated_at.eq(now),
            ))
            .execute(conn)
    });
    match inserted {
        // A racing first setting of the same kind: the later one wins.
        Err(err) if is_unique_violation(&err) => diesel::update(
            ns::table
                .filter(ns::user_id.eq(user_id))
                .filter(ns::kind.eq(kind)),
        )
        .set((ns::enabled.eq(enabled), ns::updated_at.eq(now)))
        .execute(conn)
        .map(drop),
        other => other.map(drop),
    }
}

pub fn insert_token(
    conn: &mut DbConnection,
    token_hash: &str,
    user_id: &str,
    kind: &str,
    now: i64,
) -> QueryResult<()> {
    diesel::insert_into(ut::table)
        .values((
            ut::token_hash.eq(token_hash),
            ut::user_id.eq(user_id),
            ut::kind.eq(kind),
            ut::created_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// A token's owner, kind and whether it was used.
pub fn find_token(
    conn: &mut DbConnection,
    token_hash: &str,
) -> QueryResult<Option<(String, String, Option<i64>)>> {
    ut::table
        .filter(ut::token_hash.eq(token_hash))
        .select((ut::user_id, ut::kind, ut::used_at))
        .first(conn)
        .optional()
}

/// Marks the token used; false when it was used already (the first use wins).
pub fn use_token(conn: &mut DbConnection, token_hash: &str, now: i64) -> QueryResult<bool> {
    let updated = diesel::update(
        ut::table
            .filter(ut::token_hash.eq(token_hash))
            .filter(ut::used_at.is_null()),
    )
    .set(ut::used_at.eq(now))
    .execute(conn)?;
    Ok(updated == 1)
}
