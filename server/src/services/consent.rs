//! The consent decision: may this professional read (or comment on) this section now?
//!
//! [`decide`] is a pure function over facts loaded fresh from the database on every request
//! by [`check`]; nothing is cached, so a revoke or an expiry takes effect on the very next
//! request. It denies by default: the answer is `Allow` only when an approved, unrevoked grant
//! from this family to this professional names the section and `valid_from <= now <
//! valid_until`, and the professional's account and organisation are active and linked to the
//! family. When loading the facts fails, [`check`] fails, and callers answer with an error and
//! no data.

use onsplan_shared::consent::{GrantStatus, GrantedSection};
use onsplan_shared::section::SectionKind;

use crate::auth::AuthUser;
use crate::db::models::GrantRow;
use crate::db::{grants, links, orgs, users, DbConnection};
use crate::errors::{AppError, AppResult};

/// The section asked for: a shared one (`owner: None`) or a parent's private one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target<'a> {
    pub kind: SectionKind,
    pub owner: Option<&'a str>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Read,
    Comment,
}

/// What the decision needs to know about the professional.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProfessionalFacts {
    pub account_active: bool,
    pub organisation_active: bool,
    pub linked: bool,
}

/// What the decision needs to know about one grant.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct GrantFacts {
    pub id: String,
    pub granted_by: String,
    pub sections: Vec<GrantedSection>,
    pub can_comment: bool,
    pub valid_from: i64,
    pub valid_until: i64,
    pub approved: bool,
    pub revoked: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Decision {
    Allow { grant_id: String },
    Deny(DenyReason),
}

/// Why access was denied, as written in the access log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DenyReason {
    Deactivated,
    NotLinked,
    NoGrant,
    Pending,
    NotYetValid,
    Expired,
    Revoked,
    NoComment,
}

impl DenyReason {
    pub fn as_str(self) -> &'static str {
        match self {
            DenyReason::Deactivated => "deactivated",
            DenyReason::NotLinked => "not_linked",
            DenyReason::NoGrant => "no_grant",
            DenyReason::Pending => "grant_pending",
            DenyReason::NotYetValid => "grant_not_yet_valid",
            DenyReason::Expired => "grant_expired",
            DenyReason::Revoked => "grant_revoked",
            DenyReason::NoComment => "grant_without_comment",
        }
    }
}

impl GrantFacts {
    /// Whether this grant names the target section.
    pub fn covers(&self, target: Target<'_>) -> bool {
        self.sections.iter().any(|section| {
            section.kind == target.kind
                && match target.owner {
                    None => !section.private,
                    Some(owner) => section.private && self.granted_by == owner,
                }
        })
    }

    pub fn status(&self, now: i64) -> GrantStatus {
        if self.revoked {
            GrantStatus::Revoked
        } else if now >= self.valid_until {
            GrantStatus::Expired
        } else if !self.approved {
            GrantStatus::Pending
        } else if now < self.valid_from {
            GrantStatus::Scheduled
        } else {
            GrantStatus::Active
        }
    }
}

/// The decision itself. Pure: same facts, same answer.
pub fn decide(
    now: i64,
    professional: ProfessionalFacts,
    grants: &[GrantFacts],
    target: Target<'_>,
    need: Need,
) -> Decision {
    if !professional.account_active || !professional.organisation_active {
        return Decision::Deny(DenyReason::Deactivated);
    }
    if !professional.linked {
        return Decision::Deny(DenyReason::NotLinked);
    }
    let covering: Vec<&GrantFacts> = grants.iter().filter(|g| g.covers(target)).collect();
    let usable = |g: &GrantFacts| g.status(now) == GrantStatus::Active;
    if let Some(grant) = covering
        .iter()
        .find(|g| usable(g) && (need == Need::Read || g.can_comment))
    {
        return Decision::Allow {
            grant_id: grant.id.clone(),
        };
    }
    if covering.iter().any(|g| usable(g)) {
        return Decision::Deny(DenyReason::NoComment);
    }
    let has = |status: GrantStatus| covering.iter().any(|g| g.status(now) == status);
    let reason = [
        (GrantStatus::Revoked, DenyReason::Revoked),
        (GrantStatus::Expired, DenyReason::Expired),
        (GrantStatus::Scheduled, DenyReason::NotYetValid),
        (GrantStatus::Pending, DenyReason::Pending),
    ]
    .into_iter()
    .find(|(status, _)| has(*status))
    .map_or(DenyReason::NoGrant, |(_, reason)| reason);
    Decision::Deny(reason)
}

