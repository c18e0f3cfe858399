//! The family's file: everything a family holds, as one JSON document a parent downloads and
//! any Ons Plan server imports again (`docs/family-file.schema.json` describes it). People are
//! named by the id they had on the server that wrote the file; every reference in the file
//! (authors, owners, takers, and ids inside section content) points into `family.people`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::family::{FamilyDetail, Role};
use crate::section::{SectionKind, Visibility};

/// The value of `format`: what kind of file this is.
pub const FORMAT: &str = "onsplan-family";
/// The value of `version` this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;
/// The largest file an import accepts, in bytes.
pub const MAX_FILE_BYTES: usize = 20 * 1024 * 1024;

/// The whole file.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FamilyFile {
    /// Always [`FORMAT`].
    pub format: String,
    /// Always [`FORMAT_VERSION`] for this layout.
    pub version: u32,
    pub exported_at: DateTime<Utc>,
    /// The parent who made the file (one of `family.people`); the file holds their private
    /// sections and no other parent's.
    pub exported_by: Uuid,
    /// `sha256:` and the hex SHA-256 of `family` as compact JSON: a damaged or edited file is
    /// refused on import.
    pub digest: String,
    pub family: FileFamily,
}

/// What the family holds.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileFamily {
    pub name: String,
    pub both_parents_must_agree: bool,
    pub created_at: DateTime<Utc>,
    /// Members, and everyone else the file names (former members, professionals).
    pub people: Vec<FilePerson>,
    /// The shared sections and the exporting parent's own private ones, with their history.
    pub sections: Vec<FileSection>,
    pub comments: Vec<FileComment>,
    pub versions: Vec<FileVersion>,
    /// Who took which agreement: a reading aid, the same facts as the `agreements` section's
    /// items (an import takes them from the section).
    pub commitments: Vec<FileCommitment>,
    /// Consent given to professionals ([`crate::consent::Grant`]s), for the record: an import
    /// never carries it over, and reads it only as JSON.
    pub grants: Vec<serde_json::Value>,
    /// The access log as the exporting parent reads it
    /// ([`crate::access_log::AccessLogEntry`]s), for the record: an import reads it only as
    /// JSON, so a log with words a newer server added still imports.
    pub access_log: Vec<serde_json::Value>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FilePerson {
    pub id: Uuid,
    pub name: String,
    /// Members only: where an invitation can reach them again.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    /// The role of a member; none for anyone who is not (or no longer) a member.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub role: Option<Role>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub joined_at: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileSection {
    pub kind: SectionKind,
    /// The parent whose private section this is; none for the shared plan.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub owner: Option<Uuid>,
    pub visibility: Visibility,
    pub version: i64,
    /// `{"kind": …, "data": {…}}`, as the sections API carries it.
    pub content: serde_json::Value,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_by: Option<Uuid>,
    /// Every saved version, oldest first.
    pub revisions: Vec<FileRevision>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileRevision {
    pub version: i64,
    pub visibility: Visibility,
    pub content: serde_json::Value,
    pub saved_by: Uuid,
    pub saved_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileComment {
    pub section: SectionKind,
    pub author: Uuid,
    pub body: String,
    pub created_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileVersion {
    pub title: String,
    pub agreed_on: NaiveDate,
    pub fixed_by: Uuid,
    pub fixed_at: DateTime<Utc>,
    pub sections: Vec<FileVersionSection>,
    pub endorsements: Vec<FileEndorsement>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileVersionSection {
    pub kind: SectionKind,
    pub visibility: Visibility,
    pub section_version: i64,
    pub content: serde_json::Value,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileEndorsement {
    pub person: Uuid,
    pub endorsed_at: DateTime<Utc>,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct FileCommitment {
    /// The agreement item's id in the `agreements` section.
    pub agreement: String,
    pub what: String,
    pub taker: Uuid,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub due: Option<NaiveDate>,
    pub taken_at: DateTime<Utc>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_by: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_at: Option<DateTime<Utc>>,
}

/// The answer to an import: the new family, and the members of the old one to invite again.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct ImportedFamily {
    pub family: FamilyDetail,
    pub invite_again: Vec<PersonToInvite>,
}

/// A member of the family in the file, who has no place in the new family until invited.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct PersonToInvite {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    pub role: Role,
}
