//! Professionals, consent grants, access requests and the organisation admin's tools on the
//! wire. The family decides: a professional sees a section only through an active grant.

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::section::{Author, SectionKind};
use crate::validate::{self, Checked, FieldError};

/// Default length of a grant, in months.
pub const DEFAULT_GRANT_MONTHS: u32 = 3;
/// Longest grant, in months.
pub const MAX_GRANT_MONTHS: u32 = 12;

/// One section a grant covers: a section of the shared plan, or (`private`) the granting
/// parent's own private section of that kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct GrantedSection {
    pub kind: SectionKind,
    #[serde(default)]
    pub private: bool,
}

impl GrantedSection {
    pub fn shared(kind: SectionKind) -> Self {
        Self {
            kind,
            private: false,
        }
    }

    pub fn private(kind: SectionKind) -> Self {
        Self {
            kind,
            private: true,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct LinkProfessionalRequest {
    pub email: String,
}

/// A professional linked to a family, as the family sees them.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct LinkedProfessional {
    pub id: Uuid,
    pub name: String,
    pub organisation: String,
    /// The account was created by the organisation's admin.
    pub verified: bool,
    /// False once the organisation deactivated the account.
    pub active: bool,
    pub linked_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateGrantRequest {
    pub professional_id: Uuid,
    pub sections: Vec<GrantedSection>,
    #[serde(default)]
    pub can_comment: bool,
    /// The professional may download the granted sections as a PDF. Off unless asked for.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub can_export: bool,
    /// Default: now.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<DateTime<Utc>>,
    /// Default: three months after `valid_from`; at most twelve.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<DateTime<Utc>>,
}

impl CreateGrantRequest {
    pub fn validate(&self) -> Checked {
        validate_sections("sections", &self.sections)?;
        let private = self.sections.iter().filter(|s| s.private).count();
        if private != 0 && private != self.sections.len() {
            return Err(FieldError::new(
                "sections",
                "share private sections in a grant of their own",
            ));
        }
        Ok(())
    }
}

fn validate_sections<T: Ord + Copy>(field: &str, sections: &[T]) -> Checked {
    if sections.is_empty() {
        return Err(FieldError::new(field, "name at least one section"));
    }
    let mut sorted = sections.to_vec();
    sorted.sort();
    sorted.dedup();
    if sorted.len() != sections.len() {
        return Err(FieldError::new(field, "names a section twice"));
    }
    Ok(())
}

/// Where a grant stands now.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum GrantStatus {
    /// Waiting for every parent's approval.
    Pending,
    /// Approved, but its start date is still to come.
    Scheduled,
    Active,
    Expired,
    Revoked,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Grant {
    pub id: Uuid,
    pub professional: Author,
    pub organisation: String,
    pub sections: Vec<GrantedSection>,
    pub can_comment: bool,
    /// The professional may download the granted sections as a PDF (absent: no).
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub can_export: bool,
    pub valid_from: DateTime<Utc>,
    pub valid_until: DateTime<Utc>,
    pub status: GrantStatus,
    pub granted_by: Author,
    pub approved_by: Vec<Author>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub revoked_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateAccessRequest {
    pub sections: Vec<SectionKind>,
    pub reason: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_from: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<DateTime<Utc>>,
}

impl CreateAccessRequest {
    pub fn validate(&self) -> Checked {
        validate_sections("sections", &self.sections)?;
        validate::required_text("reason", &self.reason, validate::LONG_TEXT)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AccessRequestStatus {
    Pending,
    Approved,
    Declined,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct AccessRequest {
    pub id: Uuid,
    pub professional: Author,
    pub organisation: String,
    pub sections: Vec<SectionKind>,
    pub reason: String,
    pub valid_from: DateTime<Utc>,
    pub valid_until: DateTime<Utc>,
    pub status: AccessRequestStatus,
    pub created_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub decline_reason: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub grant_id: Option<Uuid>,
}

/// Approves a request, possibly for fewer sections or a shorter time than asked.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ApproveAccessRequest {
    /// Default: every section asked for. Must be among those asked for.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub sections: Option<Vec<SectionKind>>,
    /// Default: the end asked for. Must not be later.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub valid_until: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct DeclineAccessRequest {
    pub reason: String,
}

/// Switches the family's own rules.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct UpdatePolicyRequest {
    pub both_parents_must_agree: bool,
}

/// A family a professional is linked to, with their own grants and requests.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfessionalFamily {
    pub family_id: Uuid,
    pub family_name: String,
    pub grants: Vec<Grant>,
    pub requests: Vec<AccessRequest>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateProfessionalRequest {
    pub email: String,
    pub name: String,
}

impl CreateProfessionalRequest {
    pub fn validate(&self) -> Checked {
        crate::auth::validate_email("email", &self.email)?;
        validate::name("name", &self.name)
    }
}

/// A professional account as their org admin sees it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct ProfessionalAccount {
    pub id: Uuid,
    pub email: String,
    pub name: String,
    pub active: bool,
    /// Whether the person chose a password with their activation link.
    #[serde(default)]
    pub activated: bool,
    pub created_at: DateTime<Utc>,
}
