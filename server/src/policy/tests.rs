//! Properties of [`decide`] over random callers, resources and actions, and of the consent
//! decision over random grants.

use onsplan_shared::access_log::{DenialReason, LogBasis};
use onsplan_shared::auth::AccountKind;
use onsplan_shared::consent::GrantedSection;
use onsplan_shared::family::Role;
use onsplan_shared::section::{SectionKind, Visibility};
use proptest::prelude::*;
use uuid::Uuid;

use super::professional::{self, GrantFacts, Need, ProfessionalFacts, Target};
use super::*;

const NOW: i64 = 1_800_000_000_000;

fn id(n: u8) -> Uuid {
    Uuid::from_u128(u128::from(n) + 1)
}

/// Two parents and a relative; 3 and 4 are other people.
fn person() -> impl Strategy<Value = Uuid> {
    (0..5u8).prop_map(id)
}

fn kind() -> impl Strategy<Value = SectionKind> {
    (0..SectionKind::ALL.len()).prop_map(|i| SectionKind::ALL[i])
}

fn visibility() -> impl Strategy<Value = Visibility> {
    prop_oneof![
        Just(Visibility::OnlyMe),
        Just(Visibility::Parents),
        Just(Visibility::Network)
    ]
}

fn role() -> impl Strategy<Value = Role> {
    prop_oneof![Just(Role::Parent), Just(Role::Relative)]
}

fn grant() -> impl Strategy<Value = GrantFacts> {
    (
        any::<u16>(),
        0..2u8,
        prop::collection::vec((kind(), any::<bool>()), 1..4),
        (any::<bool>(), any::<bool>()),
        -10i64..10,
        1i64..20,
        any::<bool>(),
        any::<bool>(),
    )
        .prop_map(
            |(n, by, sections, (can_comment, can_export), start, length, approved, revoked)| {
                let valid_from = NOW + start * 60_000;
                GrantFacts {
                    id: Uuid::from_u128(u128::from(n) << 64),
                    granted_by: id(by),
                    sections: sections
                        .into_iter()
                        .map(|(kind, private)| GrantedSection { kind, private })
                        .collect(),
                    can_comment,
                    can_export,
                    valid_from,
                    valid_until: valid_from + length * 60_000,
                    approved,
                    revoked,
                }
            },
        )
}

fn grants() -> impl Strategy<Value = Vec<GrantFacts>> {
    prop::collection::vec(grant(), 0..6)
}

fn facts() -> impl Strategy<Value = ProfessionalFacts> {
    (any::<bool>(), any::<bool>(), any::<bool>()).prop_map(|(a, o, l)| ProfessionalFacts {
        account_active: a,
        organisation_active: o,
        linked: l,
    })
}

fn professional() -> impl Strategy<Value = Caller> {
    (facts(), grants()).prop_map(|(facts, grants)| Caller::Professional {
        id: id(9),
        facts,
        grants,
        now: NOW,
    })
}

fn caller() -> impl Strategy<Value = Caller> {
    prop_oneof![
        (0..2u8).prop_map(|n| Caller::Parent { id: id(n) }),
        Just(Caller::Relative { id: id(2) }),
        professional(),
        Just(Caller::OrgAdmin),
        Just(Caller::Outsider),
    ]
}

fn resource() -> impl Strategy<Value = Resource> {
    prop_oneof![
        Just(Resource::Family),
        Just(Resource::Plan),
        (kind(), visibility())
            .prop_map(|(kind, visibility)| Resource::SharedSection { kind, visibility }),
        (kind(), person(), any::<bool>()).prop_map(|(kind, owner, owner_is_parent)| {
            Resource::PrivateSection {
                kind,
                owner,
                owner_is_parent,
            }
        }),
        Just(Resource::OwnSections),
        Just(Resource::FamilyComment),
        Just(Resource::Invites),
        Just(Resource::Grants),
        prop::option::of(person()).prop_map(|private_of| Resource::Grant { private_of }),
        Just(Resource::AccessRequests),
        Just(Resource::Professionals),
        Just(Resource::PolicySwitch),
        Just(Resource::AccessLog),
        (person(), role(), 1..3usize).prop_map(|(id, role, parents)| Resource::Member {
            id,
            role,
            parents
        }),
        (visibility(), prop::option::of(person()))
            .prop_map(|(visibility, taker)| Resource::Agreement { visibility, taker }),
        Just(Resource::Commitments),
        Just(Resource::Versions),
        any::<bool>().prop_map(|given| Resource::Endorsement { given }),
    ]
}

