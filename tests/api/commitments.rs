//! Commitments on agreements ("Ik doe dit"): members who can see an agreement take it, the
//! taker marks it done or hands it back, parents assign; a relative always sees their own
//! commitments; removal makes the removed person's open commitments open again; and a take
//! never loses a parent's edit of the agreements section, nor the other way round.

use onsplan_shared::access_log::{AccessLogQuery, LogAction, LogOutcome};
use onsplan_shared::client::SectionScope::Shared;
use onsplan_shared::commitment::{
    AssignAgreementRequest, CommitmentItem, CommitmentsResponse, ReleaseAgreementRequest,
    TakeAgreementRequest,
};
use onsplan_shared::family::Role;
use onsplan_shared::section::{SaveSectionRequest, SectionKind, Visibility};
use onsplan_shared::section_content::{Agreement, AgreementStatus, Agreements, SectionContent};
use onsplan_shared::ErrorCode;
use onsplan_tests::{spawn_app, Person, TestApp};
use uuid::Uuid;

fn agreement(id: &str, what: &str) -> Agreement {
    Agreement {
        id: id.into(),
        what: what.into(),
        by_when: chrono::NaiveDate::from_ymd_opt(2026, 12, 24),
        ..Default::default()
    }
}

fn agreements(items: Vec<Agreement>) -> SectionContent {
    SectionContent::Agreements(Agreements { items })
}

/// A family with a parent and a relative, and agreements `a1` and `a2` at `visibility`.
async fn family_with_agreements(app: &TestApp, visibility: Visibility) -> (Person, Person, Uuid) {
    let parent = app.register("Moeder").await;
    let relative = app.register("Oma").await;
    let family = app.family_of(&parent, "Familie Afspraak").await.id;
    app.add_member(family, &relative, Role::Relative).await;
    let request = SaveSectionRequest {
        visibility: Some(visibility),
        content: agreements(vec![
            agreement("a1", "Tom naar voetbal brengen"),
            agreement("a2", "Koken op woensdag"),
        ]),
    };
    parent
        .client
        .save_section(Shared, family, SectionKind::Agreements, Some(0), &request)
        .await
        .unwrap();
    (parent, relative, family)
}

fn item<'a>(list: &'a CommitmentsResponse, id: &str) -> &'a CommitmentItem {
    list.items
        .iter()
        .find(|i| i.agreement_id == id)
        .unwrap_or_else(|| panic!("{id} is in the list: {list:?}"))
}

fn stored(content: &SectionContent) -> &[Agreement] {
    match content {
        SectionContent::Agreements(a) => &a.items,
        other => panic!("unexpected content {other:?}"),
    }
}

#[tokio::test]
async fn a_relative_takes_a_shared_agreement_marks_it_done_and_the_parent_sees_who_did_it() {
    let app = spawn_app().await;
    let (parent, relative, family) = family_with_agreements(&app, Visibility::Network).await;

    let before = relative.client.commitments(family).await.unwrap();
    assert!(item(&before, "a1").may_take);
    assert!(!item(&before, "a1").may_assign);

    let due = chrono::NaiveDate::from_ymd_opt(2026, 12, 20);
    let taken = relative
        .client
        .take_agreement(family, "a1", &TakeAgreementRequest { due })
        .await
        .unwrap();
    let mine = item(&taken, "a1");
    let commitment = mine.commitment.as_ref().expect("taken");
    assert_eq!((commitment.taker, commitment.due), (relative.id(), due));
    assert!(mine.may_done && mine.may_release && !mine.may_take);
    assert_eq!(taken.version, 2);

    let done = relative
        .client
        .finish_agreement(family, "a1")
        .await
        .unwrap();
    assert_eq!(item(&done, "a1").status, AgreementStatus::Done);

    let seen = parent.client.commitments(family).await.unwrap();
    let a1 = item(&seen, "a1");
    assert_eq!(a1.taker_name.as_deref(), Some("Oma"));
    assert!(a1.commitment.as_ref().unwrap().done_at.is_some());
    assert_eq!(a1.status, AgreementStatus::Done);
    assert!(item(&seen, "a1").may_assign);
    // The state lives in the section: the parent's editor sees it too, at a new version.
    let section = parent
        .client
        .section(Shared, family, SectionKind::Agreements)
        .await
        .unwrap();
    assert_eq!(section.version, 3);
    assert_eq!(stored(&section.content)[0].status, AgreementStatus::Done);

    let log = parent
        .client
        .access_log(family, &AccessLogQuery::default())
        .await
        .unwrap();
    for action in [LogAction::TakeAgreement, LogAction::FinishAgreement] {
        let row = log
            .iter()
            .find(|row| row.action == action)
            .unwrap_or_else(|| panic!("{action:?} is logged"));
        assert_eq!(row.actor_id, Some(relative.id()));
        assert_eq!(row.outcome, LogOutcome::Allowed);
    }
}

