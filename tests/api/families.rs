//! Families: create, list, detail, and foreign ids answering 404.

use onsplan_shared::client::SectionScope;
use onsplan_shared::family::{CreateFamilyRequest, Role};
use onsplan_shared::section::{SectionKind, Visibility};
use onsplan_shared::ErrorCode;
use onsplan_tests::spawn_app;

#[tokio::test]
async fn creating_a_family_makes_me_its_parent_and_lays_out_the_eleven_sections() {
    let app = spawn_app().await;
    let parent = app.register("Sanne").await;
    let family = app.family_of(&parent, "Familie de Boer").await;
    assert_eq!(family.name, "Familie de Boer");
    assert_eq!(family.my_role, Role::Parent);
    assert_eq!(family.members.len(), 1);
    assert_eq!(family.members[0].user_id, parent.id());
    assert!(!family.policy.both_parents_must_agree);

    let sections = parent
        .client
        .sections(SectionScope::Shared, family.id)
        .await
        .unwrap();
    let kinds: Vec<SectionKind> = sections.iter().map(|s| s.kind).collect();
    assert_eq!(kinds, SectionKind::ALL.to_vec());
    assert!(sections
        .iter()
        .all(|s| s.version == 0 && s.updated_by.is_none()));
    assert!(sections.iter().all(|s| s.visibility != Visibility::OnlyMe));
}

#[tokio::test]
async fn family_name_must_not_be_empty() {
    let app = spawn_app().await;
    let parent = app.register("Leeg").await;
    let err = parent
        .client
        .create_family(&CreateFamilyRequest { name: "   ".into() })
        .await
        .unwrap_err();
    assert_eq!(err.status(), Some(422));
}

#[tokio::test]
async fn my_families_list_shows_mine_with_my_role_and_nobody_elses() {
    let app = spawn_app().await;
    let anna = app.register("Anna").await;
    let bram = app.register("Bram").await;
    let annas = app.family_of(&anna, "Familie Anna").await;
    let brams = app.family_of(&bram, "Familie Bram").await;
    app.add_member(brams.id, &anna, Role::Relative).await;

    let listed = anna.client.families().await.unwrap();
    let mut seen: Vec<_> = listed.iter().map(|f| (f.id, f.my_role)).collect();
    seen.sort();
    let mut expected = vec![(annas.id, Role::Parent), (brams.id, Role::Relative)];
    expected.sort();
    assert_eq!(seen, expected);
    assert_eq!(bram.client.families().await.unwrap().len(), 1);
}

#[tokio::test]
async fn family_detail_lists_members_with_their_roles() {
    let app = spawn_app().await;
    let mother = app.register("Mama").await;
    let grandma = app.register("Oma").await;
    let family = app.family_of(&mother, "Familie Yilmaz").await;
    app.add_member(family.id, &grandma, Role::Relative).await;

    let seen_by_grandma = grandma.client.family(family.id).await.unwrap();
    assert_eq!(seen_by_grandma.my_role, Role::Relative);
    let members: Vec<_> = seen_by_grandma
        .members
        .iter()
        .map(|m| (m.user_id, m.role, m.name.as_str()))
        .collect();
    assert_eq!(
        members,
        vec![
            (mother.id(), Role::Parent, "Mama"),
            (grandma.id(), Role::Relative, "Oma")
        ]
    );
}

#[tokio::test]
async fn a_family_i_am_not_in_is_404_like_one_that_does_not_exist() {
    let app = spawn_app().await;
    let owner = app.register("Eigen").await;
    let stranger = app.register("Vreemd").await;
    let family = app.family_of(&owner, "Familie Privé").await;

    let foreign = stranger.client.family(family.id).await.unwrap_err();
    let missing = stranger
        .client
        .family(uuid::Uuid::new_v4())
        .await
        .unwrap_err();
    assert_eq!(foreign.status(), Some(404));
    assert_eq!(missing.status(), Some(404));
    assert_eq!(foreign.code(), Some(ErrorCode::NotFound));
    assert_eq!(foreign.to_string(), missing.to_string());

    let sections = stranger
        .client
        .sections(SectionScope::Shared, family.id)
        .await
        .unwrap_err();
    assert_eq!(sections.status(), Some(404));
    let section = stranger
        .client
        .section(SectionScope::Shared, family.id, SectionKind::Safety)
        .await
        .unwrap_err();
    assert_eq!(section.status(), Some(404));
}

#[tokio::test]
async fn a_malformed_family_id_is_404() {
    let app = spawn_app().await;
    let person = app.register("Raar").await;
    let response = person
        .client
        .request(reqwest::Method::GET, "/api/v1/families/not-a-uuid")
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 404);
}
