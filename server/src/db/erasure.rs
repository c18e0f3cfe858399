//! SQL for erasure: a family's waiting deletion and its approvals, removing every row of a
//! family, and emptying a deleted account down to the bare id other rows still point to.

use diesel::prelude::*;

use super::models::FamilyDeletionRow;
use super::schema::{
    access_log, access_request_notices, access_requests, account_activations, calendar_feeds,
    email_outbox, families, family_deletion_approvals as fda, family_deletions as fd,
    family_professionals, grant_approvals, grants, invites, memberships, notification_settings,
    password_resets, pending_registrations, plan_version_endorsements, plan_version_sections,
    plan_versions, policy_change_approvals, policy_changes, refresh_tokens, reminder_scans,
    reminders_sent, section_comments, section_revisions, sections, unsubscribe_tokens, users,
};
use super::DbConnection;

pub const PENDING: &str = "pending";
pub const CANCELLED: &str = "cancelled";
pub const LAPSED: &str = "lapsed";

pub fn insert_deletion(conn: &mut DbConnection, row: &FamilyDeletionRow) -> QueryResult<()> {
    diesel::insert_into(fd::table)
        .values(row)
        .execute(conn)
        .map(drop)
}

/// The deletion that waits in a family, if any (also one whose time ran out: see
/// [`lapse_expired`]).
pub fn pending(conn: &mut DbConnection, family_id: &str) -> QueryResult<Option<FamilyDeletionRow>> {
    fd::table
        .filter(fd::family_id.eq(family_id))
        .filter(fd::status.eq(PENDING))
        .select(FamilyDeletionRow::as_select())
        .first(conn)
        .optional()
}

/// Marks the family's waiting deletion lapsed when its time ran out before `now`.
pub fn lapse_expired(conn: &mut DbConnection, family_id: &str, now: i64) -> QueryResult<usize> {
    diesel::update(
        fd::table
            .filter(fd::family_id.eq(family_id))
            .filter(fd::status.eq(PENDING))
            .filter(fd::expires_at.le(now)),
    )
    .set((fd::status.eq(LAPSED), fd::closed_at.eq(now)))
    .execute(conn)
}

pub fn approve(
    conn: &mut DbConnection,
    deletion_id: &str,
    parent_id: &str,
    now: i64,
) -> QueryResult<()> {
    diesel::insert_into(fda::table)
        .values((
            fda::deletion_id.eq(deletion_id),
            fda::parent_id.eq(parent_id),
            fda::approved_at.eq(now),
        ))
        .execute(conn)
        .map(drop)
}

/// The parents who approved a deletion, first approval first.
pub fn approvals(conn: &mut DbConnection, deletion_id: &str) -> QueryResult<Vec<String>> {
    fda::table
        .filter(fda::deletion_id.eq(deletion_id))
        .order((fda::approved_at.asc(), fda::parent_id.asc()))
        .select(fda::parent_id)
        .load(conn)
}

/// Ends a waiting deletion as `status`. Returns false when it no longer waited.
pub fn close(
    conn: &mut DbConnection,
    deletion_id: &str,
    status: &str,
    by: Option<&str>,
    now: i64,
) -> QueryResult<bool> {
    let changed = diesel::update(
        fd::table
            .filter(fd::id.eq(deletion_id))
            .filter(fd::status.eq(PENDING)),
    )
    .set((
        fd::status.eq(status),
        fd::closed_by.eq(by),
        fd::closed_at.eq(now),
    ))
    .execute(conn)?;
    Ok(changed == 1)
}

/// The linked professionals of a family.
pub fn professional_ids(conn: &mut DbConnection, family_id: &str) -> QueryResult<Vec<String>> {
    family_professionals::table
        .filter(family_professionals::family_id.eq(family_id))
        .select(family_professionals::professional_id)
        .load(conn)
}

