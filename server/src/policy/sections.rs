//! Rules for the plan: the shared sections (parents read and write all; relatives read the
//! `network` ones, and any other does not exist for them; professionals read what a grant
//! covers), their revisions (each judged by the visibility it was saved with), parents'
//! private sections (their owner's alone, or a professional's through that owner's grant),
//! and commenting on a section.

use onsplan_shared::access_log::{DenialReason, LogBasis};
use onsplan_shared::section::Visibility;

use super::professional::{self, Need, Target};
use super::{Action, Caller, Decision, Resource};

/// Whether a member with this standing reads a shared section with `visibility`.
pub fn relative_reads(visibility: Visibility) -> bool {
    visibility == Visibility::Network
}

pub(super) fn decide(caller: &Caller, resource: Resource, action: Action) -> Decision {
    match resource {
        Resource::Plan => plan(caller, action),
        Resource::OwnSections => own_sections(caller),
        Resource::SharedSection { kind, visibility } => {
            section(caller, Target { kind, owner: None }, visibility, action)
        }
        Resource::PrivateSection {
            kind,
            owner,
            owner_is_parent,
        } => {
            if !owner_is_parent {
                return Decision::hidden(DenialReason::NotOwner);
            }
            match caller {
                Caller::Parent { id } if *id == owner => Decision::Allow(LogBasis::Parent),
                Caller::Parent { .. } => Decision::hidden(DenialReason::NotOwner),
                _ => section(
                    caller,
                    Target {
                        kind,
                        owner: Some(owner),
                    },
                    Visibility::OnlyMe,
                    action,
                ),
            }
        }
        _ => Decision::hidden(DenialReason::NotAMember),
    }
}

/// Asking for the plan or its list of sections at all (each section is then judged alone).
fn plan(caller: &Caller, action: Action) -> Decision {
    match (caller, action) {
        (Caller::Parent { .. } | Caller::Relative { .. }, Action::Read | Action::List) => {
            Decision::Allow(caller.membership().expect("a member"))
        }
        (Caller::Professional { facts, .. }, Action::Read | Action::List) => {
            super::linked_professional(facts)
        }
        (Caller::Relative { .. }, _) => Decision::forbidden(DenialReason::OnlyParents),
        (Caller::Parent { .. }, _) => Decision::Allow(LogBasis::Parent),
        _ => Decision::hidden(DenialReason::NotAMember),
    }
}

/// `my-sections`: a parent's own private space; relatives have none (403).
fn own_sections(caller: &Caller) -> Decision {
    match caller {
        Caller::Parent { .. } => Decision::Allow(LogBasis::Parent),
        Caller::Relative { .. } => Decision::forbidden(DenialReason::OnlyParents),
        _ => Decision::hidden(DenialReason::NotAMember),
    }
}

/// One section (shared: `target.owner` is `None`).
fn section(caller: &Caller, target: Target, visibility: Visibility, action: Action) -> Decision {
    let need = match action {
        Action::Read => Need::Read,
        Action::Comment => Need::Comment,
        Action::ReadHistory => {
            // The history is for members: a professional reads the section as it is now.
            return match caller {
                Caller::Professional { .. } => Decision::hidden(DenialReason::NotAMember),
                _ => section(caller, target, visibility, Action::Read),
            };
        }
        Action::Write => return write(caller, target, visibility),
        Action::Export => return export(caller, target, visibility),
        _ => return Decision::hidden(DenialReason::NotAMember),
    };
    match caller {
        Caller::Parent { .. } if target.owner.is_none() => Decision::Allow(LogBasis::Parent),
        Caller::Relative { .. } if target.owner.is_none() && relative_reads(visibility) => {
            Decision::Allow(LogBasis::Relative)
        }
        Caller::Relative { .. } => Decision::hidden(DenialReason::NotVisibleToRelatives),
        Caller::Professional {
            facts, grants, now, ..
        } => professional::decide(*now, *facts, grants, target, need),
        _ => Decision::hidden(DenialReason::NotAMember),
    }
}

/// Only parents change the plan; a relative who can see the section is told so (403).
fn write(caller: &Caller, target: Target, visibility: Visibility) -> Decision {
    match caller {
        Caller::Parent { .. } if target.owner.is_none() => Decision::Allow(LogBasis::Parent),
        Caller::Relative { .. } if target.owner.is_none() && relative_reads(visibility) => {
            Decision::forbidden(DenialReason::OnlyParentsWrite)
        }
        _ => Decision::hidden(DenialReason::OnlyParentsWrite),
    }
}

/// Taking a section out of the app (a PDF): parents, of what they read; a relative who can see
/// the section is told no (403). A professional only through an active grant that names the
/// section and allows export (`can_export`); a grant that lets them read but not export is a
/// 403.
fn export(caller: &Caller, target: Target, visibility: Visibility) -> Decision {
    match caller {
        Caller::Parent { .. } => section(caller, target, visibility, Action::Read),
        Caller::Relative { .. } if target.owner.is_none() && relative_reads(visibility) => {
            Decision::forbidden(DenialReason::OnlyParents)
        }
        Caller::Relative { .. } => Decision::hidden(DenialReason::NotVisibleToRelatives),
        Caller::Professional {
            facts, grants, now, ..
        } => professional::decide(*now, *facts, grants, target, Need::Export),
        _ => Decision::hidden(DenialReason::NoGrant),
    }
}
