//! The living plan: ETags, conditional saves, revisions, visibility for parents and relatives,
//! and private sections that the other parent cannot see or learn about.

use onsplan_shared::client::SectionScope::{Mine, Shared};
use onsplan_shared::family::Role;
use onsplan_shared::routes::{fill, SECTION};
use onsplan_shared::section::{SaveSectionRequest, SectionKind, Visibility};
use onsplan_shared::section_content::{
    Agreement, AgreementStatus, Agreements, Assignee, Concerns, Goal, Goals, SafePlace, SafetyPlan,
    SectionContent,
};
use onsplan_shared::ErrorCode;
use onsplan_tests::{spawn_app, Person, TestApp};
use reqwest::{Method, StatusCode};
use uuid::Uuid;

fn concerns(worry: &str) -> SaveSectionRequest {
    SaveSectionRequest {
        visibility: None,
        content: SectionContent::Concerns(Concerns {
            worries: vec![worry.into()],
        }),
    }
}

fn goals(scale_now: u8) -> SaveSectionRequest {
    SaveSectionRequest {
        visibility: None,
        content: SectionContent::Goals(Goals {
            goals: vec![Goal {
                id: "g1".into(),
                title: "Tom gaat elke dag naar school".into(),
                scale_now,
                next_step: "Samen de wekker zetten".into(),
            }],
        }),
    }
}

fn visible_to(visibility: Visibility, mut request: SaveSectionRequest) -> SaveSectionRequest {
    request.visibility = Some(visibility);
    request
}

/// A family with two parents and a relative.
async fn family_with_network(app: &TestApp) -> (Uuid, Person, Person, Person) {
    let mother = app.register("Mama").await;
    let father = app.register("Papa").await;
    let grandma = app.register("Oma").await;
    let family = app.family_of(&mother, "Familie Jansen").await;
    app.add_member(family.id, &father, Role::Parent).await;
    app.add_member(family.id, &grandma, Role::Relative).await;
    (family.id, mother, father, grandma)
}

#[tokio::test]
async fn a_section_read_sends_its_version_as_etag() {
    let app = spawn_app().await;
    let parent = app.register("Etag").await;
    let family = app.family_of(&parent, "Familie Etag").await;
    let path = fill(SECTION, &[&family.id.to_string(), "concerns"]);
    let response = parent
        .client
        .request(Method::GET, &path)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    assert_eq!(response.headers()["etag"], "\"0\"");

    let saved = parent
        .client
        .save_section(
            Shared,
            family.id,
            SectionKind::Concerns,
            Some(0),
            &concerns("Geld"),
        )
        .await
        .unwrap();
    assert_eq!(saved.version, 1);
    let read = parent
        .client
        .section(Shared, family.id, SectionKind::Concerns)
        .await
        .unwrap();
    assert_eq!(read.version, 1);
    assert_eq!(read.content, concerns("Geld").content);
    assert_eq!(read.updated_by.unwrap().user_id, parent.id());
}

#[tokio::test]
async fn a_save_without_if_match_is_428_and_writes_nothing() {
    let app = spawn_app().await;
    let parent = app.register("Zonder").await;
    let family = app.family_of(&parent, "Familie Zonder").await;
    let err = parent
        .client
        .save_section(
            Shared,
            family.id,
            SectionKind::Concerns,
            None,
            &concerns("Weg"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(428));
    assert_eq!(err.code(), Some(ErrorCode::PreconditionRequired));
    let read = parent
        .client
        .section(Shared, family.id, SectionKind::Concerns)
        .await
        .unwrap();
    assert_eq!(read.version, 0);
}

#[tokio::test]
async fn stale_write_is_refused_with_412_and_nothing_is_overwritten() {
    let app = spawn_app().await;
    let (family, mother, father, _) = family_with_network(&app).await;
    mother
        .client
        .save_section(
            Shared,
            family,
            SectionKind::Concerns,
            Some(0),
            &concerns("Mama's tekst"),
        )
        .await
        .unwrap();

    // Papa opened the section at version 0 too, and saves after Mama.
    let err = father
        .client
        .save_section(
            Shared,
            family,
            SectionKind::Concerns,
            Some(0),
            &concerns("Papa's tekst"),
        )
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(412));
    match &err {
        onsplan_shared::ClientError::Api { error, .. } => {
            assert_eq!(error.current_version, Some(1))
        }
        other => panic!("{other:?}"),
    }
    let read = father
        .client
        .section(Shared, family, SectionKind::Concerns)
        .await
        .unwrap();
    assert_eq!(read.version, 1);
    assert_eq!(read.content, concerns("Mama's tekst").content);
    let revisions = father
        .client
        .revisions(Shared, family, SectionKind::Concerns)
        .await
        .unwrap();
    assert_eq!(revisions.len(), 1);
}

