//! Fixed versions of the plan end to end: a parent fixes the plan as it is, later edits leave
//! the version alone, members stand behind it, each reader sees only what they may (relatives
//! the network sections, professionals the granted ones, logged), and two versions compare.

use chrono::NaiveDate;
use onsplan_shared::access_log::{AccessLogQuery, DenialReason, LogAction, LogBasis, LogOutcome};
use onsplan_shared::client::SectionScope::{Mine, Shared};
use onsplan_shared::consent::{CreateGrantRequest, GrantedSection, LinkProfessionalRequest};
use onsplan_shared::family::Role;
use onsplan_shared::routes::{fill, VERSIONS};
use onsplan_shared::section::{SaveSectionRequest, SectionKind, Visibility};
use onsplan_shared::section_content::{
    AboutUs, Concerns, Goal, Goals, SafePlace, SafetyPlan, SectionContent,
};
use onsplan_shared::version::{FixVersionRequest, PlanVersion, SectionChangeKind};
use onsplan_shared::ErrorCode;
use onsplan_tests::{spawn_app, Person, TestApp};
use reqwest::{Method, StatusCode};
use uuid::Uuid;

/// A family with two parents and a relative; goals (network) and concerns (parents) written,
/// and the mother's private safety plan.
struct World {
    app: TestApp,
    family: Uuid,
    mother: Person,
    father: Person,
    relative: Person,
}

async fn world() -> World {
    let app = spawn_app().await;
    let mother = app.register("Mama").await;
    let father = app.register("Papa").await;
    let relative = app.register("Oma").await;
    let family = app.family_of(&mother, "Familie Bakker").await.id;
    app.add_member(family, &father, Role::Parent).await;
    app.add_member(family, &relative, Role::Relative).await;
    mother
        .write_first(Shared, family, goals("Rust in huis"))
        .await;
    mother
        .write_first(
            Shared,
            family,
            SectionContent::Concerns(Concerns {
                worries: vec!["Schulden".into()],
            }),
        )
        .await;
    mother
        .write_first(
            Mine,
            family,
            SectionContent::Safety(SafetyPlan {
                safe_places: vec![SafePlace {
                    name: "Geheim adres".into(),
                    ..Default::default()
                }],
                ..Default::default()
            }),
        )
        .await;
    World {
        app,
        family,
        mother,
        father,
        relative,
    }
}

fn goals(title: &str) -> SectionContent {
    SectionContent::Goals(Goals {
        goals: vec![Goal {
            id: "g1".into(),
            title: title.into(),
            scale_now: 4,
            next_step: String::new(),
        }],
    })
}

fn fix_request(title: &str) -> FixVersionRequest {
    FixVersionRequest {
        title: title.into(),
        agreed_on: NaiveDate::from_ymd_opt(2026, 3, 12).unwrap(),
    }
}

async fn fix(parent: &Person, family: Uuid, title: &str) -> PlanVersion {
    parent
        .client
        .fix_version(family, &fix_request(title))
        .await
        .expect("a parent fixes a version")
}

async fn save(parent: &Person, family: Uuid, based_on: i64, content: SectionContent) {
    save_as(parent, family, based_on, content, None).await;
}

async fn save_as(
    parent: &Person,
    family: Uuid,
    based_on: i64,
    content: SectionContent,
    visibility: Option<Visibility>,
) {
    let kind = content.kind();
    parent
        .client
        .save_section(
            Shared,
            family,
            kind,
            Some(based_on),
            &SaveSectionRequest {
                visibility,
                content,
            },
        )
        .await
        .unwrap();
}

fn kinds(version: &PlanVersion) -> Vec<SectionKind> {
    version.sections.iter().map(|s| s.kind).collect()
}

fn section(version: &PlanVersion, kind: SectionKind) -> &SectionContent {
    &version
        .sections
        .iter()
        .find(|s| s.kind == kind)
        .expect("the section is in the version")
        .content
}

#[tokio::test]
async fn a_fixed_version_keeps_the_shared_plan_as_it_was_and_never_a_private_section() {
    let w = world().await;
    let fixed = fix(
        &w.mother,
        w.family,
        "  Plan na de familiebijeenkomst van 12 maart  ",
    )
    .await;
    assert_eq!(
        fixed.summary.title,
        "Plan na de familiebijeenkomst van 12 maart"
    );
    assert_eq!(fixed.summary.fixed_by.name, "Mama");
    assert_eq!(fixed.sections.len(), SectionKind::ALL.len());
    assert!(fixed
        .sections
        .iter()
        .all(|s| s.visibility != Visibility::OnlyMe));

    save(&w.mother, w.family, 1, goals("Elke dag samen eten")).await;

    let read = w
        .father
        .client
        .version(w.family, fixed.summary.id)
        .await
        .unwrap();
    assert_eq!(section(&read, SectionKind::Goals), &goals("Rust in huis"));
    let goals_section = read
        .sections
        .iter()
        .find(|s| s.kind == SectionKind::Goals)
        .unwrap();
    assert_eq!(goals_section.version, 1);
    let body = serde_json::to_string(&read).unwrap();
    assert!(!body.contains("Geheim adres"), "a private section leaked");

    let list = w.father.client.versions(w.family).await.unwrap();
    assert!(list.may_fix);
    assert_eq!(list.versions.len(), 1);
    assert_eq!(list.versions[0].agreed_on.to_string(), "2026-03-12");
    assert!(list.versions[0].may_endorse);
}

