//! The family's access log on the wire: who looked at or changed what, when, and on which
//! basis. Rows never carry plan content or tokens.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::section::SectionKind;

/// What happened.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LogAction {
    Login,
    Read,
    /// A denied attempt to change a section.
    Write,
    Comment,
    Export,
    Grant,
    ApproveGrant,
    RevokeGrant,
    RequestAccess,
    ApproveRequest,
    DeclineRequest,
    LinkProfessional,
    Invite,
    ResendInvite,
    RevokeInvite,
    AcceptInvite,
    PasswordReset,
    /// "Every parent must agree" was switched on (at once).
    PolicyOn,
    /// A parent asked to switch "every parent must agree" off; it waits for the others.
    PolicyOffAsked,
    /// A parent approved switching it off.
    PolicyOffApproved,
    /// A parent declined switching it off: the rule stays on.
    PolicyOffDeclined,
    /// "Every parent must agree" is off now (every parent approved, or the only parent chose).
    PolicyOff,
    /// A parent removed a member.
    RemoveMember,
    /// A member left the family.
    LeaveFamily,
    /// A member took an agreement ("Ik doe dit").
    TakeAgreement,
    /// The taker marked an agreement done.
    FinishAgreement,
    /// The taker handed an agreement back.
    ReleaseAgreement,
    /// A parent gave an agreement to a member.
    AssignAgreement,
    /// A parent asked to delete the family; with "every parent must agree" on it waits for
    /// the other parents (a deletion that happens leaves no log behind).
    DeletionAsked,
    /// A parent approved the family's waiting deletion.
    DeletionApproved,
    /// A parent cancelled the family's waiting deletion.
    DeletionCancelled,
    /// A parent unlinked a professional, which ended their grants.
    UnlinkProfessional,
}

impl LogAction {
    pub const ALL: [LogAction; 32] = [
        LogAction::Login,
        LogAction::Read,
        LogAction::Write,
        LogAction::Comment,
        LogAction::Export,
        LogAction::Grant,
        LogAction::ApproveGrant,
        LogAction::RevokeGrant,
        LogAction::RequestAccess,
        LogAction::ApproveRequest,
        LogAction::DeclineRequest,
        LogAction::LinkProfessional,
        LogAction::Invite,
        LogAction::ResendInvite,
        LogAction::RevokeInvite,
        LogAction::AcceptInvite,
        LogAction::PasswordReset,
        LogAction::PolicyOn,
        LogAction::PolicyOffAsked,
        LogAction::PolicyOffApproved,
        LogAction::PolicyOffDeclined,
        LogAction::PolicyOff,
        LogAction::RemoveMember,
        LogAction::LeaveFamily,
        LogAction::TakeAgreement,
        LogAction::FinishAgreement,
        LogAction::ReleaseAgreement,
        LogAction::AssignAgreement,
        LogAction::DeletionAsked,
        LogAction::DeletionApproved,
        LogAction::DeletionCancelled,
        LogAction::UnlinkProfessional,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            LogAction::Login => "login",
            LogAction::Read => "read",
            LogAction::Write => "write",
            LogAction::Comment => "comment",
            LogAction::Export => "export",
            LogAction::Grant => "grant",
            LogAction::ApproveGrant => "approve_grant",
            LogAction::RevokeGrant => "revoke_grant",
            LogAction::RequestAccess => "request_access",
            LogAction::ApproveRequest => "approve_request",
            LogAction::DeclineRequest => "decline_request",
            LogAction::LinkProfessional => "link_professional",
            LogAction::Invite => "invite",
            LogAction::ResendInvite => "resend_invite",
            LogAction::RevokeInvite => "revoke_invite",
            LogAction::AcceptInvite => "accept_invite",
            LogAction::PasswordReset => "password_reset",
            LogAction::PolicyOn => "policy_on",
            LogAction::PolicyOffAsked => "policy_off_asked",
            LogAction::PolicyOffApproved => "policy_off_approved",
            LogAction::PolicyOffDeclined => "policy_off_declined",
            LogAction::PolicyOff => "policy_off",
            LogAction::RemoveMember => "remove_member",
            LogAction::LeaveFamily => "leave_family",
            LogAction::TakeAgreement => "take_agreement",
            LogAction::FinishAgreement => "finish_agreement",
            LogAction::ReleaseAgreement => "release_agreement",
            LogAction::AssignAgreement => "assign_agreement",
            LogAction::DeletionAsked => "deletion_asked",
            LogAction::DeletionApproved => "deletion_approved",
            LogAction::DeletionCancelled => "deletion_cancelled",
            LogAction::UnlinkProfessional => "unlink_professional",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|a| a.as_str() == s)
    }
}

