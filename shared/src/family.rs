//! Families and their members on the wire.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::section::Author;
use crate::validate::{self, Checked};

/// A person's role in one family.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Role {
    /// A parent or carer (ouder/verzorger): may do everything in the family.
    Parent,
    /// Family, friends, neighbours (naaste): reads `network` sections.
    Relative,
}

impl Role {
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Parent => "parent",
            Role::Relative => "relative",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "parent" => Some(Role::Parent),
            "relative" => Some(Role::Relative),
            _ => None,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateFamilyRequest {
    /// How the family calls itself, e.g. "Familie Jansen".
    pub name: String,
}

impl CreateFamilyRequest {
    pub fn validate(&self) -> Checked {
        validate::name("name", &self.name)
    }
}

/// Rules the family chose for itself.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FamilyPolicy {
    /// When on, a consent grant becomes active only once every parent approved it.
    pub both_parents_must_agree: bool,
}

/// A change of the family's rules that waits for the other parents: switching "every parent
/// must agree" off takes effect only once every parent approved it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PendingPolicyChange {
    /// The value asked for (always `false`: switching on needs nobody's approval).
    pub both_parents_must_agree: bool,
    pub requested_by: Author,
    pub requested_at: DateTime<Utc>,
    /// The parents who approved so far, the asker first.
    pub approved_by: Vec<Author>,
}

/// A family in a list of the caller's families.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FamilySummary {
    pub id: Uuid,
    pub name: String,
    pub my_role: Role,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Member {
    pub user_id: Uuid,
    pub name: String,
    pub role: Role,
    pub joined_at: DateTime<Utc>,
    /// Whether the caller may remove this member (never set on the caller themselves: see
    /// [`FamilyDetail::may_leave`]).
    #[serde(default)]
    pub may_remove: bool,
}

/// One family as its member sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FamilyDetail {
    pub id: Uuid,
    pub name: String,
    pub my_role: Role,
    pub members: Vec<Member>,
    pub policy: FamilyPolicy,
    /// A change of the rules that waits for approval; shown to parents only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_policy_change: Option<PendingPolicyChange>,
    pub created_at: DateTime<Utc>,
    /// Whether the caller may leave the family (the last parent may not).
    #[serde(default)]
    pub may_leave: bool,
    /// The family's deletion that waits for every parent; shown to parents only.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending_deletion: Option<crate::erasure::PendingDeletion>,
}
