//! SQL for invitations: issue, find by token hash, list pending, supersede, revoke, and claim
//! a token exactly once.

use diesel::dsl::{And, IsNull};
use diesel::prelude::*;

use super::models::InviteRow;
use super::schema::{invites, memberships, users};
use super::DbConnection;

/// Not used, revoked or superseded: the invitation's link works until it expires.
type Pending =
    And<And<IsNull<invites::used_at>, IsNull<invites::revoked_at>>, IsNull<invites::superseded_at>>;

fn pending() -> Pending {
    invites::used_at
        .is_null()
        .and(invites::revoked_at.is_null())
        .and(invites::superseded_at.is_null())
}

pub fn insert(conn: &mut DbConnection, row: &InviteRow) -> QueryResult<()> {
    diesel::insert_into(invites::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

pub fn find_by_hash(conn: &mut DbConnection, hash: &str) -> QueryResult<Option<InviteRow>> {
    invites::table
        .filter(invites::token_hash.eq(hash))
        .select(InviteRow::as_select())
        .first(conn)
        .optional()
}

/// A pending (not used, revoked or superseded) invitation of one family.
pub fn find_pending(
    conn: &mut DbConnection,
    family_id: &str,
    id: &str,
) -> QueryResult<Option<InviteRow>> {
    invites::table
        .filter(invites::family_id.eq(family_id))
        .filter(invites::id.eq(id))
        .filter(pending())
        .select(InviteRow::as_select())
        .first(conn)
        .optional()
}

/// A family's pending invitations, oldest first (expired ones included, so they can be resent).
pub fn pending_for_family(conn: &mut DbConnection, family_id: &str) -> QueryResult<Vec<InviteRow>> {
    invites::table
        .filter(invites::family_id.eq(family_id))
        .filter(pending())
        .order((invites::created_at.asc(), invites::id.asc()))
        .select(InviteRow::as_select())
        .load(conn)
}

/// Marks the pending invitations of `email` into a family as superseded; their links die.
pub fn supersede_pending(
    conn: &mut DbConnection,
    family_id: &str,
    email: &str,
    now: i64,
) -> QueryResult<usize> {
    diesel::update(
        invites::table
            .filter(invites::family_id.eq(family_id))
            .filter(invites::email.eq(email))
            .filter(pending()),
    )
    .set(invites::superseded_at.eq(now))
    .execute(conn)
}

/// Withdraws a pending invitation. False when it was not pending.
pub fn revoke(conn: &mut DbConnection, id: &str, now: i64) -> QueryResult<bool> {
    let updated = diesel::update(invites::table.filter(invites::id.eq(id)).filter(pending()))
        .set(invites::revoked_at.eq(now))
        .execute(conn)?;
    Ok(updated == 1)
}

/// Revokes every pending invitation `inviter` sent for the family; returns how many.
pub fn revoke_sent_by(
    conn: &mut DbConnection,
    family_id: &str,
    inviter: &str,
    now: i64,
) -> QueryResult<usize> {
    diesel::update(
        invites::table
            .filter(invites::family_id.eq(family_id))
            .filter(invites::invited_by.eq(inviter))
            .filter(pending()),
    )
    .set(invites::revoked_at.eq(now))
    .execute(conn)
}

/// Uses a live invitation. Returns false when it was already used, revoked, superseded or
/// expired, so of racing accepts exactly one wins (the loser's UPDATE waits for the winner's
/// commit and then matches nothing).
pub fn claim(conn: &mut DbConnection, id: &str, now: i64) -> QueryResult<bool> {
    let updated = diesel::update(
        invites::table
            .filter(invites::id.eq(id))
            .filter(pending())
            .filter(invites::expires_at.gt(now)),
    )
    .set(invites::used_at.eq(now))
    .execute(conn)?;
    Ok(updated == 1)
}

/// Records who used a claimed invitation (after their account exists).
pub fn set_used_by(conn: &mut DbConnection, id: &str, user_id: &str) -> QueryResult<()> {
    diesel::update(invites::table.filter(invites::id.eq(id)))
        .set(invites::used_by.eq(user_id))
        .execute(conn)
        .map(drop)
}

/// How many invitations `user_id` issued since `since` (for rate limiting).
pub fn count_by_inviter_since(
    conn: &mut DbConnection,
    user_id: &str,
    since: i64,
) -> QueryResult<i64> {
    invites::table
        .filter(invites::invited_by.eq(user_id))
        .filter(invites::created_at.ge(since))
        .count()
        .get_result(conn)
}

/// True when an account with `email` is a member of the family.
pub fn is_member_email(conn: &mut DbConnection, family_id: &str, email: &str) -> QueryResult<bool> {
    let count: i64 = memberships::table
        .inner_join(users::table)
        .filter(memberships::family_id.eq(family_id))
        .filter(users::email.eq(email))
        .count()
        .get_result(conn)?;
    Ok(count > 0)
}