/// Whether the action was allowed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum LogOutcome {
    Allowed,
    Denied,
}

impl LogOutcome {
    pub fn as_str(self) -> &'static str {
        match self {
            LogOutcome::Allowed => "allowed",
            LogOutcome::Denied => "denied",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "allowed" => Some(LogOutcome::Allowed),
            "denied" => Some(LogOutcome::Denied),
            _ => None,
        }
    }
}

/// In which capacity someone acted.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum ActorRole {
    Parent,
    Relative,
    Professional,
    OrgAdmin,
    /// Someone not (yet) known: an invitee opening a link, a failed login.
    Anonymous,
    /// The server itself (expiry, the email worker).
    System,
    /// Someone acting for themselves outside any family (a login).
    Account,
}

impl ActorRole {
    pub fn as_str(self) -> &'static str {
        match self {
            ActorRole::Parent => "parent",
            ActorRole::Relative => "relative",
            ActorRole::Professional => "professional",
            ActorRole::OrgAdmin => "org_admin",
            ActorRole::Anonymous => "anonymous",
            ActorRole::System => "system",
            ActorRole::Account => "account",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        [
            ActorRole::Parent,
            ActorRole::Relative,
            ActorRole::Professional,
            ActorRole::OrgAdmin,
            ActorRole::Anonymous,
            ActorRole::System,
            ActorRole::Account,
        ]
        .into_iter()
        .find(|r| r.as_str() == s)
    }
}

/// Why an action was allowed. On the wire a code (`{"code":"grant","grant_id":"…"}`); stored
/// in the log's text column in its [`LogBasis::text`] form (`role:parent`, `grant:<id>`), the
/// form rows have had from the start.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)
)]
#[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
#[serde(tag = "code", rename_all = "snake_case")]
pub enum LogBasis {
    /// A parent of the family.
    Parent,
    /// A relative of the family.
    Relative,
    /// A professional's grant.
    Grant { grant_id: Uuid },
    /// A professional linked to the family (asking for access, listing their own records).
    Link,
    /// An invitation link.
    Invite,
    /// Someone asked for a password reset.
    ResetRequested,
    /// A password reset link.
    ResetLink,
    /// The server, once every parent approved.
    EveryParentApproved,
}

impl LogBasis {
    /// The stored form.
    pub fn text(self) -> String {
        match self {
            LogBasis::Grant { grant_id } => format!("grant:{grant_id}"),
            other => other.fixed_text().to_string(),
        }
    }

    fn fixed_text(self) -> &'static str {
        match self {
            LogBasis::Parent => "role:parent",
            LogBasis::Relative => "role:relative",
            LogBasis::Grant { .. } => "grant",
            LogBasis::Link => "link",
            LogBasis::Invite => "invite",
            LogBasis::ResetRequested => "requested",
            LogBasis::ResetLink => "reset_link",
            LogBasis::EveryParentApproved => "every_parent_approved",
        }
    }

    /// Reads the stored form back; `None` for anything else.
    pub fn parse_text(text: &str) -> Option<Self> {
        if let Some(id) = text.strip_prefix("grant:") {
            return id.parse().ok().map(|grant_id| LogBasis::Grant { grant_id });
        }
        [
            LogBasis::Parent,
            LogBasis::Relative,
            LogBasis::Link,
            LogBasis::Invite,
            LogBasis::ResetRequested,
            LogBasis::ResetLink,
            LogBasis::EveryParentApproved,
        ]
        .into_iter()
        .find(|basis| basis.fixed_text() == text)
    }
}

/// Why an action was refused: one code, the same on the wire and in storage.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[cfg_attr(
    feature = "diesel",
    derive(diesel::expression::AsExpression, diesel::deserialize::FromSqlRow)
)]
#[cfg_attr(feature = "diesel", diesel(sql_type = diesel::sql_types::Text))]
#[serde(rename_all = "snake_case")]
pub enum DenialReason {
    /// The professional's account or organisation is deactivated.
    Deactivated,
    /// The professional is not linked to the family.
    NotLinked,
    /// No grant names the section.
    NoGrant,
    GrantPending,
    GrantNotYetValid,
    GrantExpired,
    GrantRevoked,
    /// A grant allows reading, not commenting.
    GrantWithoutComment,
    /// A grant allows reading, not taking a copy out (a PDF).
    GrantWithoutExport,
    /// A relative asked for a section that is not shared with the network.
    NotVisibleToRelatives,
    /// Only parents change the plan.
    OnlyParentsWrite,
    /// Only parents do this (grants, invitations, the log, the family's rules).
    OnlyParents,
    /// This is for members of the family.
    NotAMember,
    /// Something of another parent (their private grant or section).
    NotOwner,
    /// Comments of the family are for the family.
    FamilyCommentsArePrivate,
    /// A parent cannot remove another parent.
    ParentCannotRemoveParent,
    /// The last parent cannot leave.
    LastParent,
    /// Everyone stands behind a version once.
    AlreadyEndorsed,
    /// Only who took an agreement marks it done or hands it back.
    NotTheTaker,
    /// Someone else took the agreement already.
    AlreadyTaken,
    WrongPassword,
}