const ACTIONS: [Action; 19] = [
    Action::Read,
    Action::ReadHistory,
    Action::Write,
    Action::Comment,
    Action::List,
    Action::Create,
    Action::Approve,
    Action::Decline,
    Action::Revoke,
    Action::Remove,
    Action::Take,
    Action::Done,
    Action::Release,
    Action::Assign,
    Action::Fix,
    Action::Endorse,
    Action::Withdraw,
    Action::Export,
    Action::Delete,
];

fn action() -> impl Strategy<Value = Action> {
    (0..ACTIONS.len()).prop_map(|i| ACTIONS[i])
}

/// A section that is not shared with the network: parents-only or anyone's private one.
fn closed_section() -> impl Strategy<Value = Resource> {
    prop_oneof![
        kind().prop_map(|kind| Resource::SharedSection {
            kind,
            visibility: Visibility::Parents
        }),
        kind().prop_map(|kind| Resource::SharedSection {
            kind,
            visibility: Visibility::OnlyMe
        }),
        (kind(), person(), any::<bool>()).prop_map(|(kind, owner, owner_is_parent)| {
            Resource::PrivateSection {
                kind,
                owner,
                owner_is_parent,
            }
        }),
        Just(Resource::OwnSections),
        // A relative's own commitment stays theirs to see, in any section.
        (
            visibility().prop_filter("closed", |v| *v != Visibility::Network),
            prop::option::of(person()).prop_filter("not the relative's own", |t| *t != Some(id(2)))
        )
            .prop_map(|(visibility, taker)| Resource::Agreement { visibility, taker }),
    ]
}

fn allowed(grants: &[GrantFacts], (kind, owner): (SectionKind, Option<u8>), need: Need) -> bool {
    let target = Target {
        kind,
        owner: owner.map(id),
    };
    professional::decide(NOW, ACTIVE, grants, target, need).is_allowed()
}

const ACTIVE: ProfessionalFacts = ProfessionalFacts {
    account_active: true,
    organisation_active: true,
    linked: true,
};

fn target() -> impl Strategy<Value = (SectionKind, Option<u8>)> {
    (kind(), prop::option::of(0..2u8))
}

fn need() -> impl Strategy<Value = Need> {
    prop_oneof![Just(Need::Read), Just(Need::Comment), Just(Need::Export)]
}

