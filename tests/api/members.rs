//! Members come and go: a parent removes a relative, anyone leaves, nobody removes a parent,
//! the last parent stays; removal counts from the very next request, cancels the open
//! invitations the person sent, is logged, and the removed person is told by email.

use onsplan_shared::access_log::{AccessLogQuery, DenialReason, LogAction, LogBasis, LogOutcome};
use onsplan_shared::client::SectionScope::Shared;
use onsplan_shared::family::Role;
use onsplan_shared::invite::CreateInviteRequest;
use onsplan_shared::section::SectionKind;
use onsplan_tests::spawn_app;

#[tokio::test]
async fn a_removed_relative_loses_the_family_on_the_next_request_and_is_told_by_email() {
    let app = spawn_app().await;
    let parent = app.register("Ouder").await;
    let relative = app.register("Oom").await;
    let family = app.family_of(&parent, "Familie Weg").await.id;
    app.add_member(family, &relative, Role::Relative).await;
    relative
        .client
        .section(Shared, family, SectionKind::Goals)
        .await
        .unwrap();

    parent
        .client
        .remove_member(family, relative.id())
        .await
        .unwrap();

    let gone = relative.client.family(family).await.unwrap_err();
    assert_eq!(gone.status(), Some(404));
    let gone = relative
        .client
        .section(Shared, family, SectionKind::Goals)
        .await
        .unwrap_err();
    assert_eq!(gone.status(), Some(404));
    assert!(relative.client.families().await.unwrap().is_empty());
    let members = parent.client.family(family).await.unwrap().members;
    assert_eq!(members.len(), 1);

    let mail = app.file_email_to(&relative.me.email).await;
    assert!(mail.subject.contains("Familie Weg"), "{}", mail.subject);
    assert!(
        mail.subject.starts_with("Je doet niet meer mee"),
        "{}",
        mail.subject
    );

    let log = parent
        .client
        .access_log(family, &AccessLogQuery::default())
        .await
        .unwrap();
    let removal = log
        .iter()
        .find(|row| row.action == LogAction::RemoveMember)
        .expect("the removal is logged");
    assert_eq!(removal.actor_id, Some(parent.id()));
    assert_eq!(removal.basis, Some(LogBasis::Parent));
}

#[tokio::test]
async fn nobody_removes_a_parent_and_the_last_parent_cannot_leave() {
    let app = spawn_app().await;
    let mother = app.register("Moeder").await;
    let father = app.register("Vader").await;
    let relative = app.register("Tante").await;
    let family = app.family_of(&mother, "Familie Blijf").await.id;
    app.add_member(family, &father, Role::Parent).await;
    app.add_member(family, &relative, Role::Relative).await;

    let refused = mother
        .client
        .remove_member(family, father.id())
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(403));
    let refused = relative
        .client
        .remove_member(family, mother.id())
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(403));
    // The relative's attempt is in the log, with its reason.
    let log = mother
        .client
        .access_log(family, &AccessLogQuery::default())
        .await
        .unwrap();
    assert!(log.iter().any(|row| row.actor_id == Some(relative.id())
        && row.action == LogAction::RemoveMember
        && row.outcome == LogOutcome::Denied
        && row.denial_reason == Some(DenialReason::OnlyParents)));

    // One parent leaves; then the other is the last and stays.
    father
        .client
        .remove_member(family, father.id())
        .await
        .unwrap();
    let refused = mother
        .client
        .remove_member(family, mother.id())
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(403));
    assert_eq!(
        father.client.family(family).await.unwrap_err().status(),
        Some(404)
    );
}

#[tokio::test]
async fn a_relative_leaves_and_a_leaving_parents_open_invitations_are_cancelled() {
    let app = spawn_app().await;
    let mother = app.register("Moeder").await;
    let father = app.register("Vader").await;
    let relative = app.register("Buurman").await;
    let family = app.family_of(&mother, "Familie Gaat").await.id;
    app.add_member(family, &father, Role::Parent).await;
    app.add_member(family, &relative, Role::Relative).await;

    relative
        .client
        .remove_member(family, relative.id())
        .await
        .unwrap();
    assert_eq!(
        relative.client.family(family).await.unwrap_err().status(),
        Some(404)
    );

    let invite = |email: &str| CreateInviteRequest {
        email: email.to_string(),
        role: Role::Relative,
        message: String::new(),
        locale: Default::default(),
    };
    father
        .client
        .invite(family, &invite("van-vader@example.nl"))
        .await
        .unwrap();
    mother
        .client
        .invite(family, &invite("van-moeder@example.nl"))
        .await
        .unwrap();
    father
        .client
        .remove_member(family, father.id())
        .await
        .unwrap();
    let open: Vec<String> = mother
        .client
        .invites(family)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.email)
        .collect();
    assert_eq!(open, vec!["van-moeder@example.nl".to_string()]);
}

#[tokio::test]
async fn removing_someone_who_is_not_a_member_is_404_and_strangers_learn_nothing() {
    let app = spawn_app().await;
    let parent = app.register("Ouder").await;
    let stranger = app.register("Vreemde").await;
    let family = app.family_of(&parent, "Familie Dicht").await.id;
    let missing = parent
        .client
        .remove_member(family, stranger.id())
        .await
        .unwrap_err();
    assert_eq!(missing.status(), Some(404));
    let refused = stranger
        .client
        .remove_member(family, parent.id())
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(404));
}

#[tokio::test]
async fn the_family_detail_says_whom_the_caller_may_remove_and_whether_they_may_leave() {
    let app = spawn_app().await;
    let parent = app.register("Ouder").await;
    let relative = app.register("Oom").await;
    let family = app.family_of(&parent, "Familie Knop").await.id;
    app.add_member(family, &relative, Role::Relative).await;
    let may_remove = |detail: &onsplan_shared::family::FamilyDetail| -> Vec<_> {
        detail
            .members
            .iter()
            .filter(|m| m.may_remove)
            .map(|m| m.user_id)
            .collect()
    };

    // The only parent removes the relative, never themselves, and cannot leave.
    let seen = parent.client.family(family).await.unwrap();
    assert_eq!(may_remove(&seen), vec![relative.id()]);
    assert!(!seen.may_leave, "the last parent stays");

    // The relative removes nobody and may leave.
    let seen = relative.client.family(family).await.unwrap();
    assert!(may_remove(&seen).is_empty());
    assert!(seen.may_leave);

    // With a second parent each parent may leave, and still removes no parent.
    let other = app.register("Tweede ouder").await;
    app.add_member(family, &other, Role::Parent).await;
    let seen = parent.client.family(family).await.unwrap();
    assert_eq!(may_remove(&seen), vec![relative.id()]);
    assert!(seen.may_leave);
}
