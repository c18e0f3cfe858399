//! The consent decision: may this professional read (or comment on) this section now?
//!
//! [`decide`] is a pure function over facts loaded fresh from the database on every request:
//! the account and its organisation by the request's own account lookup ([`AuthUser`]), the
//! link and the grants by [`professional_facts`] and [`check`]. Nothing is cached between
//! requests, so a revoke or an expiry takes effect on the very next request. It denies by default: the answer is `Allow` only when an approved, unrevoked grant
//! from this family to this professional names the section and `valid_from <= now <
//! valid_until`, and the professional's account and organisation are active and linked to the
//! family. When loading the facts fails, [`check`] fails, and callers answer with an error and
//! no data.

use onsplan_shared::consent::{GrantStatus, GrantedSection};
use onsplan_shared::section::SectionKind;

use crate::auth::AuthUser;
use crate::db::models::GrantRow;
use crate::db::{grants, links, DbConnection};
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

/// Loads the grants of `professional_id` in `family` and decides. Errors (including a broken
/// stored grant) propagate: the caller must then answer with an error, never with data.
pub fn check(
    conn: &mut DbConnection,
    family_id: &str,
    professional_id: &str,
    professional: ProfessionalFacts,
    target: Target<'_>,
    need: Need,
    now: i64,
) -> AppResult<Decision> {
    let grants = grant_facts(conn, family_id, professional_id)?;
    Ok(decide(now, professional, &grants, target, need))
}

impl ProfessionalFacts {
    /// The facts about `user` from this request's account lookup, and whether they are linked.
    pub fn of(user: &AuthUser, linked: bool) -> Self {
        ProfessionalFacts {
            account_active: user.is_professional(),
            organisation_active: user.org_active,
            linked,
        }
    }
}

pub fn professional_facts(
    conn: &mut DbConnection,
    family_id: &str,
    user: &AuthUser,
) -> AppResult<ProfessionalFacts> {
    Ok(ProfessionalFacts::of(
        user,
        links::is_linked(conn, family_id, &user.id)?,
    ))
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

    mod properties {
        //! Properties of [`decide`] over random grants, professionals and targets.

        use super::super::*;
        use proptest::prelude::*;

        const NOW: i64 = 1_800_000_000_000;
        const PARENTS: [&str; 2] = ["parent-a", "parent-b"];

        fn kind() -> impl Strategy<Value = SectionKind> {
            (0..SectionKind::ALL.len()).prop_map(|i| SectionKind::ALL[i])
        }

        fn grant() -> impl Strategy<Value = GrantFacts> {
            (
                0..1000u32,
                0..2usize,
                prop::collection::vec((kind(), any::<bool>()), 1..4),
                any::<bool>(),
                -10i64..10,
                1i64..20,
                any::<bool>(),
                any::<bool>(),
            )
                .prop_map(
                    |(id, by, sections, can_comment, start, length, approved, revoked)| {
                        let valid_from = NOW + start * 60_000;
                        GrantFacts {
                            id: format!("g{id}"),
                            granted_by: PARENTS[by].to_string(),
                            sections: sections
                                .into_iter()
                                .map(|(kind, private)| GrantedSection { kind, private })
                                .collect(),
                            can_comment,
                            valid_from,
                            valid_until: valid_from + length * 60_000,
                            approved,
                            revoked,
                        }
                    },
                )
        }

        fn target() -> impl Strategy<Value = (SectionKind, Option<usize>)> {
            (kind(), prop::option::of(0..2usize))
        }

        fn need() -> impl Strategy<Value = Need> {
            prop_oneof![Just(Need::Read), Just(Need::Comment)]
        }

        const ACTIVE: ProfessionalFacts = ProfessionalFacts {
            account_active: true,
            organisation_active: true,
            linked: true,
        };

        fn allowed(
            grants: &[GrantFacts],
            (kind, owner): (SectionKind, Option<usize>),
            need: Need,
        ) -> bool {
            let target = Target {
                kind,
                owner: owner.map(|o| PARENTS[o]),
            };
            matches!(
                decide(NOW, ACTIVE, grants, target, need),
                Decision::Allow { .. }
            )
        }

        proptest! {
            #[test]
            fn without_any_grant_everything_is_denied(t in target(), n in need()) {
                prop_assert!(!allowed(&[], t, n));
            }

            #[test]
            fn grants_that_ended_deny(mut grants in prop::collection::vec(grant(), 0..6), t in target(), n in need()) {
                for g in &mut grants {
                    g.valid_until = NOW - 1;
                    g.valid_from = g.valid_from.min(NOW - 2);
                }
                prop_assert!(!allowed(&grants, t, n));
            }

            #[test]
            fn revoked_grants_deny(mut grants in prop::collection::vec(grant(), 0..6), t in target(), n in need()) {
                for g in &mut grants {
                    g.revoked = true;
                }
                prop_assert!(!allowed(&grants, t, n));
            }

            #[test]
            fn adding_a_grant_never_removes_access(
                grants in prop::collection::vec(grant(), 0..6),
                extra in grant(),
                t in target(),
                n in need(),
            ) {
                if allowed(&grants, t, n) {
                    let mut more = grants.clone();
                    more.push(extra);
                    prop_assert!(allowed(&more, t, n));
                }
            }

            #[test]
            fn a_private_section_opens_only_through_its_authors_grant(
                grants in prop::collection::vec(grant(), 0..6),
                k in kind(),
                owner in 0..2usize,
                n in need(),
            ) {
                let target = Target { kind: k, owner: Some(PARENTS[owner]) };
                if let Decision::Allow { grant_id } = decide(NOW, ACTIVE, &grants, target, n) {
                    let grant = grants.iter().find(|g| g.id == grant_id).unwrap();
                    prop_assert_eq!(&grant.granted_by, PARENTS[owner]);
                    prop_assert!(grant.sections.iter().any(|s| s.private && s.kind == k));
                }
            }

            #[test]
            fn an_allow_names_an_active_grant_covering_the_target(
                grants in prop::collection::vec(grant(), 0..6),
                t in target(),
                n in need(),
            ) {
                let target = Target { kind: t.0, owner: t.1.map(|o| PARENTS[o]) };
                if let Decision::Allow { grant_id } = decide(NOW, ACTIVE, &grants, target, n) {
                    let grant = grants.iter().find(|g| g.id == grant_id).unwrap();
                    prop_assert!(grant.approved && !grant.revoked);
                    prop_assert!(grant.valid_from <= NOW && NOW < grant.valid_until);
                    prop_assert!(grant.covers(target));
                    prop_assert!(n == Need::Read || grant.can_comment);
                }
            }

            #[test]
            fn a_deactivated_or_unlinked_professional_is_always_denied(
                grants in prop::collection::vec(grant(), 0..6),
                t in target(),
                n in need(),
                which in 0..3usize,
            ) {
                let mut professional = ACTIVE;
                match which {
                    0 => professional.account_active = false,
                    1 => professional.organisation_active = false,
                    _ => professional.linked = false,
                }
                let target = Target { kind: t.0, owner: t.1.map(|o| PARENTS[o]) };
                prop_assert!(matches!(decide(NOW, professional, &grants, target, n), Decision::Deny(_)));
            }
        }
    }
}