impl DenialReason {
    pub const ALL: [DenialReason; 21] = [
        DenialReason::Deactivated,
        DenialReason::NotLinked,
        DenialReason::NoGrant,
        DenialReason::GrantPending,
        DenialReason::GrantNotYetValid,
        DenialReason::GrantExpired,
        DenialReason::GrantRevoked,
        DenialReason::GrantWithoutComment,
        DenialReason::GrantWithoutExport,
        DenialReason::NotVisibleToRelatives,
        DenialReason::OnlyParentsWrite,
        DenialReason::OnlyParents,
        DenialReason::NotAMember,
        DenialReason::NotOwner,
        DenialReason::FamilyCommentsArePrivate,
        DenialReason::ParentCannotRemoveParent,
        DenialReason::LastParent,
        DenialReason::AlreadyEndorsed,
        DenialReason::NotTheTaker,
        DenialReason::AlreadyTaken,
        DenialReason::WrongPassword,
    ];

    /// The code, on the wire and in storage.
    pub fn as_str(self) -> &'static str {
        match self {
            DenialReason::Deactivated => "deactivated",
            DenialReason::NotLinked => "not_linked",
            DenialReason::NoGrant => "no_grant",
            DenialReason::GrantPending => "grant_pending",
            DenialReason::GrantNotYetValid => "grant_not_yet_valid",
            DenialReason::GrantExpired => "grant_expired",
            DenialReason::GrantRevoked => "grant_revoked",
            DenialReason::GrantWithoutComment => "grant_without_comment",
            DenialReason::GrantWithoutExport => "grant_without_export",
            DenialReason::NotVisibleToRelatives => "not_visible_to_relatives",
            DenialReason::OnlyParentsWrite => "only_parents_write",
            DenialReason::OnlyParents => "only_parents",
            DenialReason::NotAMember => "not_a_member",
            DenialReason::NotOwner => "not_owner",
            DenialReason::FamilyCommentsArePrivate => "family_comments_are_private",
            DenialReason::ParentCannotRemoveParent => "parent_cannot_remove_parent",
            DenialReason::LastParent => "last_parent",
            DenialReason::AlreadyEndorsed => "already_endorsed",
            DenialReason::NotTheTaker => "not_the_taker",
            DenialReason::AlreadyTaken => "already_taken",
            DenialReason::WrongPassword => "wrong_password",
        }
    }

    pub fn parse(text: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|reason| reason.as_str() == text)
    }
}

/// One row of a family's access log.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessLogEntry {
    pub id: Uuid,
    pub occurred_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_id: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor_name: Option<String>,
    pub actor_role: ActorRole,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<SectionKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section_version: Option<i64>,
    pub action: LogAction,
    pub outcome: LogOutcome,
    /// Why it was allowed.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub basis: Option<LogBasis>,
    /// Why it was refused.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub denial_reason: Option<DenialReason>,
    /// How often it happened: refused attempts by the same person at the same section, for
    /// the same reason, within one clock hour are one row with a count.
    #[serde(default = "one")]
    pub count: u32,
}

fn one() -> u32 {
    1
}

