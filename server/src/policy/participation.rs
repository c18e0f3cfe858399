//! Rules for how members take part: comments of the family (members comment on what they can
//! read; professionals never see them), commitments on agreements ("Ik doe dit": any member
//! who can see the agreements takes one; only the taker marks it done or hands it back;
//! parents assign), fixed versions of the plan (parents fix; members read, a relative only
//! its `network` sections, a professional only granted ones, judged as
//! [`Resource::SharedSection`]) and endorsements (every member once), and members leaving or
//! being removed (a parent removes a relative; anyone leaves; nobody removes a parent; the
//! last parent stays).

use onsplan_shared::access_log::{DenialReason, LogBasis};
use onsplan_shared::family::Role;

use onsplan_shared::section::SectionKind;

use super::professional::{self, Need, Target};
use super::sections::relative_reads;
use super::{members_only, parents_only, Action, Caller, Decision, Resource};

pub(super) fn decide(caller: &Caller, resource: Resource, action: Action) -> Decision {
    match resource {
        Resource::FamilyComment => match caller {
            Caller::Professional { .. } => Decision::hidden(DenialReason::FamilyCommentsArePrivate),
            _ => members_only(caller),
        },
        Resource::Member { id, role, parents } => member(caller, id, role, parents),
        Resource::Agreement { visibility, taker } => {
            let sees = match caller {
                Caller::Parent { .. } => true,
                // A relative's own commitment stays theirs to see ("Mijn afspraken"), even
                // when the section is for parents only.
                Caller::Relative { .. } => {
                    relative_reads(visibility) || (taker.is_some() && taker == caller.id())
                }
                _ => return Decision::hidden(DenialReason::NotAMember),
            };
            if !sees {
                return Decision::hidden(DenialReason::NotVisibleToRelatives);
            }
            commitment(caller, taker, action)
        }
        Resource::Commitments => members_only(caller),
        Resource::Versions => match (caller, action) {
            (Caller::Professional { .. }, _) => versions_as_professional(caller, action),
            (_, Action::Fix | Action::Create) => parents_only(caller),
            _ => members_only(caller),
        },
        Resource::Endorsement { given } => match (caller.membership(), action) {
            // A professional who sees the versions sees who stands behind them, and stands
            // behind none.
            (None, _) => match versions_as_professional(caller, Action::Read) {
                Decision::Allow(basis) if action == Action::Read => Decision::Allow(basis),
                Decision::Allow(_) => Decision::forbidden(DenialReason::NotAMember),
                refused => refused,
            },
            (Some(_), Action::Endorse) if given => {
                Decision::forbidden(DenialReason::AlreadyEndorsed)
            }
            (Some(basis), _) => Decision::Allow(basis),
        },
        _ => Decision::hidden(DenialReason::NotAMember),
    }
}

/// A professional sees the versions while an active grant covers any shared section (then
/// reads the granted sections of one, judged as [`Resource::SharedSection`]); they never fix
/// one. Without such a grant the refusal names the most telling reason (expired over none).
fn versions_as_professional(caller: &Caller, action: Action) -> Decision {
    let Caller::Professional {
        facts, grants, now, ..
    } = caller
    else {
        return Decision::hidden(DenialReason::NotAMember);
    };
    let mut refused = Decision::hidden(DenialReason::NoGrant);
    for kind in SectionKind::ALL {
        let target = Target { kind, owner: None };
        match professional::decide(*now, *facts, grants, target, Need::Read) {
            // Seeing the list rests on the link; each section read rests on its own grant.
            Decision::Allow(_) if action == Action::Read => return Decision::Allow(LogBasis::Link),
            Decision::Allow(_) => return Decision::forbidden(DenialReason::OnlyParents),
            Decision::Deny {
                reason: DenialReason::NoGrant,
                ..
            } => {}
            other => refused = other,
        }
    }
    refused
}

/// Taking, finishing, handing back or assigning one agreement the caller can see.
fn commitment(caller: &Caller, taker: Option<uuid::Uuid>, action: Action) -> Decision {
    let basis = caller.membership().expect("only members see agreements");
    let mine = taker.is_some() && taker == caller.id();
    match action {
        Action::Read => Decision::Allow(basis),
        Action::Take if taker.is_none() || mine => Decision::Allow(basis),
        Action::Take => Decision::forbidden(DenialReason::AlreadyTaken),
        Action::Done | Action::Release if mine => Decision::Allow(basis),
        Action::Done | Action::Release => Decision::forbidden(DenialReason::NotTheTaker),
        Action::Assign => parents_only(caller),
        _ => Decision::forbidden(DenialReason::OnlyParents),
    }
}

/// Removing `id` from the family, or leaving it (`id` is the caller).
fn member(caller: &Caller, id: uuid::Uuid, role: Role, parents: usize) -> Decision {
    let Some(basis) = caller.membership() else {
        return Decision::hidden(DenialReason::NotAMember);
    };
    let own = caller.id() == Some(id);
    match (caller, role) {
        (_, Role::Parent) if own && parents <= 1 => Decision::forbidden(DenialReason::LastParent),
        _ if own => Decision::Allow(basis),
        (Caller::Parent { .. }, Role::Parent) => {
            Decision::forbidden(DenialReason::ParentCannotRemoveParent)
        }
        (Caller::Parent { .. }, Role::Relative) => Decision::Allow(LogBasis::Parent),
        _ => Decision::forbidden(DenialReason::OnlyParents),
    }
}