#[tokio::test]
async fn the_412_answer_carries_the_current_etag() {
    let app = spawn_app().await;
    let parent = app.register("Tag").await;
    let family = app.family_of(&parent, "Familie Tag").await;
    parent
        .client
        .save_section(Shared, family.id, SectionKind::Goals, Some(0), &goals(3))
        .await
        .unwrap();
    let path = fill(SECTION, &[&family.id.to_string(), "goals"]);
    let response = parent
        .client
        .request(Method::PUT, &path)
        .header("if-match", "\"0\"")
        .json(&goals(4))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::PRECONDITION_FAILED);
    assert_eq!(response.headers()["etag"], "\"1\"");
}

#[tokio::test]
async fn every_save_is_kept_as_a_revision_newest_first() {
    let app = spawn_app().await;
    let (family, mother, father, _) = family_with_network(&app).await;
    mother
        .client
        .save_section(Shared, family, SectionKind::Goals, Some(0), &goals(2))
        .await
        .unwrap();
    father
        .client
        .save_section(Shared, family, SectionKind::Goals, Some(1), &goals(5))
        .await
        .unwrap();
    let revisions = mother
        .client
        .revisions(Shared, family, SectionKind::Goals)
        .await
        .unwrap();
    let seen: Vec<_> = revisions
        .iter()
        .map(|r| (r.version, r.saved_by.user_id))
        .collect();
    assert_eq!(seen, vec![(2, father.id()), (1, mother.id())]);
    assert_eq!(revisions[0].content, goals(5).content);
    assert_eq!(revisions[1].content, goals(2).content);
    assert_eq!(revisions[0].saved_by.name, "Papa");
}

#[tokio::test]
async fn every_section_kind_can_be_written_and_read_back() {
    let app = spawn_app().await;
    let parent = app.register("Alles").await;
    let family = app.family_of(&parent, "Familie Alles").await;
    let safety = SectionContent::Safety(SafetyPlan {
        warning_signs: vec!["Papa drinkt".into()],
        what_we_do: vec!["De kinderen gaan naar oma".into()],
        whom_we_call: vec![],
        safe_places: vec![SafePlace {
            name: "Bij opa en oma".into(),
            ..Default::default()
        }],
    });
    let agreements = SectionContent::Agreements(Agreements {
        items: vec![Agreement {
            id: "a1".into(),
            what: "Tom naar voetbal brengen".into(),
            who: Assignee::Person {
                name: "Buurman Kees".into(),
            },
            by_when: chrono::NaiveDate::from_ymd_opt(2026, 12, 1),
            status: AgreementStatus::Open,
            goal_id: Some("g1".into()),
            ..Default::default()
        }],
    });
    for kind in SectionKind::ALL {
        let content = match kind {
            SectionKind::Safety => safety.clone(),
            SectionKind::Agreements => agreements.clone(),
            other => SectionContent::empty(other),
        };
        let request = SaveSectionRequest {
            visibility: None,
            content: content.clone(),
        };
        parent
            .client
            .save_section(Shared, family.id, kind, Some(0), &request)
            .await
            .unwrap();
        let read = parent
            .client
            .section(Shared, family.id, kind)
            .await
            .unwrap();
        assert_eq!((read.version, read.content), (1, content), "{kind}");
    }
}

#[tokio::test]
async fn content_of_another_kind_or_breaking_a_rule_is_422_naming_the_field() {
    let app = spawn_app().await;
    let parent = app.register("Regel").await;
    let family = app.family_of(&parent, "Familie Regel").await;
    let wrong_kind = parent
        .client
        .save_section(
            Shared,
            family.id,
            SectionKind::Safety,
            Some(0),
            &concerns("x"),
        )
        .await
        .unwrap_err();
    let too_high = parent
        .client
        .save_section(Shared, family.id, SectionKind::Goals, Some(0), &goals(11))
        .await
        .unwrap_err();
    for (err, field) in [
        (wrong_kind, "content.kind"),
        (too_high, "content.goals.0.scale_now"),
    ] {
        match err {
            onsplan_shared::ClientError::Api { status, error } => {
                assert_eq!(status, 422);
                assert_eq!(error.field.as_deref(), Some(field));
            }
            other => panic!("{other:?}"),
        }
    }
}

