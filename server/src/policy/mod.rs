//! The access policy: who may do what in a family. One pure function, [`decide`], answers for
//! every actor ([`Caller`]), every thing of a family ([`Resource`]) and every [`Action`]:
//! allowed, with the basis the access log records, or refused, with the reason the log
//! records and the answer the caller gets (404 when they may not know the thing exists, 403
//! otherwise). [`watched`] says whose attempts go to the family's access log.
//!
//! The facts come from the database, loaded fresh per request by
//! `services::access::resolve`; nothing here touches storage. The rules by concern:
//! [`sections`] (the plan, its sections, revisions and comments), [`family`] (members,
//! invitations, grants, requests, the rules switch, the log), [`participation`]
//! (commitments, family comments, plan versions and endorsements, leaving and removal) and
//! [`professional`] (the consent decision behind every professional's allow).

pub mod family;
pub mod participation;
pub mod professional;
pub mod sections;
#[cfg(test)]
mod tests;

use onsplan_shared::access_log::{ActorRole, DenialReason, LogBasis};
use onsplan_shared::auth::AccountKind;
use onsplan_shared::family::Role;
use onsplan_shared::section::{SectionKind, Visibility};
use uuid::Uuid;

pub use professional::{GrantFacts, Need, ProfessionalFacts, Target};

/// Who asks, as they stand to one family.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Caller {
    Parent {
        id: Uuid,
    },
    Relative {
        id: Uuid,
    },
    /// A professional account, not a member; `now` is when the facts were loaded.
    Professional {
        id: Uuid,
        facts: ProfessionalFacts,
        grants: Vec<GrantFacts>,
        now: i64,
    },
    /// An organisation's admin: never part of a family.
    OrgAdmin,
    /// Anyone else, or a family that does not exist.
    Outsider,
}

impl Caller {
    /// A member of the family with `role`.
    pub fn member(id: Uuid, role: Role) -> Self {
        match role {
            Role::Parent => Caller::Parent { id },
            Role::Relative => Caller::Relative { id },
        }
    }

    /// The account id, for members and professionals.
    pub fn id(&self) -> Option<Uuid> {
        match self {
            Caller::Parent { id } | Caller::Relative { id } | Caller::Professional { id, .. } => {
                Some(*id)
            }
            Caller::OrgAdmin | Caller::Outsider => None,
        }
    }

    /// The role in the family, for members.
    pub fn role(&self) -> Option<Role> {
        match self {
            Caller::Parent { .. } => Some(Role::Parent),
            Caller::Relative { .. } => Some(Role::Relative),
            _ => None,
        }
    }

    /// The capacity the access log names.
    pub fn log_role(&self) -> ActorRole {
        match self {
            Caller::Parent { .. } => ActorRole::Parent,
            Caller::Relative { .. } => ActorRole::Relative,
            Caller::Professional { .. } => ActorRole::Professional,
            Caller::OrgAdmin => ActorRole::OrgAdmin,
            Caller::Outsider => ActorRole::Account,
        }
    }

    /// The basis of a member's allow.
    fn membership(&self) -> Option<LogBasis> {
        match self {
            Caller::Parent { .. } => Some(LogBasis::Parent),
            Caller::Relative { .. } => Some(LogBasis::Relative),
            _ => None,
        }
    }
}

/// How one account stands to one family, as loaded for one request.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Standing {
    /// The role, for a member.
    pub role: Option<Role>,
    pub family_exists: bool,
    /// Linked to the family as a professional.
    pub linked: bool,
}

impl Caller {
    /// Who `id` (an account of `kind`; `org_active`: its organisation is active) is to the
    /// family. A professional or org-admin account is never a member, whatever the membership
    /// table says: a professional's allows come from grants alone.
    pub fn of(
        id: Uuid,
        kind: AccountKind,
        org_active: bool,
        standing: Standing,
        grants: Vec<GrantFacts>,
        now: i64,
    ) -> Self {
        match kind {
            AccountKind::OrgAdmin => Caller::OrgAdmin,
            AccountKind::Professional if standing.family_exists => Caller::Professional {
                id,
                facts: ProfessionalFacts {
                    account_active: true,
                    organisation_active: org_active,
                    linked: standing.linked,
                },
                grants,
                now,
            },
            AccountKind::Professional => Caller::Outsider,
            AccountKind::Person => match standing.role {
                Some(role) if standing.family_exists => Caller::member(id, role),
                _ => Caller::Outsider,
            },
        }
    }
}

/// A thing of the family, with the facts about it the rules need.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Resource {
    /// The family itself: its name, members and rules (`GET /families/{id}`).
    Family,
    /// The shared plan as a whole: the list of sections, the plan with content.
    Plan,
    /// A section of the shared plan, or one revision of it (`visibility` as saved then), or
    /// the same section in a fixed version of the plan.
    SharedSection {
        kind: SectionKind,
        visibility: Visibility,
    },
    /// A parent's private section. `owner_is_parent`: the owner is a parent of this family
    /// (anything else has no such section).
    PrivateSection {
        kind: SectionKind,
        owner: Uuid,
        owner_is_parent: bool,
    },
    /// The caller's own private sections (`my-sections`).
    OwnSections,
    /// A comment by a member of the family (professionals' comments are read with their
    /// section).
    FamilyComment,
    Invites,
    /// The family's grants as a whole (listing).
    Grants,
    /// One grant; `private_of` is the parent whose private sections it shares.
    Grant {
        private_of: Option<Uuid>,
    },
    /// Access requests of professionals.
    AccessRequests,
    /// The professionals linked to the family.
    Professionals,
    /// The switch "every parent must agree".
    PolicySwitch,
    AccessLog,
    /// A member, for removal (`parents`: how many parents the family has).
    Member {
        id: Uuid,
        role: Role,
        parents: usize,
    },
    /// An agreement of the `agreements` section (`visibility`: the section's) and who took it.
    Agreement {
        visibility: Visibility,
        taker: Option<Uuid>,
    },
    /// Who took which agreement.
    Commitments,
    /// The fixed versions of the plan.
    Versions,
    /// The caller's endorsement of a version (`given`: they stand behind it already).
    Endorsement {
        given: bool,
    },
}