/// Loads the facts for `user` in `family` and decides. Errors (including a broken stored
/// grant) propagate: the caller must then answer with an error, never with data.
pub fn check(
    conn: &mut DbConnection,
    family_id: &str,
    user: &AuthUser,
    target: Target<'_>,
    need: Need,
    now: i64,
) -> AppResult<Decision> {
    let professional = professional_facts(conn, family_id, &user.id)?;
    let grants = grant_facts(conn, family_id, &user.id)?;
    Ok(decide(now, professional, &grants, target, need))
}

pub fn professional_facts(
    conn: &mut DbConnection,
    family_id: &str,
    user_id: &str,
) -> AppResult<ProfessionalFacts> {
    let account = users::find_active(conn, user_id)?;
    let organisation_active = match account.as_ref().and_then(|a| a.org_id.as_deref()) {
        Some(org) => orgs::find(conn, org)?.is_some_and(|org| org.deactivated_at.is_none()),
        None => false,
    };
    Ok(ProfessionalFacts {
        account_active: account.is_some_and(|a| a.kind == "professional"),
        organisation_active,
        linked: links::is_linked(conn, family_id, user_id)?,
    })
}

pub fn grant_facts(
    conn: &mut DbConnection,
    family_id: &str,
    professional_id: &str,
) -> AppResult<Vec<GrantFacts>> {
    grants::for_family(conn, family_id, Some(professional_id))?
        .iter()
        .map(facts_of)
        .collect()
}

pub fn facts_of(row: &GrantRow) -> AppResult<GrantFacts> {
    Ok(GrantFacts {
        id: row.id.clone(),
        granted_by: row.granted_by.clone(),
        sections: parse_sections(&row.sections)?,
        can_comment: row.can_comment,
        valid_from: row.valid_from,
        valid_until: row.valid_until,
        approved: row.activated_at.is_some(),
        revoked: row.revoked_at.is_some(),
    })
}

/// Stored form of a grant's sections: `goals,safety` or `private:safety`.
pub fn format_sections(sections: &[GrantedSection]) -> String {
    sections
        .iter()
        .map(|s| {
            if s.private {
                format!("private:{}", s.kind)
            } else {
                s.kind.to_string()
            }
        })
        .collect::<Vec<_>>()
        .join(",")
}

pub fn parse_sections(stored: &str) -> AppResult<Vec<GrantedSection>> {
    stored
        .split(',')
        .map(|entry| {
            let (private, kind) = match entry.strip_prefix("private:") {
                Some(kind) => (true, kind),
                None => (false, entry),
            };
            SectionKind::parse(kind)
                .map(|kind| GrantedSection { kind, private })
                .ok_or_else(|| {
                    AppError::Internal(anyhow::anyhow!("stored grant names an unknown section"))
                })
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_round_trip_through_storage() {
        let sections = vec![
            GrantedSection::shared(SectionKind::Goals),
            GrantedSection::private(SectionKind::Safety),
        ];
        assert_eq!(
            parse_sections(&format_sections(&sections)).unwrap(),
            sections
        );
    }

    #[test]
    fn a_corrupt_stored_grant_fails_instead_of_allowing() {
        assert!(parse_sections("goals,everything").is_err());
    }
}
