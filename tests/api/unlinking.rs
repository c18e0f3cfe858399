//! Unlinking a professional ends everything they had: their grants, their open requests and
//! their reads; only a parent may do it, and the family's log says who did. The org admin's
//! list tells which professionals chose their password.

use onsplan_shared::access_log::{AccessLogQuery, ActorRole, LogAction, LogOutcome};
use onsplan_shared::client::SectionScope::Shared;
use onsplan_shared::consent::{
    AccessRequestStatus, CreateAccessRequest, CreateGrantRequest, CreateProfessionalRequest,
    GrantStatus, GrantedSection, LinkProfessionalRequest,
};
use onsplan_shared::family::Role;
use onsplan_shared::section::SectionKind;
use onsplan_shared::section_content::{Goal, Goals, SectionContent};
use onsplan_tests::{spawn_app, Person, TestApp};
use uuid::Uuid;

struct World {
    _app: TestApp,
    family: Uuid,
    mother: Person,
    relative: Person,
    pro: Person,
}

/// A family with a goal, a relative, and a linked professional who may read the goals and
/// asks for the concerns.
async fn world() -> World {
    let app = spawn_app().await;
    let mother = app.register("Mama").await;
    let relative = app.register("Oma").await;
    let family = app.family_of(&mother, "Familie Bakker").await.id;
    app.add_member(family, &relative, Role::Relative).await;
    let goals = SectionContent::Goals(Goals {
        goals: vec![Goal {
            id: "g1".into(),
            title: "Rust in huis".into(),
            scale_now: 4,
            next_step: String::new(),
        }],
    });
    mother.write_first(Shared, family, goals).await;
    let (_, org_admin) = app.organisation("Jeugdbescherming Noord").await;
    let pro = app.professional(&org_admin, "Jan de Vries").await;
    let link = LinkProfessionalRequest {
        email: pro.me.email.clone(),
    };
    mother
        .client
        .link_professional(family, &link)
        .await
        .unwrap();
    let grant = CreateGrantRequest {
        professional_id: pro.id(),
        sections: vec![GrantedSection::shared(SectionKind::Goals)],
        can_comment: false,
        can_export: false,
        valid_from: None,
        valid_until: None,
    };
    mother.client.create_grant(family, &grant).await.unwrap();
    let ask = CreateAccessRequest {
        sections: vec![SectionKind::Concerns],
        reason: "Voor het overleg".into(),
        valid_from: None,
        valid_until: None,
    };
    pro.client.request_access(family, &ask).await.unwrap();
    World {
        _app: app,
        family,
        mother,
        relative,
        pro,
    }
}

async fn status_of_goals_read(w: &World) -> u16 {
    w.pro
        .client
        .section(Shared, w.family, SectionKind::Goals)
        .await
        .map_or_else(|e| e.status().unwrap(), |_| 200)
}

#[tokio::test]
async fn unlinking_a_professional_ends_their_grants_requests_and_reads() {
    let w = world().await;
    assert_eq!(status_of_goals_read(&w).await, 200);

    w.mother
        .client
        .unlink_professional(w.family, w.pro.id())
        .await
        .unwrap();

    assert_eq!(status_of_goals_read(&w).await, 404);
    assert!(w
        .mother
        .client
        .professionals(w.family)
        .await
        .unwrap()
        .is_empty());
    let grants = w.mother.client.grants(w.family).await.unwrap();
    assert_eq!(grants.len(), 1);
    assert_eq!(grants[0].status, GrantStatus::Revoked);
    let requests = w.mother.client.access_requests(w.family).await.unwrap();
    assert_eq!(requests.len(), 1);
    assert_eq!(requests[0].status, AccessRequestStatus::Declined);
    assert!(w
        .pro
        .client
        .professional_families()
        .await
        .unwrap()
        .is_empty());

    let log = w
        .mother
        .client
        .access_log(w.family, &AccessLogQuery::default())
        .await
        .unwrap();
    let unlinked: Vec<_> = log
        .iter()
        .filter(|e| e.action == LogAction::UnlinkProfessional)
        .collect();
    assert_eq!(unlinked.len(), 1);
    assert_eq!(unlinked[0].actor_id, Some(w.mother.id()));
    assert_eq!(unlinked[0].actor_role, ActorRole::Parent);
    assert_eq!(unlinked[0].outcome, LogOutcome::Allowed);
}

