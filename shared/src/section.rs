//! Plan sections on the wire: the eleven kinds, who may see a section, and the read, save and
//! revision shapes. Content types live in [`crate::section_content`].

use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::section_content::SectionContent;

/// The eleven parts of a familiegroepsplan.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum SectionKind {
    About,
    Concerns,
    Strengths,
    Goals,
    Agreements,
    Network,
    Safety,
    LifeDomains,
    ProfessionalHelp,
    Children,
    Evaluation,
}

impl SectionKind {
    /// Every kind, in the order the plan shows them.
    pub const ALL: [SectionKind; 11] = [
        SectionKind::About,
        SectionKind::Concerns,
        SectionKind::Strengths,
        SectionKind::Goals,
        SectionKind::Agreements,
        SectionKind::Network,
        SectionKind::Safety,
        SectionKind::LifeDomains,
        SectionKind::ProfessionalHelp,
        SectionKind::Children,
        SectionKind::Evaluation,
    ];

    /// The name used in paths and storage, e.g. `life_domains`.
    pub fn as_str(self) -> &'static str {
        match self {
            SectionKind::About => "about",
            SectionKind::Concerns => "concerns",
            SectionKind::Strengths => "strengths",
            SectionKind::Goals => "goals",
            SectionKind::Agreements => "agreements",
            SectionKind::Network => "network",
            SectionKind::Safety => "safety",
            SectionKind::LifeDomains => "life_domains",
            SectionKind::ProfessionalHelp => "professional_help",
            SectionKind::Children => "children",
            SectionKind::Evaluation => "evaluation",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        Self::ALL.into_iter().find(|kind| kind.as_str() == s)
    }

    /// Who sees a new family's shared section of this kind until a parent changes it (safe by
    /// default). What can hold sensitive things starts with the parents only: worries, the
    /// safety plan (warning signs, a place to flee to), money and the other life domains, the
    /// help asked of professionals, and the children's own words. Families keep what they had:
    /// this applies when a family is made.
    pub fn default_visibility(self) -> Visibility {
        match self {
            SectionKind::Concerns
            | SectionKind::Safety
            | SectionKind::LifeDomains
            | SectionKind::ProfessionalHelp
            | SectionKind::Children => Visibility::Parents,
            SectionKind::About
            | SectionKind::Strengths
            | SectionKind::Goals
            | SectionKind::Agreements
            | SectionKind::Network
            | SectionKind::Evaluation => Visibility::Network,
        }
    }
}

impl std::fmt::Display for SectionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

/// A text that names no section kind (an address the app's router could not read).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct UnknownSectionKind;

impl std::fmt::Display for UnknownSectionKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("no such section")
    }
}

impl std::str::FromStr for SectionKind {
    type Err = UnknownSectionKind;

    fn from_str(s: &str) -> Result<Self, Self::Err> {
        Self::parse(s).ok_or(UnknownSectionKind)
    }
}

/// Who in the family may see a section. Professionals are outside this: they see a section
/// only through a consent grant.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum Visibility {
    /// Only the parent who wrote it (a private section).
    OnlyMe,
    /// The family's parents.
    Parents,
    /// Parents and relatives.
    Network,
}

impl Visibility {
    pub fn as_str(self) -> &'static str {
        match self {
            Visibility::OnlyMe => "only_me",
            Visibility::Parents => "parents",
            Visibility::Network => "network",
        }
    }

    pub fn parse(s: &str) -> Option<Self> {
        match s {
            "only_me" => Some(Visibility::OnlyMe),
            "parents" => Some(Visibility::Parents),
            "network" => Some(Visibility::Network),
            _ => None,
        }
    }
}

/// Who last saved something.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Author {
    pub user_id: Uuid,
    pub name: String,
}

/// One section with its content. `version` 0 means nobody has written it yet.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionResponse {
    pub kind: SectionKind,
    pub visibility: Visibility,
    pub version: i64,
    pub content: SectionContent,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_by: Option<Author>,
}

/// A section in the plan overview: no content, just enough for a card.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct SectionSummary {
    pub kind: SectionKind,
    pub visibility: Visibility,
    pub version: i64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_at: Option<DateTime<Utc>>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub updated_by: Option<Author>,
}

/// Saves a section. The version it was based on goes in the `If-Match` header.
/// `visibility` may be left out to keep the current one; private sections are always `only_me`.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct SaveSectionRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub visibility: Option<Visibility>,
    pub content: SectionContent,
}

/// One stored save of a section.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Revision {
    pub version: i64,
    pub visibility: Visibility,
    pub content: SectionContent,
    pub saved_at: DateTime<Utc>,
    pub saved_by: Author,
}

/// A comment on a section of the shared plan.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct Comment {
    pub id: Uuid,
    pub author: Author,
    /// The organisation of a professional author; absent for the family's own comments.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub organisation: Option<String>,
    pub text: String,
    pub created_at: DateTime<Utc>,
}

/// The comments on one section the caller may see, and whether the caller may add one.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
pub struct CommentThread {
    pub comments: Vec<Comment>,
    pub may_comment: bool,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields)]
pub struct CreateCommentRequest {
    pub text: String,
}

impl CreateCommentRequest {
    pub fn validate(&self) -> crate::validate::Checked {
        crate::validate::required_text("text", &self.text, crate::validate::LONG_TEXT)
    }
}

/// Formats a version as an entity tag: `"3"`.
pub fn etag_for(version: i64) -> String {
    format!("\"{version}\"")
}

/// Reads the version out of an `If-Match` value: `"3"`, `W/"3"` is refused (weak tags cannot
/// guard a write), a bare `3` is accepted for hand-written clients.
pub fn parse_if_match(value: &str) -> Option<i64> {
    let value = value.trim();
    let inner = value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .unwrap_or(value);
    if inner.is_empty() || !inner.bytes().all(|b| b.is_ascii_digit()) || inner.len() > 18 {
        return None;
    }
    inner.parse().ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_kind_round_trips_through_its_name() {
        for kind in SectionKind::ALL {
            assert_eq!(SectionKind::parse(kind.as_str()), Some(kind));
            let json = serde_json::to_string(&kind).unwrap();
            assert_eq!(json, format!("\"{}\"", kind.as_str()));
        }
    }

    #[test]
    fn sections_that_can_hold_sensitive_things_start_with_the_parents_only() {
        for kind in [
            SectionKind::Concerns,
            SectionKind::Safety,
            SectionKind::LifeDomains,
            SectionKind::ProfessionalHelp,
            SectionKind::Children,
        ] {
            assert_eq!(kind.default_visibility(), Visibility::Parents, "{kind}");
        }
        assert_eq!(SectionKind::Goals.default_visibility(), Visibility::Network);
        assert_eq!(
            SectionKind::Agreements.default_visibility(),
            Visibility::Network
        );
    }

    #[test]
    fn if_match_accepts_strong_tags_only() {
        assert_eq!(parse_if_match("\"3\""), Some(3));
        assert_eq!(parse_if_match("3"), Some(3));
        assert_eq!(parse_if_match(&etag_for(42)), Some(42));
        for bad in [
            "W/\"3\"",
            "*",
            "\"\"",
            "\"-1\"",
            "\"3\", \"4\"",
            "99999999999999999999",
        ] {
            assert_eq!(parse_if_match(bad), None, "{bad}");
        }
    }
}
