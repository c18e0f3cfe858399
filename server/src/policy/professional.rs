//! The consent decision behind every professional's allow: may this professional read (or
//! comment on, or export) this section now? It denies by default: the answer is an allow only when an
//! approved, unrevoked grant from this family to this professional names the section and
//! `valid_from <= now < valid_until`, and the professional's account and organisation are
//! active and linked to the family. Membership never counts here.

use onsplan_shared::access_log::{DenialReason, LogBasis};
use onsplan_shared::consent::{GrantStatus, GrantedSection};
use onsplan_shared::section::SectionKind;
use uuid::Uuid;

use super::{Answer, Decision};

/// The section asked for: a shared one (`owner: None`) or a parent's private one.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Target {
    pub kind: SectionKind,
    pub owner: Option<Uuid>,
}

/// What a grant must allow.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Need {
    Read,
    Comment,
    /// Take a copy out of the app (a PDF): the grant must say `can_export`.
    Export,
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
    pub id: Uuid,
    pub granted_by: Uuid,
    pub sections: Vec<GrantedSection>,
    pub can_comment: bool,
    pub can_export: bool,
    pub valid_from: i64,
    pub valid_until: i64,
    pub approved: bool,
    pub revoked: bool,
}

impl GrantFacts {
    /// Whether this grant names the target section.
    pub fn covers(&self, target: Target) -> bool {
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

/// The decision for one professional. Pure: same facts, same answer. A professional who may
/// read but not comment (or not export) is told so (403); every other refusal is 404.
pub fn decide(
    now: i64,
    professional: ProfessionalFacts,
    grants: &[GrantFacts],
    target: Target,
    need: Need,
) -> Decision {
    let hidden = Decision::hidden;
    if !professional.account_active || !professional.organisation_active {
        return hidden(DenialReason::Deactivated);
    }
    if !professional.linked {
        return hidden(DenialReason::NotLinked);
    }
    let covering: Vec<&GrantFacts> = grants.iter().filter(|g| g.covers(target)).collect();
    let usable = |g: &GrantFacts| g.status(now) == GrantStatus::Active;
    let allows = |g: &GrantFacts| match need {
        Need::Read => true,
        Need::Comment => g.can_comment,
        Need::Export => g.can_export,
    };
    if let Some(grant) = covering.iter().find(|g| usable(g) && allows(g)) {
        return Decision::Allow(LogBasis::Grant { grant_id: grant.id });
    }
    if covering.iter().any(|g| usable(g)) {
        let reason = match need {
            Need::Export => DenialReason::GrantWithoutExport,
            Need::Read | Need::Comment => DenialReason::GrantWithoutComment,
        };
        return Decision::deny(reason, Answer::Forbidden);
    }
    let has = |status: GrantStatus| covering.iter().any(|g| g.status(now) == status);
    let reason = [
        (GrantStatus::Revoked, DenialReason::GrantRevoked),
        (GrantStatus::Expired, DenialReason::GrantExpired),
        (GrantStatus::Scheduled, DenialReason::GrantNotYetValid),
        (GrantStatus::Pending, DenialReason::GrantPending),
    ]
    .into_iter()
    .find(|(status, _)| has(*status))
    .map_or(DenialReason::NoGrant, |(_, reason)| reason);
    hidden(reason)
}