#[tokio::test]
async fn a_relative_cannot_take_from_a_parents_only_section_nor_finish_anothers_commitment() {
    let app = spawn_app().await;
    let (_parent, relative, family) = family_with_agreements(&app, Visibility::Parents).await;
    let hidden = relative
        .client
        .take_agreement(family, "a1", &TakeAgreementRequest::default())
        .await
        .unwrap_err();
    assert_eq!(hidden.status(), Some(404));
    assert!(relative
        .client
        .commitments(family)
        .await
        .unwrap()
        .items
        .is_empty());

    let app = spawn_app().await;
    let (parent, relative, family) = family_with_agreements(&app, Visibility::Network).await;
    parent
        .client
        .take_agreement(family, "a1", &TakeAgreementRequest::default())
        .await
        .unwrap();
    for refused in [
        relative.client.finish_agreement(family, "a1").await,
        relative
            .client
            .release_agreement(family, "a1", &ReleaseAgreementRequest::default())
            .await,
        relative
            .client
            .take_agreement(family, "a1", &TakeAgreementRequest::default())
            .await,
    ] {
        assert_eq!(refused.unwrap_err().status(), Some(403));
    }
    let assign = AssignAgreementRequest {
        member: relative.id(),
        due: None,
    };
    let refused = relative
        .client
        .assign_agreement(family, "a2", &assign)
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(403));
    let unknown = relative
        .client
        .take_agreement(family, "zz", &TakeAgreementRequest::default())
        .await
        .unwrap_err();
    assert_eq!(unknown.status(), Some(404));
}

#[tokio::test]
async fn a_parent_assigns_an_agreement_and_the_relative_sees_it_even_in_a_parents_only_section() {
    let app = spawn_app().await;
    let (parent, relative, family) = family_with_agreements(&app, Visibility::Parents).await;
    let assign = AssignAgreementRequest {
        member: relative.id(),
        due: None,
    };
    parent
        .client
        .assign_agreement(family, "a2", &assign)
        .await
        .unwrap();

    let mine = relative.client.commitments(family).await.unwrap();
    assert_eq!(mine.items.len(), 1, "only their own: {mine:?}");
    let a2 = item(&mine, "a2");
    let commitment = a2.commitment.as_ref().unwrap();
    assert_eq!(commitment.taker, relative.id());
    assert_eq!(commitment.assigned_by, Some(parent.id()));
    assert_eq!(
        commitment.due,
        chrono::NaiveDate::from_ymd_opt(2026, 12, 24)
    );
    assert!(a2.may_done && a2.may_release);

    let back = relative
        .client
        .release_agreement(
            family,
            "a2",
            &ReleaseAgreementRequest {
                word: Some("Lukt me deze maand niet".into()),
            },
        )
        .await
        .unwrap();
    assert!(back.items.is_empty(), "handed back, so no longer theirs");
    let seen = parent.client.commitments(family).await.unwrap();
    let a2 = item(&seen, "a2");
    assert!(a2.commitment.is_none());
    assert_eq!(
        a2.handed_back.as_ref().unwrap().word,
        "Lukt me deze maand niet"
    );
    assert_eq!(a2.handed_back_by_name.as_deref(), Some("Oma"));

    let stranger = AssignAgreementRequest {
        member: Uuid::new_v4(),
        due: None,
    };
    let refused = parent
        .client
        .assign_agreement(family, "a2", &stranger)
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(422));
}