#[tokio::test]
async fn a_relative_may_not_unlink_and_the_professional_keeps_reading() {
    let w = world().await;
    let refused = w
        .relative
        .client
        .unlink_professional(w.family, w.pro.id())
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(403));
    assert_eq!(
        w.mother.client.professionals(w.family).await.unwrap().len(),
        1
    );
    assert_eq!(status_of_goals_read(&w).await, 200);

    // The professional cannot unlink themselves from the family either.
    let own = w
        .pro
        .client
        .unlink_professional(w.family, w.pro.id())
        .await
        .unwrap_err();
    assert_eq!(own.status(), Some(404));
    assert_eq!(status_of_goals_read(&w).await, 200);
}

#[tokio::test]
async fn unlinking_someone_who_is_not_linked_is_404_and_changes_nothing() {
    let w = world().await;
    let stranger = w
        .mother
        .client
        .unlink_professional(w.family, Uuid::new_v4())
        .await
        .unwrap_err();
    assert_eq!(stranger.status(), Some(404));
    w.mother
        .client
        .unlink_professional(w.family, w.pro.id())
        .await
        .unwrap();
    let again = w
        .mother
        .client
        .unlink_professional(w.family, w.pro.id())
        .await
        .unwrap_err();
    assert_eq!(again.status(), Some(404));
}

#[tokio::test]
async fn the_org_admin_sees_who_chose_a_password_and_who_is_deactivated() {
    let app = spawn_app().await;
    let (_, admin) = app.organisation("Wijkteam Zuid").await;
    let active = app.professional(&admin, "Sara Actief").await;
    admin
        .client
        .create_professional(&CreateProfessionalRequest {
            email: "nog.niet@example.org".into(),
            name: "Piet Wacht".into(),
        })
        .await
        .unwrap();
    let list = admin.client.org_professionals().await.unwrap();
    let of = |name: &str| list.iter().find(|p| p.name == name).unwrap().clone();
    assert!(of("Sara Actief").activated && of("Sara Actief").active);
    assert!(!of("Piet Wacht").activated && of("Piet Wacht").active);

    admin
        .client
        .deactivate_professional(active.id())
        .await
        .unwrap();
    let list = admin.client.org_professionals().await.unwrap();
    let sara = list.iter().find(|p| p.name == "Sara Actief").unwrap();
    assert!(!sara.active);
}

/// The relative's allowed reads in the family's log, one entry per row.
async fn reads_of_relative(w: &World) -> Vec<Option<SectionKind>> {
    let query = AccessLogQuery {
        actor: Some(w.relative.id()),
        ..AccessLogQuery::default()
    };
    let log = w.mother.client.access_log(w.family, &query).await.unwrap();
    log.iter()
        .filter(|e| e.action == LogAction::Read && e.outcome == LogOutcome::Allowed)
        .map(|e| e.section)
        .collect()
}

#[tokio::test]
async fn every_section_a_relative_reads_stays_one_row_in_the_log() {
    let w = world().await;
    let shown = w.relative.client.plan(w.family).await.unwrap();
    let once = reads_of_relative(&w).await;
    assert_eq!(once.len(), shown.len());
    assert!(once.contains(&Some(SectionKind::Goals)));
    w.relative.client.plan(w.family).await.unwrap();
    let twice = reads_of_relative(&w).await;
    // Nothing is folded together on the server: each look at each section is its own row.
    assert_eq!(twice.len(), 2 * shown.len());
    for section in &shown {
        let rows = twice.iter().filter(|s| **s == Some(section.kind)).count();
        assert_eq!(rows, 2, "{}", section.kind);
    }
}