/// One page of a family's access log, newest first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessLogPage {
    pub entries: Vec<AccessLogEntry>,
    /// Pass as `before` for the next (older) page; absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_action_round_trips_through_its_name() {
        for action in LogAction::ALL {
            assert_eq!(LogAction::parse(action.as_str()), Some(action));
            assert_eq!(
                serde_json::to_string(&action).unwrap(),
                format!("\"{}\"", action.as_str())
            );
        }
    }

    #[test]
    fn every_denial_reason_is_its_code_on_the_wire_and_in_storage() {
        for reason in DenialReason::ALL {
            assert_eq!(DenialReason::parse(reason.as_str()), Some(reason));
            assert_eq!(
                serde_json::to_string(&reason).unwrap(),
                format!("\"{}\"", reason.as_str())
            );
        }
    }

    #[test]
    fn a_basis_reads_back_from_the_text_rows_have_always_had() {
        let grant_id = Uuid::from_u128(0x0f0e_0d0c_0b0a_0908_0706_0504_0302_0100);
        for (text, basis) in [
            ("role:parent", LogBasis::Parent),
            ("role:relative", LogBasis::Relative),
            (&*format!("grant:{grant_id}"), LogBasis::Grant { grant_id }),
            ("link", LogBasis::Link),
            ("invite", LogBasis::Invite),
            ("requested", LogBasis::ResetRequested),
            ("reset_link", LogBasis::ResetLink),
            ("every_parent_approved", LogBasis::EveryParentApproved),
        ] {
            assert_eq!(LogBasis::parse_text(text), Some(basis), "{text}");
            assert_eq!(basis.text(), text);
        }
        for bad in ["", "grant", "grant:", "grant:nope", "role:boss"] {
            assert_eq!(LogBasis::parse_text(bad), None, "{bad}");
        }
        assert_eq!(
            serde_json::to_value(LogBasis::Grant { grant_id }).unwrap(),
            serde_json::json!({"code": "grant", "grant_id": grant_id})
        );
    }

    #[test]
    fn log_filters_become_a_query_string_and_none_become_nothing() {
        assert_eq!(AccessLogQuery::default().to_query_string(), "");
        let actor = Uuid::nil();
        let from = "2026-11-23T10:00:00.5+01:00"
            .parse::<DateTime<Utc>>()
            .unwrap();
        let query = AccessLogQuery {
            actor: Some(actor),
            section: Some(SectionKind::LifeDomains),
            from: Some(from),
            until: None,
            before: None,
            limit: None,
        };
        assert_eq!(
            query.to_query_string(),
            format!("?actor={actor}&section=life_domains&from=2026-11-23T09:00:00.500Z")
        );
        let far = AccessLogQuery {
            until: Some("+10000-01-01T00:00:00Z".parse().unwrap()),
            ..Default::default()
        };
        assert_eq!(far.to_query_string(), "?until=%2B10000-01-01T00:00:00Z");
        let page = AccessLogQuery {
            before: Some("1800000000000.0f0e&x=1".into()),
            limit: Some(50),
            ..Default::default()
        };
        assert_eq!(
            page.to_query_string(),
            "?before=1800000000000.0f0e%26x%3D1&limit=50"
        );
    }
}

/// Filters for reading a family's log (query string). Times are RFC 3339.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema, utoipa::IntoParams))]
#[serde(deny_unknown_fields)]
pub struct AccessLogQuery {
    /// Only rows about this person's actions.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub actor: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub section: Option<SectionKind>,
    /// From this moment (inclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub from: Option<DateTime<Utc>>,
    /// Until this moment (exclusive).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub until: Option<DateTime<Utc>>,
    /// Only rows older than this cursor (a page's `next_cursor`; opaque).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<String>,
    /// Rows per page: 1 to 500, 100 when absent.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub limit: Option<u32>,
}

/// A cursor as a query value: the server's cursors use only letters, digits, `.` and `-`;
/// anything else is percent-encoded so a hostile value cannot add parameters.
fn encode_cursor(cursor: &str) -> String {
    cursor
        .bytes()
        .map(|b| {
            if b.is_ascii_alphanumeric() || b == b'.' || b == b'-' {
                (b as char).to_string()
            } else {
                format!("%{b:02X}")
            }
        })
        .collect()
}

impl AccessLogQuery {
    /// The query string (`?actor=…&from=…`), or `""` without filters. Ids, kinds and RFC 3339
    /// times ending in `Z` go as they are, except the `+` of a year past 9999, which a query
    /// would read as a space.
    pub fn to_query_string(&self) -> String {
        let time = |at: &DateTime<Utc>| {
            at.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true)
                .replace('+', "%2B")
        };
        let pairs = [
            ("actor", self.actor.map(|id| id.to_string())),
            (
                "section",
                self.section.map(|kind| kind.as_str().to_string()),
            ),
            ("from", self.from.as_ref().map(time)),
            ("until", self.until.as_ref().map(time)),
            ("before", self.before.as_ref().map(|c| encode_cursor(c))),
            ("limit", self.limit.map(|n| n.to_string())),
        ];
        let mut query = String::new();
        for (name, value) in pairs {
            if let Some(value) = value {
                query.push(if query.is_empty() { '?' } else { '&' });
                query.push_str(name);
                query.push('=');
                query.push_str(&value);
            }
        }
        query
    }
}
