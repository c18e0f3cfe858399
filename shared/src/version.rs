//! Fixed versions of the plan on the wire: fixing one, reading one, standing behind one, and
//! comparing two. Every answer says what the caller may do with it (`may_fix`,
//! `may_endorse`), so the app never repeats the server's rules.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::section::{Author, SectionKind, Visibility};
use crate::section_content::SectionContent;
use crate::validate::{self, Checked};

/// A parent fixes the living plan as it is now.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct FixVersionRequest {
    /// e.g. "Plan na de familiebijeenkomst van 12 maart"; stored trimmed.
    pub title: String,
    /// The day the family agreed on this plan.
    pub agreed_on: NaiveDate,
}

impl FixVersionRequest {
    /// Not empty, at most 200 characters, on one line.
    pub fn validate(&self) -> Checked {
        validate::name("title", self.title.trim())
    }
}

/// A member who stands behind a version.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Endorsement {
    pub user_id: Uuid,
    pub name: String,
    pub endorsed_at: DateTime<Utc>,
}

/// A version without its sections, as the list shows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionSummary {
    pub id: Uuid,
    pub title: String,
    pub agreed_on: NaiveDate,
    pub fixed_by: Author,
    pub fixed_at: DateTime<Utc>,
    /// Who stands behind it, oldest first.
    pub endorsements: Vec<Endorsement>,
    /// Whether the caller stands behind it.
    pub endorsed_by_me: bool,
    /// Whether the caller may stand behind it (or take that back).
    pub may_endorse: bool,
}

/// The family's versions, newest first, and whether the caller may fix a new one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionList {
    pub versions: Vec<VersionSummary>,
    pub may_fix: bool,
}

/// One section as it was fixed: `visibility` and `version` as they were at that moment.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionSection {
    pub kind: SectionKind,
    pub visibility: Visibility,
    pub version: i64,
    pub content: SectionContent,
}

/// A version with the sections the caller may read, in plan order. (Nested, not flattened:
/// a flattened struct makes serde buffer the answer and compile every content parser again
/// into the app.)
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct PlanVersion {
    pub summary: VersionSummary,
    pub sections: Vec<VersionSection>,
}

/// How a section differs between two versions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SectionChangeKind {
    /// In the newer version only.
    Added,
    /// In the older version only.
    Removed,
    Changed,
    Unchanged,
}

/// What changed in one field of a section's content. `field` is the content's field name
/// (`worries`, or `work.how_it_goes` one level down). For a list, the items are named by their
/// text; for a text field all three lists are empty: the text itself changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct FieldChange {
    pub field: String,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub added: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub removed: Vec<String>,
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub changed: Vec<String>,
}

/// One section kind in a comparison.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionChange {
    pub kind: SectionKind,
    pub change: SectionChangeKind,
    /// For `changed` sections: the fields that differ.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub fields: Vec<FieldChange>,
}

/// What changed from version `from` to version `to`, over the sections the caller may read
/// in both, in plan order.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct VersionComparison {
    pub from: Uuid,
    pub to: Uuid,
    pub sections: Vec<SectionChange>,
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(title: &str) -> FixVersionRequest {
        FixVersionRequest {
            title: title.into(),
            agreed_on: NaiveDate::from_ymd_opt(2026, 3, 12).unwrap(),
        }
    }

    #[test]
    fn a_title_is_required_short_and_on_one_line() {
        assert!(request("Plan na de familiebijeenkomst van 12 maart")
            .validate()
            .is_ok());
        for bad in ["", "   ", "Plan\nB", &"a".repeat(201)] {
            assert_eq!(
                request(bad).validate().unwrap_err().field,
                "title",
                "{bad:?}"
            );
        }
    }

    #[test]
    fn unknown_fields_are_refused() {
        let json = r#"{"title":"Plan","agreed_on":"2026-03-12","extra":1}"#;
        assert!(serde_json::from_str::<FixVersionRequest>(json).is_err());
    }
}
