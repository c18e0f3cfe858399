//! Rules for the family around the plan: its detail and members (members only; its file and
//! its deletion: parents only), invitations,
//! linked professionals, the "every parent must agree" switch and the access log (parents
//! only; a relative is told no, anyone else does not learn the family exists), grants (parents
//! act, a private grant is its author's alone; a linked professional lists their own) and
//! access requests (a linked professional lists their own; parents answer them).

use onsplan_shared::access_log::{DenialReason, LogBasis};

use super::{linked_professional, members_only, parents_only, Action, Caller, Decision, Resource};

pub(super) fn decide(caller: &Caller, resource: Resource, action: Action) -> Decision {
    match resource {
        // Members read the family; only parents take its file out or delete it.
        Resource::Family => match action {
            Action::Export | Action::Delete => parents_only(caller),
            _ => members_only(caller),
        },
        Resource::Invites | Resource::Professionals | Resource::PolicySwitch => {
            parents_only(caller)
        }
        Resource::AccessLog => parents_only(caller),
        Resource::Grants | Resource::AccessRequests => match (caller, action) {
            (Caller::Professional { facts, .. }, Action::List | Action::Read) => {
                linked_professional(facts)
            }
            (Caller::Professional { facts, .. }, Action::Create)
                if resource == Resource::AccessRequests =>
            {
                linked_professional(facts)
            }
            // Only a linked professional asks for access.
            (_, Action::Create) if resource == Resource::AccessRequests => {
                Decision::hidden(DenialReason::NotLinked)
            }
            _ => parents_only(caller),
        },
        Resource::Grant { private_of } => match (caller, private_of) {
            (Caller::Parent { id }, Some(author)) if *id != author => {
                Decision::hidden(DenialReason::NotOwner)
            }
            (Caller::Parent { .. }, _) => Decision::Allow(LogBasis::Parent),
            _ => parents_only(caller),
        },
        _ => Decision::hidden(DenialReason::NotAMember),
    }
}
