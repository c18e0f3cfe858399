//! Erasure on the wire: a parent deletes the family after typing its name (with "every parent
//! must agree" on, the deletion waits for the other parents), and a person deletes their
//! account after typing their password.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::section::Author;

/// How long the other parents have to approve a family's deletion before it lapses.
pub const DELETION_APPROVAL_DAYS: i64 = 7;

/// `DELETE /families/{family}`: the family's name, typed by the parent to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeleteFamilyRequest {
    pub confirm_name: String,
}

impl DeleteFamilyRequest {
    /// Whether the typed name is the family's: spaces around it and letter case do not count.
    pub fn names(&self, family_name: &str) -> bool {
        self.confirm_name.trim().to_lowercase() == family_name.trim().to_lowercase()
    }
}

/// A family's deletion that waits for every parent's approval.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PendingDeletion {
    pub requested_by: Author,
    pub requested_at: DateTime<Utc>,
    /// When it lapses if not every parent approved it by then.
    pub expires_at: DateTime<Utc>,
    /// The parents who approved so far, the asker first.
    pub approved_by: Vec<Author>,
    /// The parents whose approval is still missing.
    pub waiting_for: Vec<Author>,
}

/// `DELETE /me`: the account's password, typed again to confirm.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeleteAccountRequest {
    pub password: String,
}

/// A family named in an error (`last_parent`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FamilyRef {
    pub id: Uuid,
    pub name: String,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_typed_name_counts_without_surrounding_spaces_or_case() {
        let typed = |name: &str| DeleteFamilyRequest {
            confirm_name: name.to_string(),
        };
        assert!(typed(" familie jansen ").names("Familie Jansen"));
        assert!(!typed("Familie Janssen").names("Familie Jansen"));
        assert!(!typed("").names("Familie Jansen"));
    }
}
