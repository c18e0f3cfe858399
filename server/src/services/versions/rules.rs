//! Who may do what with fixed versions of the plan: one pure function, [`decide`], over the
//! caller's standing in the family (loaded fresh per request) and the action. It answers allow
//! with the basis the access log records, or deny with a reason and the answer to give: 404
//! when the caller may not know the thing exists, 403 otherwise. The service asks it and
//! decides nothing alone, so this module can move into a shared policy in one step.
//!
//! - parents see, fix and endorse versions, and read every section of one;
//! - relatives see and endorse versions, and read the sections that were `network` when the
//!   version was fixed;
//! - professionals see versions while an active grant covers any shared section, and read the
//!   granted sections of one; they never fix or endorse;
//! - everyone else learns nothing (404).

use onsplan_shared::section::{SectionKind, Visibility};

use crate::services::consent::{
    self, Decision, DenyReason, GrantFacts, Need, ProfessionalFacts, Target,
};

/// How the caller stands to the family, with the facts the decision needs.
#[derive(Debug, Clone)]
pub enum Standing {
    Parent,
    Relative,
    /// Not a member; a professional account, `now` in milliseconds.
    Professional {
        facts: ProfessionalFacts,
        grants: Vec<GrantFacts>,
        now: i64,
    },
    /// Not a member, not a professional, or the family does not exist.
    Outsider,
}

/// What the caller wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// List the versions or open one (its sections are then decided one by one).
    See,
    /// Fix the living plan as a new version.
    Fix,
    /// Stand behind a version, or take that back.
    Endorse,
    /// Read one section of a version, with its visibility as it was fixed.
    ReadSection {
        kind: SectionKind,
        visibility: Visibility,
    },
}

/// Why an action is allowed, as the access log writes it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Basis {
    Parent,
    Relative,
    Grant(String),
}

impl Basis {
    pub fn for_log(&self) -> String {
        match self {
            Basis::Parent => "role:parent".to_string(),
            Basis::Relative => "role:relative".to_string(),
            Basis::Grant(id) => format!("grant:{id}"),
        }
    }
}

/// Why an action is refused.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Reason {
    NotAMember,
    OnlyParentsFix,
    OnlyMembersEndorse,
    NotVisibleToRelatives,
    /// A private (`only_me`) section; never part of a version, refused if one ever were.
    PrivateSection,
    Consent(DenyReason),
}

impl Reason {
    pub fn as_str(self) -> &'static str {
        match self {
            Reason::NotAMember => "not_a_member",
            Reason::OnlyParentsFix => "only_parents_fix",
            Reason::OnlyMembersEndorse => "only_members_endorse",
            Reason::NotVisibleToRelatives => "not_visible_to_relatives",
            Reason::PrivateSection => "private_section",
            Reason::Consent(reason) => reason.as_str(),
        }
    }
}

/// The answer a refusal gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// 404: the caller may not know the thing exists.
    NotFound,
    /// 403: the caller knows it exists but may not do this.
    Forbidden,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Verdict {
    Allow(Basis),
    Deny { reason: Reason, answer: Answer },
}

impl Verdict {
    pub fn allowed(&self) -> bool {
        matches!(self, Verdict::Allow(_))
    }

    fn deny(reason: Reason, answer: Answer) -> Self {
        Verdict::Deny { reason, answer }
    }
}

/// The decision. Pure: same standing and action, same answer.
pub fn decide(standing: &Standing, action: Action) -> Verdict {
    use Action::*;
    if let ReadSection {
        visibility: Visibility::OnlyMe,
        ..
    } = action
    {
        return Verdict::deny(Reason::PrivateSection, Answer::NotFound);
    }
    match standing {
        Standing::Outsider => Verdict::deny(Reason::NotAMember, Answer::NotFound),
        Standing::Parent => Verdict::Allow(Basis::Parent),
        Standing::Relative => match action {
            See | Endorse => Verdict::Allow(Basis::Relative),
            Fix => Verdict::deny(Reason::OnlyParentsFix, Answer::Forbidden),
            ReadSection {
                visibility: Visibility::Network,
                ..
            } => Verdict::Allow(Basis::Relative),
            ReadSection { .. } => Verdict::deny(Reason::NotVisibleToRelatives, Answer::NotFound),
        },
        Standing::Professional { facts, grants, now } => {
            let read = |kind| {
                consent::decide(
                    *now,
                    *facts,
                    grants,
                    Target { kind, owner: None },
                    Need::Read,
                )
            };
            let see = see_as_professional(read);
            match (action, see) {
                (ReadSection { kind, .. }, _) => match read(kind) {
                    Decision::Allow { grant_id } => Verdict::Allow(Basis::Grant(grant_id)),
                    Decision::Deny(reason) => {
                        Verdict::deny(Reason::Consent(reason), Answer::NotFound)
                    }
                },
                (See, see) => see,
                (Fix, Verdict::Allow(_)) => {
                    Verdict::deny(Reason::OnlyParentsFix, Answer::Forbidden)
                }
                (Endorse, Verdict::Allow(_)) => {
                    Verdict::deny(Reason::OnlyMembersEndorse, Answer::Forbidden)
                }
                (Fix | Endorse, refused) => refused,
            }
        }
    }
}