#[tokio::test]
async fn relatives_read_the_network_sections_of_a_version_as_it_was_and_are_logged() {
    let w = world().await;
    let fixed = fix(&w.mother, w.family, "Plan van maart").await;
    // Shared with the network only after the version was fixed: the version keeps it private.
    save_as(
        &w.mother,
        w.family,
        1,
        SectionContent::Concerns(Concerns {
            worries: vec!["Schulden".into()],
        }),
        Some(Visibility::Network),
    )
    .await;

    let read = w
        .relative
        .client
        .version(w.family, fixed.summary.id)
        .await
        .unwrap();
    assert!(read
        .sections
        .iter()
        .all(|s| s.visibility == Visibility::Network));
    assert!(kinds(&read).contains(&SectionKind::Goals));
    assert!(!kinds(&read).contains(&SectionKind::Concerns));
    assert!(!serde_json::to_string(&read).unwrap().contains("Schulden"));

    let list = w.relative.client.versions(w.family).await.unwrap();
    assert!(!list.may_fix);
    assert!(list.versions[0].may_endorse);
    let refused = w
        .relative
        .client
        .fix_version(w.family, &fix_request("Mijn plan"))
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(403));

    let log = w
        .mother
        .client
        .access_log(
            w.family,
            &AccessLogQuery {
                actor: Some(w.relative.id()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let goals_read = log
        .iter()
        .find(|r| r.section == Some(SectionKind::Goals) && r.action == LogAction::Read)
        .expect("the relative's read of the version is logged");
    assert_eq!(goals_read.outcome, LogOutcome::Allowed);
    assert_eq!(goals_read.basis, Some(LogBasis::Relative));
    assert!(log.iter().all(|r| r.section != Some(SectionKind::Concerns)));
    assert!(
        log.iter().any(|r| r.action == LogAction::Write
            && r.outcome == LogOutcome::Denied
            && r.denial_reason == Some(DenialReason::OnlyParents)),
        "the relative's refused fix is on the record: {log:?}"
    );
}

#[tokio::test]
async fn professionals_read_only_granted_sections_of_a_version_and_every_look_is_logged() {
    let w = world().await;
    let fixed = fix(&w.mother, w.family, "Plan van maart").await;
    let (_, org_admin) = w.app.organisation("Wijkteam Zuid").await;
    let pro = w.app.professional(&org_admin, "Jan de Vries").await;

    // Not linked: nothing, and the refused look is on the record.
    let unlinked = pro
        .client
        .version(w.family, fixed.summary.id)
        .await
        .unwrap_err();
    assert_eq!(unlinked.status(), Some(404));
    w.mother
        .client
        .link_professional(
            w.family,
            &LinkProfessionalRequest {
                email: pro.me.email.clone(),
            },
        )
        .await
        .unwrap();
    // Linked without a grant: still nothing.
    for status in [
        pro.client.versions(w.family).await.unwrap_err().status(),
        pro.client
            .version(w.family, fixed.summary.id)
            .await
            .unwrap_err()
            .status(),
    ] {
        assert_eq!(status, Some(404));
    }

    let grant = w
        .mother
        .client
        .create_grant(
            w.family,
            &CreateGrantRequest {
                professional_id: pro.id(),
                sections: vec![GrantedSection::shared(SectionKind::Concerns)],
                can_comment: false,
                can_export: false,
                valid_from: None,
                valid_until: None,
            },
        )
        .await
        .unwrap();
    let read = pro
        .client
        .version(w.family, fixed.summary.id)
        .await
        .unwrap();
    assert_eq!(kinds(&read), vec![SectionKind::Concerns]);
    assert!(!read.summary.may_endorse);
    let list = pro.client.versions(w.family).await.unwrap();
    assert!(!list.may_fix);
    let endorse = pro
        .client
        .endorse_version(w.family, fixed.summary.id)
        .await
        .unwrap_err();
    assert_eq!(endorse.status(), Some(403));
    let fix_attempt = pro
        .client
        .fix_version(w.family, &fix_request("Mijn plan"))
        .await
        .unwrap_err();
    assert_eq!(fix_attempt.status(), Some(403));

    let log = w
        .mother
        .client
        .access_log(
            w.family,
            &AccessLogQuery {
                actor: Some(pro.id()),
                ..Default::default()
            },
        )
        .await
        .unwrap();
    let allowed: Vec<_> = log
        .iter()
        .filter(|r| r.action == LogAction::Read && r.outcome == LogOutcome::Allowed)
        .collect();
    assert_eq!(allowed.len(), 1, "one granted section read: {log:?}");
    assert_eq!(allowed[0].section, Some(SectionKind::Concerns));
    assert_eq!(allowed[0].section_version, Some(1));
    assert_eq!(
        allowed[0].basis,
        Some(LogBasis::Grant { grant_id: grant.id })
    );
    assert_eq!(allowed[0].organisation.as_deref(), Some("Wijkteam Zuid"));
    let denials: Vec<_> = log
        .iter()
        .filter(|r| r.outcome == LogOutcome::Denied)
        .filter_map(|r| r.denial_reason)
        .collect();
    assert!(denials.contains(&DenialReason::NotLinked), "{denials:?}");
    assert!(denials.contains(&DenialReason::NoGrant), "{denials:?}");
}

#[tokio::test]
async fn members_stand_behind_a_version_once_and_can_take_it_back() {
    let w = world().await;
    let fixed = fix(&w.mother, w.family, "Plan van maart").await;
    let id = fixed.summary.id;
    w.mother.client.endorse_version(w.family, id).await.unwrap();
    // Twice at once and once more: still one endorsement.
    let (a, b) = tokio::join!(
        w.relative.client.endorse_version(w.family, id),
        w.relative.client.endorse_version(w.family, id),
    );
    a.unwrap();
    b.unwrap();
    let again = w
        .relative
        .client
        .endorse_version(w.family, id)
        .await
        .unwrap();
    assert!(again.endorsed_by_me);

    let list = w.father.client.versions(w.family).await.unwrap();
    let names: Vec<&str> = list.versions[0]
        .endorsements
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    assert_eq!(names, vec!["Mama", "Oma"]);
    assert!(!list.versions[0].endorsed_by_me);

    let taken_back = w
        .relative
        .client
        .withdraw_endorsement(w.family, id)
        .await
        .unwrap();
    assert!(!taken_back.endorsed_by_me);
    let names: Vec<String> = taken_back
        .endorsements
        .iter()
        .map(|e| e.name.clone())
        .collect();
    assert_eq!(names, vec!["Mama".to_string()]);
    // Taking back what is not there changes nothing.
    w.relative
        .client
        .withdraw_endorsement(w.family, id)
        .await
        .unwrap();
    let read = w.mother.client.version(w.family, id).await.unwrap();
    assert_eq!(read.summary.endorsements.len(), 1);
}

#[tokio::test]
async fn comparing_versions_names_added_changed_removed_and_unchanged_sections() {
    let w = world().await;
    w.mother
        .write_first(
            Shared,
            w.family,
            SectionContent::About(AboutUs {
                who_we_are: "Wij zijn de Bakkers".into(),
                ..Default::default()
            }),
        )
        .await;
    let first = fix(&w.mother, w.family, "Maart").await.summary.id;
    save(
        &w.mother,
        w.family,
        1,
        SectionContent::Goals(Goals {
            goals: vec![
                Goal {
                    id: "g1".into(),
                    title: "Rust in huis".into(),
                    scale_now: 7,
                    next_step: String::new(),
                },
                Goal {
                    id: "g2".into(),
                    title: "Werk vinden".into(),
                    scale_now: 2,
                    next_step: String::new(),
                },
            ],
        }),
    )
    .await;
    w.mother
        .write_first(
            Shared,
            w.family,
            SectionContent::Strengths(Default::default()),
        )
        .await;
    let second = fix(&w.mother, w.family, "Juni").await.summary.id;

    let forward = w
        .father
        .client
        .compare_versions(w.family, first, second)
        .await
        .unwrap();
    let change_of = |kind| {
        forward
            .sections
            .iter()
            .find(|s| s.kind == kind)
            .map(|s| s.change)
    };
    assert_eq!(
        change_of(SectionKind::About),
        Some(SectionChangeKind::Unchanged)
    );
    assert_eq!(
        change_of(SectionKind::Strengths),
        Some(SectionChangeKind::Added)
    );
    assert_eq!(
        change_of(SectionKind::Goals),
        Some(SectionChangeKind::Changed)
    );
    assert_eq!(
        change_of(SectionKind::Concerns),
        Some(SectionChangeKind::Unchanged)
    );
    let goals = forward
        .sections
        .iter()
        .find(|s| s.kind == SectionKind::Goals)
        .unwrap();
    assert_eq!(goals.fields.len(), 1);
    assert_eq!(goals.fields[0].field, "goals");
    assert_eq!(goals.fields[0].added, vec!["Werk vinden".to_string()]);
    assert_eq!(goals.fields[0].changed, vec!["Rust in huis".to_string()]);

    let backward = w
        .father
        .client
        .compare_versions(w.family, second, first)
        .await
        .unwrap();
    assert!(backward
        .sections
        .iter()
        .any(|s| s.kind == SectionKind::Strengths && s.change == SectionChangeKind::Removed));

    // A relative compares only what they may read in both: never the parents' concerns.
    let relative_view = w
        .relative
        .client
        .compare_versions(w.family, first, second)
        .await
        .unwrap();
    assert!(relative_view
        .sections
        .iter()
        .all(|s| s.kind != SectionKind::Concerns));
    assert!(relative_view
        .sections
        .iter()
        .any(|s| s.kind == SectionKind::Goals));
}

async fn post_raw(person: &Person, family: Uuid, body: &str) -> (StatusCode, ErrorCode) {
    let response = person
        .client
        .request(Method::POST, &fill(VERSIONS, &[&family.to_string()]))
        .header("content-type", "application/json")
        .body(body.to_string())
        .send()
        .await
        .unwrap();
    let status = response.status();
    let error: onsplan_shared::ApiError = response.json().await.unwrap();
    (status, error.code)
}

#[tokio::test]
async fn bad_version_requests_get_4xx_and_fix_nothing() {
    let w = world().await;
    let long = "a".repeat(201);
    for (body, status, code) in [
        (
            r#"{"title":"","agreed_on":"2026-03-12"}"#.to_string(),
            422,
            ErrorCode::ValidationFailed,
        ),
        (
            r#"{"title":"   ","agreed_on":"2026-03-12"}"#.to_string(),
            422,
            ErrorCode::ValidationFailed,
        ),
        (
            format!(r#"{{"title":"{long}","agreed_on":"2026-03-12"}}"#),
            422,
            ErrorCode::ValidationFailed,
        ),
        (
            r#"{"title":"Plan\u0000B","agreed_on":"2026-03-12"}"#.to_string(),
            422,
            ErrorCode::ValidationFailed,
        ),
        (
            r#"{"title":"Plan","agreed_on":"2026-03-12","sections":[]}"#.to_string(),
            400,
            ErrorCode::InvalidJson,
        ),
        (
            r#"{"title":"Plan","agreed_on":"12 maart"}"#.to_string(),
            400,
            ErrorCode::InvalidJson,
        ),
        (
            r#"{"title":"Plan"}"#.to_string(),
            400,
            ErrorCode::InvalidJson,
        ),
    ] {
        let (got_status, got_code) = post_raw(&w.mother, w.family, &body).await;
        assert_eq!((got_status.as_u16(), got_code), (status, code), "{body}");
    }
    let list = w.mother.client.versions(w.family).await.unwrap();
    assert!(list.versions.is_empty());
}

#[tokio::test]
async fn outsiders_and_ids_from_elsewhere_get_404() {
    let w = world().await;
    let fixed = fix(&w.mother, w.family, "Plan van maart").await.summary.id;
    let outsider = w.app.register("Buurman").await;
    let other_family = w.app.family_of(&outsider, "Familie Anders").await.id;
    let elsewhere = fix(&outsider, other_family, "Ander plan").await.summary.id;

    assert_eq!(
        outsider
            .client
            .versions(w.family)
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );
    assert_eq!(
        outsider
            .client
            .version(w.family, fixed)
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );
    assert_eq!(
        outsider
            .client
            .endorse_version(w.family, fixed)
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );
    assert_eq!(
        outsider
            .client
            .fix_version(w.family, &fix_request("Overname"))
            .await
            .unwrap_err()
            .status(),
        Some(404)
    );
    // A member asking for another family's version through their own family: not there.
    for id in [elsewhere, Uuid::new_v4()] {
        let err = w.mother.client.version(w.family, id).await.unwrap_err();
        assert_eq!(err.status(), Some(404));
        assert_eq!(err.code(), Some(ErrorCode::NotFound));
        let err = w
            .mother
            .client
            .compare_versions(w.family, fixed, id)
            .await
            .unwrap_err();
        assert_eq!(err.status(), Some(404));
        let err = w
            .relative
            .client
            .endorse_version(w.family, id)
            .await
            .unwrap_err();
        assert_eq!(err.status(), Some(404));
    }
}