proptest! {
    #[test]
    fn a_relative_never_reaches_a_parents_or_private_section(
        resource in closed_section(),
        action in action(),
    ) {
        let relative = Caller::Relative { id: id(2) };
        prop_assert!(!decide(&relative, resource, action).is_allowed());
    }

    #[test]
    fn a_removed_member_is_an_outsider_allowed_nothing(
        who in person(),
        role in role(),
        resource in resource(),
        action in action(),
    ) {
        let standing = Standing { role: Some(role), family_exists: true, linked: false };
        let member = Caller::of(who, AccountKind::Person, true, standing, Vec::new(), NOW);
        prop_assert_eq!(&member, &Caller::member(who, role));
        let removed = Caller::of(
            who,
            AccountKind::Person,
            true,
            Standing { role: None, ..standing },
            Vec::new(),
            NOW,
        );
        prop_assert_eq!(&removed, &Caller::Outsider);
        prop_assert!(!decide(&removed, resource, action).is_allowed());
    }

    #[test]
    fn an_outsider_or_org_admin_is_never_allowed_anything_of_a_family(
        resource in resource(),
        action in action(),
        admin in any::<bool>(),
    ) {
        let caller = if admin { Caller::OrgAdmin } else { Caller::Outsider };
        let decision = decide(&caller, resource, action);
        prop_assert_eq!(
            decision,
            Decision::hidden(DenialReason::NotAMember)
        );
    }

    #[test]
    fn a_professional_is_never_allowed_by_membership(
        role in prop::option::of(role()),
        org_active in any::<bool>(),
        linked in any::<bool>(),
        grants in grants(),
        resource in resource(),
        action in action(),
    ) {
        let standing = Standing { role, family_exists: true, linked };
        let caller = Caller::of(id(9), AccountKind::Professional, org_active, standing, grants, NOW);
        prop_assert!(matches!(caller, Caller::Professional { .. }), "a professional stays one");
        if let Decision::Allow(basis) = decide(&caller, resource, action) {
            prop_assert!(
                matches!(basis, LogBasis::Grant { .. } | LogBasis::Link),
                "allowed on {:?}", basis
            );
        }
    }

    #[test]
    fn a_professional_reads_a_section_only_through_a_grant_covering_it(
        caller in professional(),
        resource in resource(),
        action in action(),
    ) {
        if let (Decision::Allow(LogBasis::Grant { grant_id }), Caller::Professional { grants, .. }) =
            (decide(&caller, resource, action), &caller)
        {
            let grant = grants.iter().find(|g| g.id == grant_id).unwrap();
            let target = match resource {
                Resource::SharedSection { kind, .. } => Target { kind, owner: None },
                Resource::PrivateSection { kind, owner, .. } => Target { kind, owner: Some(owner) },
                other => panic!("a grant allowed {other:?}"),
            };
            prop_assert!(grant.covers(target));
            prop_assert!(grant.status(NOW) == onsplan_shared::consent::GrantStatus::Active);
        }
    }

    #[test]
    fn family_comments_are_never_shown_to_professionals(caller in professional(), action in action()) {
        prop_assert!(!decide(&caller, Resource::FamilyComment, action).is_allowed());
    }

    #[test]
    fn nobody_removes_a_parent_but_themselves_and_the_last_parent_stays(
        caller in caller(),
        target in person(),
        parents in 1..3usize,
    ) {
        let resource = Resource::Member { id: target, role: Role::Parent, parents };
        if decide(&caller, resource, Action::Remove).is_allowed() {
            prop_assert_eq!(caller.id(), Some(target));
            prop_assert!(parents > 1);
        }
    }

    #[test]
    fn a_refusal_is_404_unless_the_caller_knows_the_thing(
        caller in caller(),
        resource in resource(),
        action in action(),
    ) {
        if let Decision::Deny { answer: Answer::Forbidden, .. } = decide(&caller, resource, action) {
            // Only members, and professionals who may read the section, are told no.
            let may_know = match &caller {
                Caller::Parent { .. } | Caller::Relative { .. } => true,
                Caller::Professional { .. } => decide(&caller, resource, Action::Read).is_allowed(),
                _ => false,
            };
            prop_assert!(may_know);
        }
    }

    // The consent decision on its own.

    #[test]
    fn without_any_grant_everything_is_denied(t in target(), n in need()) {
        prop_assert!(!allowed(&[], t, n));
    }

    #[test]
    fn grants_that_ended_deny(mut grants in grants(), t in target(), n in need()) {
        for g in &mut grants {
            g.valid_until = NOW - 1;
            g.valid_from = g.valid_from.min(NOW - 2);
        }
        prop_assert!(!allowed(&grants, t, n));
    }

    #[test]
    fn revoked_grants_deny(mut grants in grants(), t in target(), n in need()) {
        for g in &mut grants {
            g.revoked = true;
        }
        prop_assert!(!allowed(&grants, t, n));
    }

    #[test]
    fn adding_a_grant_never_removes_access(grants in grants(), extra in grant(), t in target(), n in need()) {
        if allowed(&grants, t, n) {
            let mut more = grants.clone();
            more.push(extra);
            prop_assert!(allowed(&more, t, n));
        }
    }

    #[test]
    fn an_allow_names_an_active_grant_covering_the_target(grants in grants(), t in target(), n in need()) {
        let target = Target { kind: t.0, owner: t.1.map(id) };
        if let Decision::Allow(LogBasis::Grant { grant_id }) = professional::decide(NOW, ACTIVE, &grants, target, n) {
            let grant = grants.iter().find(|g| g.id == grant_id).unwrap();
            prop_assert!(grant.approved && !grant.revoked);
            prop_assert!(grant.valid_from <= NOW && NOW < grant.valid_until);
            prop_assert!(grant.covers(target));
            match n {
                Need::Read => {}
                Need::Comment => prop_assert!(grant.can_comment),
                Need::Export => prop_assert!(grant.can_export),
            }
            if let Some(owner) = target.owner {
                prop_assert_eq!(grant.granted_by, owner);
            }
        }
    }

    #[test]
    fn whoever_may_export_a_section_may_read_it(caller in caller(), resource in resource()) {
        let a_section = matches!(
            resource,
            Resource::SharedSection { .. } | Resource::PrivateSection { .. }
        );
        if a_section && decide(&caller, resource, Action::Export).is_allowed() {
            prop_assert!(decide(&caller, resource, Action::Read).is_allowed());
        }
    }

    #[test]
    fn a_professional_exports_only_through_an_active_grant_that_allows_export(
        caller in professional(),
        resource in resource(),
    ) {
        if let (Decision::Allow(basis), Caller::Professional { grants, .. }) =
            (decide(&caller, resource, Action::Export), &caller)
        {
            let LogBasis::Grant { grant_id } = basis else {
                panic!("an export allowed on {basis:?}");
            };
            let grant = grants.iter().find(|g| g.id == grant_id).unwrap();
            prop_assert!(grant.can_export);
            prop_assert!(grant.status(NOW) == onsplan_shared::consent::GrantStatus::Active);
        }
    }

    #[test]
    fn a_deactivated_or_unlinked_professional_is_always_denied(
        grants in grants(),
        t in target(),
        n in need(),
        which in 0..3usize,
    ) {
        let mut facts = ACTIVE;
        match which {
            0 => facts.account_active = false,
            1 => facts.organisation_active = false,
            _ => facts.linked = false,
        }
        let target = Target { kind: t.0, owner: t.1.map(id) };
        prop_assert!(!professional::decide(NOW, facts, &grants, target, n).is_allowed());
    }
}

