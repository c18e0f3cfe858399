//! Rows as diesel reads and writes them. Conversion to wire types happens in the services.

use diesel::prelude::*;
use onsplan_shared::access_log::{DenialReason, LogBasis};

use super::schema::{
    access_log, access_requests, account_activations, email_outbox, families, family_deletions,
    family_professionals, grants, invites, memberships, organisations, password_resets,
    pending_registrations, policy_changes, rate_counters, refresh_tokens, section_comments,
    section_revisions, sections, users,
};

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = users)]
pub struct UserRow {
    pub id: String,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub locale: String,
    pub created_at: i64,
    pub disabled_at: Option<i64>,
    /// `person`, `professional` or `org_admin`.
    pub kind: String,
    pub org_id: Option<String>,
    pub created_by: Option<String>,
    /// Carried by every access token; raising it ends the access tokens issued before.
    pub session_epoch: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = refresh_tokens)]
pub struct RefreshTokenRow {
    pub id: String,
    pub user_id: String,
    pub chain_id: String,
    pub token_hash: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub revoked_at: Option<i64>,
    /// SHA-256 of the IP address and user agent of the request that used the token.
    pub used_by_client: Option<String>,
}

#[derive(Debug, Clone, Insertable)]
#[diesel(table_name = rate_counters)]
pub struct RateCounterRow {
    pub scope: String,
    pub subject: String,
    pub window_start: i64,
    pub expires_at: i64,
    pub hits: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = families)]
pub struct FamilyRow {
    pub id: String,
    pub name: String,
    pub both_parents_must_agree: bool,
    pub created_by: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = memberships)]
pub struct MembershipRow {
    pub family_id: String,
    pub user_id: String,
    pub role: String,
    pub joined_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = sections)]
pub struct SectionRow {
    pub id: String,
    pub family_id: String,
    pub kind: String,
    pub scope: String,
    pub owner_id: Option<String>,
    pub visibility: String,
    pub version: i64,
    pub content: String,
    pub updated_at: Option<i64>,
    pub updated_by: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = section_revisions)]
pub struct RevisionRow {
    pub id: String,
    pub section_id: String,
    pub version: i64,
    pub visibility: String,
    pub content: String,
    pub saved_by: String,
    pub saved_at: i64,
}

#[derive(Debug, Clone, Default, Queryable, Selectable, Insertable)]
#[diesel(table_name = access_log)]
pub struct AccessLogRow {
    pub id: String,
    pub occurred_at: i64,
    pub request_id: Option<String>,
    pub actor_id: Option<String>,
    pub actor_name: Option<String>,
    pub actor_role: String,
    pub actor_org_id: Option<String>,
    pub actor_org_name: Option<String>,
    pub acting_for: Option<String>,
    pub family_id: Option<String>,
    pub section_kind: Option<String>,
    pub section_owner_id: Option<String>,
    pub section_version: Option<i64>,
    pub action: String,
    pub outcome: String,
    pub basis: Option<LogBasis>,
    pub denial_reason: Option<DenialReason>,
    pub target_id: Option<String>,
    /// How many refused attempts this row stands for (1 for every other row).
    pub attempts: i64,
    /// Set on a refused attempt: the same person, family, section, action, reason and clock
    /// hour find this row again and count on it.
    pub group_key: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = organisations)]
pub struct OrganisationRow {
    pub id: String,
    pub name: String,
    pub created_at: i64,
    pub deactivated_at: Option<i64>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = account_activations)]
pub struct ActivationRow {
    pub id: String,
    pub user_id: String,
    pub token_hash: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = family_professionals)]
pub struct LinkRow {
    pub family_id: String,
    pub professional_id: String,
    pub linked_by: String,
    pub linked_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = grants)]
pub struct GrantRow {
    pub id: String,
    pub family_id: String,
    pub professional_id: String,
    pub granted_by: String,
    pub sections: String,
    pub can_comment: bool,
    pub valid_from: i64,
    pub valid_until: i64,
    pub created_at: i64,
    pub activated_at: Option<i64>,
    pub revoked_at: Option<i64>,
    pub revoked_by: Option<String>,
    pub request_id: Option<String>,
    pub can_export: bool,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = access_requests)]
pub struct AccessRequestRow {
    pub id: String,
    pub family_id: String,
    pub professional_id: String,
    pub sections: String,
    pub reason: String,
    pub valid_from: i64,
    pub valid_until: i64,
    pub created_at: i64,
    pub status: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
    pub decline_reason: Option<String>,
    pub grant_id: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = section_comments)]
pub struct CommentRow {
    pub id: String,
    pub family_id: String,
    pub section_kind: String,
    pub author_id: String,
    pub body: String,
    pub created_at: i64,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = invites)]
pub struct InviteRow {
    pub id: String,
    pub family_id: String,
    pub email: String,
    pub role: String,
    pub message: String,
    pub locale: String,
    pub invited_by: String,
    pub token_hash: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub used_by: Option<String>,
    pub revoked_at: Option<i64>,
    pub superseded_at: Option<i64>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = password_resets)]
pub struct PasswordResetRow {
    pub id: String,
    pub user_id: String,
    pub token_hash: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub superseded_at: Option<i64>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = email_outbox)]
pub struct OutboxRow {
    pub id: String,
    pub kind: String,
    pub sealed: String,
    pub status: String,
    pub attempts: i64,
    pub next_attempt_at: i64,
    pub claimed_by: Option<String>,
    pub claimed_until: Option<i64>,
    pub last_error: Option<String>,
    pub created_at: i64,
    pub sent_at: Option<i64>,
    /// The family the email is about, when it names one: deleted with the family.
    pub family_id: Option<String>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = policy_changes)]
pub struct PolicyChangeRow {
    pub id: String,
    pub family_id: String,
    pub both_parents_must_agree: bool,
    pub requested_by: String,
    pub requested_at: i64,
    /// `pending`, `applied` or `declined`.
    pub status: String,
    pub decided_by: Option<String>,
    pub decided_at: Option<i64>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = pending_registrations)]
pub struct PendingRegistrationRow {
    pub id: String,
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub locale: String,
    pub token_hash: String,
    pub created_at: i64,
    pub expires_at: i64,
    pub used_at: Option<i64>,
    pub superseded_at: Option<i64>,
}

#[derive(Debug, Clone, Queryable, Selectable, Insertable)]
#[diesel(table_name = family_deletions)]
pub struct FamilyDeletionRow {
    pub id: String,
    pub family_id: String,
    pub requested_by: String,
    pub requested_at: i64,
    pub expires_at: i64,
    /// `pending`, `cancelled` or `lapsed` (a deletion that happens takes the row with it).
    pub status: String,
    pub closed_by: Option<String>,
    pub closed_at: Option<i64>,
}
