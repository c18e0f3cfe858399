//! Commitments on agreements ("Ik doe dit"): the state stored in an agreement item of the
//! `agreements` section (who took it, by when, done when; who handed it back last) and the
//! wire types of `.../agreements/{agreement}/take|done|release|assign` and `.../commitments`.

use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::section_content::AgreementStatus;
use crate::validate::{text, Checked, SHORT_TEXT};

/// Who took an agreement on, by when, and when it was done.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct Commitment {
    /// The member who does it.
    pub taker: Uuid,
    pub due: Option<NaiveDate>,
    pub taken_at: DateTime<Utc>,
    /// The parent who assigned it, when the taker did not take it themselves.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub assigned_by: Option<Uuid>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub done_at: Option<DateTime<Utc>>,
}

/// The last time a member handed the agreement back, with their optional word.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct HandedBack {
    pub by: Uuid,
    pub at: DateTime<Utc>,
    #[serde(default)]
    pub word: String,
}

impl HandedBack {
    pub fn validate(path: &str, item: &Self) -> Checked {
        text(&format!("{path}.word"), &item.word, SHORT_TEXT)
    }
}

/// `POST .../take`: "Ik doe dit", by `due` (default: the agreement's `by_when`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct TakeAgreementRequest {
    pub due: Option<NaiveDate>,
}

/// `POST .../release`: hands the agreement back, with an optional word.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct ReleaseAgreementRequest {
    pub word: Option<String>,
}

/// `POST .../assign`: a parent gives the agreement to `member`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct AssignAgreementRequest {
    pub member: Uuid,
    #[serde(default)]
    pub due: Option<NaiveDate>,
}

/// One agreement the caller may see, who has it, and what the caller may do with it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommitmentItem {
    pub agreement_id: String,
    pub what: String,
    pub by_when: Option<NaiveDate>,
    pub status: AgreementStatus,
    pub commitment: Option<Commitment>,
    /// The taker's name, while they are a member.
    pub taker_name: Option<String>,
    pub handed_back: Option<HandedBack>,
    pub handed_back_by_name: Option<String>,
    pub may_take: bool,
    pub may_done: bool,
    pub may_release: bool,
    pub may_assign: bool,
}

/// `GET .../commitments` (and the answer to every change): the agreements the caller may see,
/// plus the caller's own commitments, at the `agreements` section's `version`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommitmentsResponse {
    pub version: i64,
    pub items: Vec<CommitmentItem>,
}