#[test]
fn relatives_read_network_sections_only() {
    let relative = Caller::Relative { id: id(2) };
    let read = |visibility| {
        decide(
            &relative,
            Resource::SharedSection {
                kind: SectionKind::Goals,
                visibility,
            },
            Action::Read,
        )
    };
    assert_eq!(
        read(Visibility::Network),
        Decision::Allow(LogBasis::Relative)
    );
    assert_eq!(
        read(Visibility::Parents),
        Decision::hidden(DenialReason::NotVisibleToRelatives)
    );
}

#[test]
fn a_parent_removes_a_relative_and_a_relative_only_leaves() {
    let parent = Caller::Parent { id: id(0) };
    let relative = Caller::Relative { id: id(2) };
    let the_relative = Resource::Member {
        id: id(2),
        role: Role::Relative,
        parents: 2,
    };
    let a_parent = Resource::Member {
        id: id(1),
        role: Role::Parent,
        parents: 2,
    };
    assert!(decide(&parent, the_relative, Action::Remove).is_allowed());
    assert!(decide(&relative, the_relative, Action::Remove).is_allowed());
    assert_eq!(
        decide(&parent, a_parent, Action::Remove),
        Decision::forbidden(DenialReason::ParentCannotRemoveParent)
    );
    assert_eq!(
        decide(&relative, a_parent, Action::Remove),
        Decision::forbidden(DenialReason::OnlyParents)
    );
    let alone = Resource::Member {
        id: id(0),
        role: Role::Parent,
        parents: 1,
    };
    assert_eq!(
        decide(&parent, alone, Action::Remove),
        Decision::forbidden(DenialReason::LastParent)
    );
}

#[test]
fn a_member_endorses_a_version_once() {
    let relative = Caller::Relative { id: id(2) };
    assert!(decide(
        &relative,
        Resource::Endorsement { given: false },
        Action::Endorse
    )
    .is_allowed());
    assert_eq!(
        decide(
            &relative,
            Resource::Endorsement { given: true },
            Action::Endorse
        ),
        Decision::forbidden(DenialReason::AlreadyEndorsed)
    );
    assert!(decide(
        &relative,
        Resource::Endorsement { given: true },
        Action::Withdraw
    )
    .is_allowed());
}