/// Deletes every row of a family, children before parents, so no foreign key or cascade is
/// relied on: its plan (sections, revisions, comments, versions), its people (memberships,
/// invitations, linked professionals), consent (grants, approvals, requests and their
/// notices), its rule changes and deletion requests, its access log, its reminders' records
/// and the email about it.
pub fn delete_family(conn: &mut DbConnection, family_id: &str) -> QueryResult<()> {
    let requests = access_requests::table
        .filter(access_requests::family_id.eq(family_id))
        .select(access_requests::id);
    diesel::delete(
        access_request_notices::table.filter(access_request_notices::request_id.eq_any(requests)),
    )
    .execute(conn)?;
    diesel::delete(access_requests::table.filter(access_requests::family_id.eq(family_id)))
        .execute(conn)?;
    let family_grants = grants::table
        .filter(grants::family_id.eq(family_id))
        .select(grants::id);
    diesel::delete(grant_approvals::table.filter(grant_approvals::grant_id.eq_any(family_grants)))
        .execute(conn)?;
    diesel::delete(grants::table.filter(grants::family_id.eq(family_id))).execute(conn)?;
    diesel::delete(
        family_professionals::table.filter(family_professionals::family_id.eq(family_id)),
    )
    .execute(conn)?;
    diesel::delete(section_comments::table.filter(section_comments::family_id.eq(family_id)))
        .execute(conn)?;
    let family_sections = sections::table
        .filter(sections::family_id.eq(family_id))
        .select(sections::id);
    diesel::delete(
        section_revisions::table.filter(section_revisions::section_id.eq_any(family_sections)),
    )
    .execute(conn)?;
    diesel::delete(sections::table.filter(sections::family_id.eq(family_id))).execute(conn)?;
    let versions: Vec<String> = plan_versions::table
        .filter(plan_versions::family_id.eq(family_id))
        .select(plan_versions::id)
        .load(conn)?;
    diesel::delete(
        plan_version_endorsements::table
            .filter(plan_version_endorsements::version_id.eq_any(&versions)),
    )
    .execute(conn)?;
    diesel::delete(
        plan_version_sections::table.filter(plan_version_sections::version_id.eq_any(&versions)),
    )
    .execute(conn)?;
    diesel::delete(plan_versions::table.filter(plan_versions::family_id.eq(family_id)))
        .execute(conn)?;
    let changes = policy_changes::table
        .filter(policy_changes::family_id.eq(family_id))
        .select(policy_changes::id);
    diesel::delete(
        policy_change_approvals::table.filter(policy_change_approvals::change_id.eq_any(changes)),
    )
    .execute(conn)?;
    diesel::delete(policy_changes::table.filter(policy_changes::family_id.eq(family_id)))
        .execute(conn)?;
    let deletions: Vec<String> = fd::table
        .filter(fd::family_id.eq(family_id))
        .select(fd::id)
        .load(conn)?;
    diesel::delete(fda::table.filter(fda::deletion_id.eq_any(&deletions))).execute(conn)?;
    diesel::delete(fd::table.filter(fd::family_id.eq(family_id))).execute(conn)?;
    diesel::delete(invites::table.filter(invites::family_id.eq(family_id))).execute(conn)?;
    diesel::delete(memberships::table.filter(memberships::family_id.eq(family_id)))
        .execute(conn)?;
    diesel::delete(access_log::table.filter(access_log::family_id.eq(family_id))).execute(conn)?;
    diesel::delete(reminders_sent::table.filter(reminders_sent::family_id.eq(family_id)))
        .execute(conn)?;
    diesel::delete(reminder_scans::table.filter(reminder_scans::family_id.eq(family_id)))
        .execute(conn)?;
    diesel::delete(email_outbox::table.filter(email_outbox::family_id.eq(family_id)))
        .execute(conn)?;
    diesel::delete(families::table.filter(families::id.eq(family_id))).execute(conn)?;
    Ok(())
}

/// Empties a deleted account: the row stays only as the id that the family's revisions and
/// comments point to, with no name, no reachable address, no password and no session; its
/// tokens, private sections, endorsements, reminder settings and calendar address go.
pub fn empty_account(conn: &mut DbConnection, user_id: &str, now: i64) -> QueryResult<()> {
    let Some(email) = users::table
        .filter(users::id.eq(user_id))
        .select(users::email)
        .first::<String>(conn)
        .optional()?
    else {
        return Ok(());
    };
    diesel::delete(pending_registrations::table.filter(pending_registrations::email.eq(&email)))
        .execute(conn)?;
    diesel::delete(refresh_tokens::table.filter(refresh_tokens::user_id.eq(user_id)))
        .execute(conn)?;
    diesel::delete(password_resets::table.filter(password_resets::user_id.eq(user_id)))
        .execute(conn)?;
    diesel::delete(account_activations::table.filter(account_activations::user_id.eq(user_id)))
        .execute(conn)?;
    // Their reminders, settings and calendar address: the emptied row keeps the id only.
    diesel::delete(calendar_feeds::table.filter(calendar_feeds::user_id.eq(user_id)))
        .execute(conn)?;
    diesel::delete(notification_settings::table.filter(notification_settings::user_id.eq(user_id)))
        .execute(conn)?;
    diesel::delete(unsubscribe_tokens::table.filter(unsubscribe_tokens::user_id.eq(user_id)))
        .execute(conn)?;
    diesel::delete(reminders_sent::table.filter(reminders_sent::user_id.eq(user_id)))
        .execute(conn)?;
    diesel::delete(
        plan_version_endorsements::table.filter(plan_version_endorsements::user_id.eq(user_id)),
    )
    .execute(conn)?;
    let private = sections::table
        .filter(sections::owner_id.eq(user_id))
        .select(sections::id);
    diesel::delete(section_revisions::table.filter(section_revisions::section_id.eq_any(private)))
        .execute(conn)?;
    diesel::delete(sections::table.filter(sections::owner_id.eq(user_id))).execute(conn)?;
    diesel::update(users::table.filter(users::id.eq(user_id)))
        .set((
            users::email.eq(format!("{user_id}@deleted.invalid")),
            users::name.eq(""),
            users::password_hash.eq("deleted"),
            users::disabled_at.eq(now),
            users::session_epoch.eq(users::session_epoch + 1),
        ))
        .execute(conn)
        .map(drop)
}
