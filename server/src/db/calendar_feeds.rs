//! SQL for members' private calendar addresses: one row per account with the SHA-256 of its
//! token. Renewing replaces the hash in place, so the old token finds nothing from the next
//! request on.

use diesel::prelude::*;

use super::schema::calendar_feeds as cf;
use super::DbConnection;

/// When the account's address was made, if it is on.
pub fn since(conn: &mut DbConnection, user_id: &str) -> QueryResult<Option<i64>> {
    cf::table
        .filter(cf::user_id.eq(user_id))
        .select(cf::created_at)
        .first(conn)
        .optional()
}

/// Switches the address on with `token_hash`, replacing an earlier one.
pub fn replace(
    conn: &mut DbConnection,
    user_id: &str,
    token_hash: &str,
    now: i64,
) -> QueryResult<()> {
    // No upsert on the two-backend connection: delete, then insert, in the caller's
    // transaction.
    delete(conn, user_id)?;
    diesel::insert_into(cf::table)
        .values((
            cf::user_id.eq(user_id),
            cf::token_hash.eq(token_hash),
            cf::created_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// Switches the address off. Returns false when it was off.
pub fn delete(conn: &mut DbConnection, user_id: &str) -> QueryResult<bool> {
    let deleted = diesel::delete(cf::table.filter(cf::user_id.eq(user_id))).execute(conn)?;
    Ok(deleted > 0)
}

/// The account an address's token belongs to.
pub fn owner(conn: &mut DbConnection, token_hash: &str) -> QueryResult<Option<String>> {
    cf::table
        .filter(cf::token_hash.eq(token_hash))
        .select(cf::user_id)
        .first(conn)
        .optional()
}