/// What the caller wants to do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    Read,
    /// Read the history (revisions).
    ReadHistory,
    Write,
    Comment,
    List,
    Create,
    Approve,
    Decline,
    Revoke,
    Remove,
    Take,
    Done,
    Release,
    Assign,
    /// Fix the current plan as a version.
    Fix,
    Endorse,
    Withdraw,
    /// Take a copy out of the app: a PDF or the family's file (of the plan, a section, or
    /// the whole family).
    Export,
    /// Delete the thing for good (the whole family).
    Delete,
}

/// The answer a refusal gets.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Answer {
    /// 404: the caller may not know the thing exists.
    NotFound,
    /// 403: the caller knows it, and may not do this.
    Forbidden,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Decision {
    Allow(LogBasis),
    Deny {
        reason: DenialReason,
        answer: Answer,
    },
}

impl Decision {
    pub fn is_allowed(&self) -> bool {
        matches!(self, Decision::Allow(_))
    }

    pub(crate) fn deny(reason: DenialReason, answer: Answer) -> Self {
        Decision::Deny { reason, answer }
    }

    /// Refused without saying the thing exists.
    pub(crate) fn hidden(reason: DenialReason) -> Self {
        Self::deny(reason, Answer::NotFound)
    }

    pub(crate) fn forbidden(reason: DenialReason) -> Self {
        Self::deny(reason, Answer::Forbidden)
    }
}

/// The decision. Pure: same caller, resource and action, same answer.
pub fn decide(caller: &Caller, resource: Resource, action: Action) -> Decision {
    if matches!(caller, Caller::Outsider | Caller::OrgAdmin) {
        return Decision::hidden(DenialReason::NotAMember);
    }
    match resource {
        Resource::Plan
        | Resource::SharedSection { .. }
        | Resource::PrivateSection { .. }
        | Resource::OwnSections => sections::decide(caller, resource, action),
        Resource::Family
        | Resource::Invites
        | Resource::Grants
        | Resource::Grant { .. }
        | Resource::AccessRequests
        | Resource::Professionals
        | Resource::PolicySwitch
        | Resource::AccessLog => family::decide(caller, resource, action),
        Resource::FamilyComment
        | Resource::Member { .. }
        | Resource::Agreement { .. }
        | Resource::Commitments
        | Resource::Versions
        | Resource::Endorsement { .. } => participation::decide(caller, resource, action),
    }
}

/// Whether the caller's attempts on `resource` go to the family's access log: everything a
/// relative or professional reads, and every refusal of one. A private section of someone who
/// is not a parent here does not exist; a row about it would be for nobody's eyes.
pub fn watched(caller: &Caller, resource: Resource) -> bool {
    let about_nothing = matches!(
        resource,
        Resource::PrivateSection {
            owner_is_parent: false,
            ..
        }
    );
    matches!(
        caller,
        Caller::Relative { .. } | Caller::Professional { .. }
    ) && !about_nothing
}

/// Whether the caller, who may read a section, sees one of its comments by `author`
/// (`by_member`: the author is a member of the family). Members see every comment; a
/// professional sees their own thread only, never the family's comments.
pub fn sees_comment(caller: &Caller, author: Uuid, by_member: bool) -> bool {
    if by_member {
        return decide(caller, Resource::FamilyComment, Action::Read).is_allowed();
    }
    match caller {
        Caller::Professional { id, .. } => *id == author,
        _ => caller.membership().is_some(),
    }
}

/// A member's allow; anyone else does not learn the thing exists.
fn members_only(caller: &Caller) -> Decision {
    match caller.membership() {
        Some(basis) => Decision::Allow(basis),
        None => Decision::hidden(DenialReason::NotAMember),
    }
}

/// A parent's allow; relatives get 403, everyone else 404.
fn parents_only(caller: &Caller) -> Decision {
    match caller {
        Caller::Parent { .. } => Decision::Allow(LogBasis::Parent),
        Caller::Relative { .. } => Decision::forbidden(DenialReason::OnlyParents),
        _ => Decision::hidden(DenialReason::NotAMember),
    }
}

/// A linked, active professional's allow for their own records (grants, requests).
fn linked_professional(facts: &ProfessionalFacts) -> Decision {
    if !facts.account_active || !facts.organisation_active {
        Decision::hidden(DenialReason::Deactivated)
    } else if !facts.linked {
        Decision::hidden(DenialReason::NotLinked)
    } else {
        Decision::Allow(LogBasis::Link)
    }
}