#[tokio::test]
async fn removing_a_member_makes_their_open_commitments_open_again() {
    let app = spawn_app().await;
    let (parent, relative, family) = family_with_agreements(&app, Visibility::Network).await;
    for id in ["a1", "a2"] {
        relative
            .client
            .take_agreement(family, id, &TakeAgreementRequest::default())
            .await
            .unwrap();
    }
    relative
        .client
        .finish_agreement(family, "a2")
        .await
        .unwrap();

    parent
        .client
        .remove_member(family, relative.id())
        .await
        .unwrap();

    let seen = parent.client.commitments(family).await.unwrap();
    let a1 = item(&seen, "a1");
    assert!(a1.commitment.is_none(), "open again: {a1:?}");
    assert!(a1.may_take);
    let a2 = item(&seen, "a2");
    assert_eq!(a2.commitment.as_ref().unwrap().taker, relative.id());
    assert_eq!(a2.status, AgreementStatus::Done);
}

#[tokio::test]
async fn a_take_and_a_parents_edit_racing_never_lose_each_other() {
    const ROUNDS: usize = 30;
    let app = spawn_app().await;
    let parent = app.register("Vader").await;
    let relative = app.register("Buurvrouw").await;
    let family = app.family_of(&parent, "Familie Race").await.id;
    app.add_member(family, &relative, Role::Relative).await;
    let start = (0..ROUNDS)
        .map(|i| agreement(&format!("r{i}"), "Meehelpen"))
        .collect();
    parent
        .client
        .save_section(
            Shared,
            family,
            SectionKind::Agreements,
            Some(0),
            &SaveSectionRequest {
                visibility: Some(Visibility::Network),
                content: agreements(start),
            },
        )
        .await
        .unwrap();

    let (mut takes, mut edits, mut refused) = (0, 0, 0);
    for round in 0..ROUNDS {
        let section = parent
            .client
            .section(Shared, family, SectionKind::Agreements)
            .await
            .unwrap();
        let mut items = stored(&section.content).to_vec();
        items.push(agreement(&format!("p{round}"), "Nieuw van de ouder"));
        let edit = SaveSectionRequest {
            visibility: None,
            content: agreements(items),
        };
        let take_id = format!("r{round}");
        let take = TakeAgreementRequest::default();
        let (took, edited) = tokio::join!(
            relative.client.take_agreement(family, &take_id, &take),
            parent.client.save_section(
                Shared,
                family,
                SectionKind::Agreements,
                Some(section.version),
                &edit
            ),
        );
        for outcome in [took.as_ref().err(), edited.as_ref().err()]
            .into_iter()
            .flatten()
        {
            assert_eq!(
                outcome.code(),
                Some(ErrorCode::VersionConflict),
                "{outcome}"
            );
            refused += 1;
        }
        let after = parent
            .client
            .section(Shared, family, SectionKind::Agreements)
            .await
            .unwrap();
        let items = stored(&after.content);
        if took.is_ok() {
            takes += 1;
            let taken = items.iter().find(|a| a.id == take_id).unwrap();
            assert_eq!(
                taken.commitment.as_ref().map(|c| c.taker),
                Some(relative.id()),
                "round {round}: the take was lost"
            );
        }
        if edited.is_ok() {
            edits += 1;
            assert!(
                items.iter().any(|a| a.id == format!("p{round}")),
                "round {round}: the parent's edit was lost"
            );
        }
    }
    assert_eq!(takes + edits + refused, 2 * ROUNDS);
    assert!(takes > 0, "some takes landed");
}