#[test]
fn only_the_taker_finishes_or_hands_back_an_agreement() {
    let relative = Caller::Relative { id: id(2) };
    let taken_by = |taker| Resource::Agreement {
        visibility: Visibility::Network,
        taker,
    };
    assert!(decide(&relative, taken_by(None), Action::Take).is_allowed());
    assert!(decide(&relative, taken_by(Some(id(2))), Action::Done).is_allowed());
    assert_eq!(
        decide(&relative, taken_by(Some(id(0))), Action::Release),
        Decision::forbidden(DenialReason::NotTheTaker)
    );
    assert_eq!(
        decide(&relative, taken_by(Some(id(0))), Action::Take),
        Decision::forbidden(DenialReason::AlreadyTaken)
    );
    assert_eq!(
        decide(&relative, taken_by(None), Action::Assign),
        Decision::forbidden(DenialReason::OnlyParents)
    );
}

#[test]
fn a_relative_sees_and_finishes_their_own_commitment_in_a_parents_only_section() {
    let relative = Caller::Relative { id: id(2) };
    let taken_by = |taker| Resource::Agreement {
        visibility: Visibility::Parents,
        taker,
    };
    assert!(decide(&relative, taken_by(Some(id(2))), Action::Read).is_allowed());
    assert!(decide(&relative, taken_by(Some(id(2))), Action::Done).is_allowed());
    assert_eq!(
        decide(&relative, taken_by(None), Action::Take),
        Decision::hidden(DenialReason::NotVisibleToRelatives)
    );
    assert_eq!(
        decide(&relative, taken_by(Some(id(0))), Action::Read),
        Decision::hidden(DenialReason::NotVisibleToRelatives)
    );
}

#[test]
fn only_parents_take_the_family_out_or_delete_it() {
    let parent = Caller::Parent { id: id(1) };
    let relative = Caller::Relative { id: id(2) };
    for action in [Action::Export, Action::Delete] {
        assert!(decide(&parent, Resource::Family, action).is_allowed());
        assert_eq!(
            decide(&relative, Resource::Family, action),
            Decision::forbidden(DenialReason::OnlyParents)
        );
        assert_eq!(
            decide(&Caller::Outsider, Resource::Family, action),
            Decision::hidden(DenialReason::NotAMember)
        );
    }
    assert!(decide(&relative, Resource::Family, Action::Read).is_allowed());
}

#[test]
fn a_relative_never_exports_a_section_and_a_parent_exports_what_they_read() {
    let parent = Caller::Parent { id: id(1) };
    let relative = Caller::Relative { id: id(2) };
    let shared = |visibility| Resource::SharedSection {
        kind: SectionKind::Goals,
        visibility,
    };
    for visibility in [Visibility::Network, Visibility::Parents] {
        assert!(decide(&parent, shared(visibility), Action::Export).is_allowed());
        assert!(!decide(&relative, shared(visibility), Action::Export).is_allowed());
    }
    let private_of = |owner| Resource::PrivateSection {
        kind: SectionKind::Safety,
        owner,
        owner_is_parent: true,
    };
    assert!(decide(&parent, private_of(id(1)), Action::Export).is_allowed());
    assert!(!decide(&parent, private_of(id(3)), Action::Export).is_allowed());
}

#[test]
fn a_professional_exports_a_granted_section_only_when_the_grant_allows_export() {
    let grant = |can_export| GrantFacts {
        id: id(7),
        granted_by: id(1),
        sections: vec![GrantedSection {
            kind: SectionKind::Goals,
            private: false,
        }],
        can_comment: false,
        can_export,
        valid_from: NOW - 1,
        valid_until: NOW + 60_000,
        approved: true,
        revoked: false,
    };
    let professional = |can_export| Caller::Professional {
        id: id(9),
        facts: ACTIVE,
        grants: vec![grant(can_export)],
        now: NOW,
    };
    let section = |kind| Resource::SharedSection {
        kind,
        visibility: Visibility::Parents,
    };
    assert_eq!(
        decide(
            &professional(true),
            section(SectionKind::Goals),
            Action::Export
        ),
        Decision::Allow(LogBasis::Grant { grant_id: id(7) })
    );
    assert_eq!(
        decide(
            &professional(false),
            section(SectionKind::Goals),
            Action::Export
        ),
        Decision::forbidden(DenialReason::GrantWithoutExport)
    );
    assert!(decide(
        &professional(false),
        section(SectionKind::Goals),
        Action::Read
    )
    .is_allowed());
    assert_eq!(
        decide(
            &professional(true),
            section(SectionKind::Safety),
            Action::Export
        ),
        Decision::hidden(DenialReason::NoGrant)
    );
}