/// A professional sees the versions while any shared section is granted to them; otherwise
/// the refusal names the most telling reason (an expired grant over no grant at all).
fn see_as_professional(read: impl Fn(SectionKind) -> Decision) -> Verdict {
    let mut reason = DenyReason::NoGrant;
    for kind in SectionKind::ALL {
        match read(kind) {
            Decision::Allow { grant_id } => return Verdict::Allow(Basis::Grant(grant_id)),
            Decision::Deny(DenyReason::NoGrant) => {}
            Decision::Deny(other) => reason = other,
        }
    }
    Verdict::deny(Reason::Consent(reason), Answer::NotFound)
}

#[cfg(test)]
mod tests {
    use onsplan_shared::consent::GrantedSection;

    use super::*;

    const NOW: i64 = 1_000_000;

    fn professional(linked: bool, kinds: &[SectionKind], valid_until: i64) -> Standing {
        Standing::Professional {
            facts: ProfessionalFacts {
                account_active: true,
                organisation_active: true,
                linked,
            },
            grants: vec![GrantFacts {
                id: "g1".into(),
                granted_by: "p1".into(),
                sections: kinds.iter().copied().map(GrantedSection::shared).collect(),
                can_comment: false,
                valid_from: 0,
                valid_until,
                approved: true,
                revoked: false,
            }],
            now: NOW,
        }
    }

    fn read(kind: SectionKind, visibility: Visibility) -> Action {
        Action::ReadSection { kind, visibility }
    }

    fn answer(verdict: Verdict) -> Option<Answer> {
        match verdict {
            Verdict::Allow(_) => None,
            Verdict::Deny { answer, .. } => Some(answer),
        }
    }

    #[test]
    fn parents_do_everything_with_shared_sections() {
        for action in [
            Action::See,
            Action::Fix,
            Action::Endorse,
            read(SectionKind::Safety, Visibility::Parents),
            read(SectionKind::Goals, Visibility::Network),
        ] {
            assert_eq!(
                decide(&Standing::Parent, action),
                Verdict::Allow(Basis::Parent)
            );
        }
    }

    #[test]
    fn relatives_endorse_and_read_network_sections_but_do_not_fix() {
        let relative = Standing::Relative;
        assert!(decide(&relative, Action::See).allowed());
        assert!(decide(&relative, Action::Endorse).allowed());
        assert_eq!(
            answer(decide(&relative, Action::Fix)),
            Some(Answer::Forbidden)
        );
        assert!(decide(&relative, read(SectionKind::Goals, Visibility::Network)).allowed());
        assert_eq!(
            answer(decide(
                &relative,
                read(SectionKind::Safety, Visibility::Parents)
            )),
            Some(Answer::NotFound)
        );
    }

    #[test]
    fn nobody_reads_a_private_section_through_a_version() {
        for standing in [
            Standing::Parent,
            Standing::Relative,
            professional(true, &SectionKind::ALL, NOW + 1),
        ] {
            assert_eq!(
                decide(&standing, read(SectionKind::Safety, Visibility::OnlyMe)),
                Verdict::Deny {
                    reason: Reason::PrivateSection,
                    answer: Answer::NotFound
                }
            );
        }
    }

    #[test]
    fn professionals_read_granted_sections_only_and_never_fix_or_endorse() {
        let pro = professional(true, &[SectionKind::Goals], NOW + 1);
        assert_eq!(
            decide(&pro, Action::See),
            Verdict::Allow(Basis::Grant("g1".into()))
        );
        assert_eq!(
            decide(&pro, read(SectionKind::Goals, Visibility::Parents)),
            Verdict::Allow(Basis::Grant("g1".into()))
        );
        assert_eq!(
            decide(&pro, read(SectionKind::Safety, Visibility::Network)),
            Verdict::Deny {
                reason: Reason::Consent(DenyReason::NoGrant),
                answer: Answer::NotFound
            }
        );
        assert_eq!(answer(decide(&pro, Action::Fix)), Some(Answer::Forbidden));
        assert_eq!(
            answer(decide(&pro, Action::Endorse)),
            Some(Answer::Forbidden)
        );
    }

    #[test]
    fn professionals_without_an_active_grant_learn_nothing() {
        let expired = professional(true, &[SectionKind::Goals], NOW);
        assert_eq!(
            decide(&expired, Action::See),
            Verdict::Deny {
                reason: Reason::Consent(DenyReason::Expired),
                answer: Answer::NotFound
            }
        );
        assert_eq!(
            answer(decide(&expired, Action::Endorse)),
            Some(Answer::NotFound)
        );
        let unlinked = professional(false, &SectionKind::ALL, NOW + 1);
        assert_eq!(
            decide(&unlinked, Action::See),
            Verdict::Deny {
                reason: Reason::Consent(DenyReason::NotLinked),
                answer: Answer::NotFound
            }
        );
    }

    #[test]
    fn outsiders_learn_nothing() {
        for action in [
            Action::See,
            Action::Fix,
            Action::Endorse,
            read(SectionKind::Goals, Visibility::Network),
        ] {
            assert_eq!(
                answer(decide(&Standing::Outsider, action)),
                Some(Answer::NotFound)
            );
        }
    }
}