#[tokio::test]
async fn a_relative_reads_network_sections_and_parents_sections_do_not_exist_for_them() {
    let app = spawn_app().await;
    let (family, mother, _, grandma) = family_with_network(&app).await;
    mother
        .client
        .save_section(
            Shared,
            family,
            SectionKind::Concerns,
            Some(0),
            &concerns("Schulden"),
        )
        .await
        .unwrap();

    let listed = grandma.client.sections(Shared, family).await.unwrap();
    assert!(listed.iter().all(|s| s.visibility == Visibility::Network));
    assert!(!listed.iter().any(|s| s.kind == SectionKind::Concerns));
    assert_eq!(
        listed.len(),
        SectionKind::ALL
            .iter()
            .filter(|k| k.default_visibility() == Visibility::Network)
            .count()
    );

    let hidden = grandma
        .client
        .section(Shared, family, SectionKind::Concerns)
        .await
        .unwrap_err();
    assert_eq!(hidden.status(), Some(404));
    let hidden_history = grandma
        .client
        .revisions(Shared, family, SectionKind::Concerns)
        .await
        .unwrap_err();
    assert_eq!(hidden_history.status(), Some(404));
    assert!(grandma
        .client
        .section(Shared, family, SectionKind::Goals)
        .await
        .is_ok());
    // Safe by default: a new family's safety plan and children's words start with the parents.
    for kind in [SectionKind::Safety, SectionKind::Children] {
        let hidden = grandma
            .client
            .section(Shared, family, kind)
            .await
            .unwrap_err();
        assert_eq!(hidden.status(), Some(404), "{kind}");
    }

    // Once the parents share it with the network, the relative sees it.
    mother
        .client
        .save_section(
            Shared,
            family,
            SectionKind::Concerns,
            Some(1),
            &visible_to(Visibility::Network, concerns("Schulden")),
        )
        .await
        .unwrap();
    assert!(grandma
        .client
        .section(Shared, family, SectionKind::Concerns)
        .await
        .is_ok());
}

#[tokio::test]
async fn a_relative_cannot_write_any_section() {
    let app = spawn_app().await;
    let (family, _, _, grandma) = family_with_network(&app).await;
    let visible = grandma
        .client
        .save_section(Shared, family, SectionKind::Goals, Some(0), &goals(1))
        .await
        .unwrap_err();
    assert_eq!(visible.status(), Some(403));
    let invisible = grandma
        .client
        .save_section(
            Shared,
            family,
            SectionKind::Concerns,
            Some(0),
            &concerns("x"),
        )
        .await
        .unwrap_err();
    assert_eq!(invisible.status(), Some(404));
    let private = grandma
        .client
        .save_section(
            Mine,
            family,
            SectionKind::Safety,
            Some(0),
            &SaveSectionRequest {
                visibility: None,
                content: SectionContent::empty(SectionKind::Safety),
            },
        )
        .await
        .unwrap_err();
    assert_eq!(private.status(), Some(403));
    let unchanged = grandma
        .client
        .section(Shared, family, SectionKind::Goals)
        .await
        .unwrap();
    assert_eq!(unchanged.version, 0);
}

#[tokio::test]
async fn a_relative_sees_no_revision_saved_while_the_section_was_for_parents_only() {
    let app = spawn_app().await;
    let (family, mother, _, grandma) = family_with_network(&app).await;
    mother
        .client
        .save_section(
            Shared,
            family,
            SectionKind::Goals,
            Some(0),
            &visible_to(Visibility::Parents, goals(1)),
        )
        .await
        .unwrap();
    mother
        .client
        .save_section(
            Shared,
            family,
            SectionKind::Goals,
            Some(1),
            &visible_to(Visibility::Network, goals(6)),
        )
        .await
        .unwrap();
    let revisions = grandma
        .client
        .revisions(Shared, family, SectionKind::Goals)
        .await
        .unwrap();
    let versions: Vec<i64> = revisions.iter().map(|r| r.version).collect();
    assert_eq!(versions, vec![2]);
    assert_eq!(
        mother
            .client
            .revisions(Shared, family, SectionKind::Goals)
            .await
            .unwrap()
            .len(),
        2
    );
}

#[tokio::test]
async fn a_private_section_is_invisible_to_the_other_parent_who_cannot_learn_it_exists() {
    let app = spawn_app().await;
    let (family, mother, father, _) = family_with_network(&app).await;
    let before = father.client.sections(Shared, family).await.unwrap();

    let flee_plan = SaveSectionRequest {
        visibility: None,
        content: SectionContent::Safety(SafetyPlan {
            safe_places: vec![SafePlace {
                name: "Blijf-van-m'n-lijf-huis".into(),
                address: "Geheim adres 1".into(),
                note: String::new(),
            }],
            ..Default::default()
        }),
    };
    let saved = mother
        .client
        .save_section(Mine, family, SectionKind::Safety, Some(0), &flee_plan)
        .await
        .unwrap();
    assert_eq!((saved.version, saved.visibility), (1, Visibility::OnlyMe));

    // The mother sees her own private section.
    let mine = mother.client.sections(Mine, family).await.unwrap();
    assert_eq!(
        mine.iter().map(|s| s.kind).collect::<Vec<_>>(),
        vec![SectionKind::Safety]
    );
    assert_eq!(
        mother
            .client
            .section(Mine, family, SectionKind::Safety)
            .await
            .unwrap()
            .content,
        flee_plan.content
    );

    // The father: his own private list is empty, his own safety section unwritten, and the
    // shared plan looks exactly as before.
    assert!(father
        .client
        .sections(Mine, family)
        .await
        .unwrap()
        .is_empty());
    let his = father
        .client
        .section(Mine, family, SectionKind::Safety)
        .await
        .unwrap();
    assert_eq!(his.version, 0);
    assert_eq!(his.content, SectionContent::empty(SectionKind::Safety));
    assert!(father
        .client
        .revisions(Mine, family, SectionKind::Safety)
        .await
        .unwrap()
        .is_empty());
    assert_eq!(
        father.client.sections(Shared, family).await.unwrap(),
        before
    );
    let shared_safety = father
        .client
        .section(Shared, family, SectionKind::Safety)
        .await
        .unwrap();
    assert_eq!(shared_safety.version, 0);
}

#[tokio::test]
async fn the_shared_plan_refuses_only_me_and_private_sections_refuse_sharing() {
    let app = spawn_app().await;
    let parent = app.register("Keuze").await;
    let family = app.family_of(&parent, "Familie Keuze").await;
    let shared = parent
        .client
        .save_section(
            Shared,
            family.id,
            SectionKind::Concerns,
            Some(0),
            &visible_to(Visibility::OnlyMe, concerns("x")),
        )
        .await
        .unwrap_err();
    assert_eq!(shared.status(), Some(422));
    let private = parent
        .client
        .save_section(
            Mine,
            family.id,
            SectionKind::Concerns,
            Some(0),
            &visible_to(Visibility::Network, concerns("x")),
        )
        .await
        .unwrap_err();
    assert_eq!(private.status(), Some(422));
}

#[tokio::test]
async fn a_private_section_follows_the_same_version_rules() {
    let app = spawn_app().await;
    let parent = app.register("Versie").await;
    let family = app.family_of(&parent, "Familie Versie").await;
    let not_yet = parent
        .client
        .save_section(
            Mine,
            family.id,
            SectionKind::Concerns,
            Some(3),
            &concerns("x"),
        )
        .await
        .unwrap_err();
    assert_eq!(not_yet.status(), Some(412));
    parent
        .client
        .save_section(
            Mine,
            family.id,
            SectionKind::Concerns,
            Some(0),
            &concerns("een"),
        )
        .await
        .unwrap();
    let stale = parent
        .client
        .save_section(
            Mine,
            family.id,
            SectionKind::Concerns,
            Some(0),
            &concerns("twee"),
        )
        .await
        .unwrap_err();
    assert_eq!(stale.status(), Some(412));
    let missing = parent
        .client
        .save_section(
            Mine,
            family.id,
            SectionKind::Concerns,
            None,
            &concerns("drie"),
        )
        .await
        .unwrap_err();
    assert_eq!(missing.status(), Some(428));
    let read = parent
        .client
        .section(Mine, family.id, SectionKind::Concerns)
        .await
        .unwrap();
    assert_eq!((read.version, read.content), (1, concerns("een").content));
}

#[tokio::test]
async fn a_weak_or_wildcard_if_match_is_400() {
    let app = spawn_app().await;
    let parent = app.register("Zwak").await;
    let family = app.family_of(&parent, "Familie Zwak").await;
    let path = fill(SECTION, &[&family.id.to_string(), "concerns"]);
    for value in ["W/\"0\"", "*", "nul"] {
        let response = parent
            .client
            .request(Method::PUT, &path)
            .header("if-match", value)
            .json(&concerns("x"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::BAD_REQUEST, "{value}");
    }
}

#[tokio::test]
async fn an_unknown_section_kind_is_404() {
    let app = spawn_app().await;
    let parent = app.register("Soort").await;
    let family = app.family_of(&parent, "Familie Soort").await;
    let path = fill(SECTION, &[&family.id.to_string(), "secrets"]);
    let response = parent
        .client
        .request(Method::GET, &path)
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
}
