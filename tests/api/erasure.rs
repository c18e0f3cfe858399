//! Erasure end to end: a parent deletes the family after typing its name, and nothing of it
//! stays in any table; with "every parent must agree" the deletion waits for the other parents
//! (approve, cancel, lapse); email still queued about the family is never sent; a person
//! deletes their account (password typed again), their sessions end and the families keep
//! what is theirs; the last parent and professionals are refused.

use chrono::NaiveDate;
use onsplan_shared::auth::RefreshRequest;
use onsplan_shared::client::SectionScope::{Mine, Shared};
use onsplan_shared::commitment::TakeAgreementRequest;
use onsplan_shared::consent::{
    CreateAccessRequest, CreateGrantRequest, GrantedSection, LinkProfessionalRequest,
    UpdatePolicyRequest,
};
use onsplan_shared::erasure::{DeleteAccountRequest, DeleteFamilyRequest};
use onsplan_shared::family::Role;
use onsplan_shared::invite::CreateInviteRequest;
use onsplan_shared::section::{CreateCommentRequest, SaveSectionRequest, SectionKind, Visibility};
use onsplan_shared::section_content::{
    Agreement, Agreements, Goal, Goals, SafetyPlan, SectionContent,
};
use onsplan_shared::version::FixVersionRequest;
use onsplan_shared::{ClientError, ErrorCode};
use onsplan_tests::{spawn_app, Person, TestApp, PASSWORD};
use uuid::Uuid;

use crate::invites::{app_with_smtp, MAIL_WAIT};

fn typed(name: &str) -> DeleteFamilyRequest {
    DeleteFamilyRequest {
        confirm_name: name.to_string(),
    }
}

fn password(text: &str) -> DeleteAccountRequest {
    DeleteAccountRequest {
        password: text.to_string(),
    }
}

fn code(err: &ClientError) -> (Option<u16>, Option<ErrorCode>) {
    (err.status(), err.code())
}

/// The email to `address` whose subject contains `needle`, as the file transport wrote it,
/// waiting up to ten seconds for the worker.
async fn mail_about(app: &TestApp, address: &str, needle: &str) -> String {
    let dir = app.database.data_dir.join("mail");
    let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
    loop {
        let found = std::fs::read_dir(&dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter_map(|entry| std::fs::read_to_string(entry.path()).ok())
            .filter(|raw| raw.contains(address))
            .map(|raw| onsplan_tests::mail::ParsedMail::parse(&raw))
            .find(|mail| mail.subject.contains(needle));
        if let Some(mail) = found {
            return mail.subject;
        }
        assert!(
            std::time::Instant::now() < deadline,
            "no email to {address} about {needle:?} arrived"
        );
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
}

async fn rule_on(parent: &Person, family: Uuid) {
    parent
        .client
        .update_policy(
            family,
            &UpdatePolicyRequest {
                both_parents_must_agree: true,
            },
        )
        .await
        .unwrap();
}

/// A family with everything a family can hold: two parents (one with a private section), a
/// relative who took an agreement and commented, a version stood behind, an open invitation,
/// a linked professional with a grant and a request, a waiting switch-off of the rule, and the
/// access log all of that wrote.
struct Full {
    family: Uuid,
    mother: Person,
    father: Person,
    relative: Person,
    professional: Person,
}

async fn full_family(app: &TestApp, name: &str) -> Full {
    let mother = app.register("Mama").await;
    let father = app.register("Papa").await;
    let relative = app.register("Oma").await;
    let family = app.family_of(&mother, name).await.id;
    app.add_member(family, &father, Role::Parent).await;
    app.add_member(family, &relative, Role::Relative).await;
    mother
        .write_first(
            Shared,
            family,
            SectionContent::Goals(Goals {
                goals: vec![Goal {
                    id: "g1".into(),
                    title: "Rust in huis".into(),
                    scale_now: 4,
                    next_step: String::new(),
                }],
            }),
        )
        .await;
    mother
        .client
        .save_section(
            Shared,
            family,
            SectionKind::Agreements,
            Some(0),
            &SaveSectionRequest {
                visibility: Some(Visibility::Network),
                content: SectionContent::Agreements(Agreements {
                    items: vec![Agreement {
                        id: "a1".into(),
                        what: "Tom naar voetbal brengen".into(),
                        ..Default::default()
                    }],
                }),
            },
        )
        .await
        .unwrap();
    mother
        .write_first(Mine, family, SectionContent::Safety(SafetyPlan::default()))
        .await;
    relative
        .client
        .take_agreement(family, "a1", &TakeAgreementRequest { due: None })
        .await
        .unwrap();
    relative
        .client
        .comment(
            family,
            SectionKind::Goals,
            &CreateCommentRequest {
                text: "Ik help mee".into(),
            },
        )
        .await
        .unwrap();
    let version = mother
        .client
        .fix_version(
            family,
            &FixVersionRequest {
                title: "Na het gesprek".into(),
                agreed_on: NaiveDate::from_ymd_opt(2026, 3, 12).unwrap(),
            },
        )
        .await
        .unwrap();
    relative
        .client
        .endorse_version(family, version.summary.id)
        .await
        .unwrap();
    mother
        .client
        .invite(
            family,
            &CreateInviteRequest {
                email: onsplan_tests::unique_email("buurman"),
                role: Role::Relative,
                message: "Doe je mee?".into(),
                locale: Default::default(),
            },
        )
        .await
        .unwrap();
    let (_, admin) = app.organisation("Wijkteam Noord").await;
    let professional = app.professional(&admin, "Hulpverlener").await;
    mother
        .client
        .link_professional(
            family,
            &LinkProfessionalRequest {
                email: professional.me.email.clone(),
            },
        )
        .await
        .unwrap();
    let grant = CreateGrantRequest {
        professional_id: professional.id(),
        sections: vec![GrantedSection::shared(SectionKind::Goals)],
        can_comment: true,
        can_export: false,
        valid_from: None,
        valid_until: None,
    };
    mother.client.create_grant(family, &grant).await.unwrap();
    professional
        .client
        .section(Shared, family, SectionKind::Goals)
        .await
        .unwrap();
    professional
        .client
        .request_access(
            family,
            &CreateAccessRequest {
                sections: vec![SectionKind::Safety],
                reason: "Voor het veiligheidsplan".into(),
                valid_from: None,
                valid_until: None,
            },
        )
        .await
        .unwrap();
    rule_on(&mother, family).await;
    mother
        .client
        .update_policy(
            family,
            &UpdatePolicyRequest {
                both_parents_must_agree: false,
            },
        )
        .await
        .unwrap();
    Full {
        family,
        mother,
        father,
        relative,
        professional,
    }
}

/// Every id stored in a row of `family` (its own, its sections', grants', versions', …), read
/// from the live schema: the id column of every table that has a `family_id` column.
fn ids_of_family(app: &TestApp, family: Uuid) -> Vec<String> {
    let mut ids = vec![family.to_string()];
    let tables: Vec<String> = app
        .text_columns()
        .into_iter()
        .filter(|(_, column)| column == "family_id")
        .map(|(table, _)| table)
        .collect();
    for table in tables {
        let has_id = app
            .text_columns()
            .iter()
            .any(|(t, column)| *t == table && column == "id");
        if has_id {
            ids.extend(app.sql_texts(&format!(
                "SELECT id AS s FROM {table} WHERE family_id = '{family}'"
            )));
        }
    }
    ids
}

/// Every `table.column` of the live schema whose text contains one of `needles` (ids and hex,
/// safe to put into SQL as they are): one query per column.
fn places_holding(app: &TestApp, needles: &[String]) -> Vec<String> {
    assert!(needles
        .iter()
        .all(|n| n.chars().all(|c| c.is_ascii_alphanumeric() || c == '-')));
    app.text_columns()
        .into_iter()
        .filter(|(table, column)| {
            let any = needles
                .iter()
                .map(|needle| format!("{column} LIKE '%{needle}%'"))
                .collect::<Vec<_>>()
                .join(" OR ");
            app.sql_count(&format!("SELECT COUNT(*) AS n FROM {table} WHERE {any}")) > 0
        })
        .map(|(table, column)| format!("{table}.{column}"))
        .collect()
}

#[tokio::test]
async fn a_parent_deletes_the_family_after_typing_its_name_and_no_row_of_it_remains() {
    let app = spawn_app().await;
    let name = format!("Familie {}", Uuid::new_v4().simple());
    let full = full_family(&app, &name).await;
    let other = full_family(&app, "Familie Blijft").await;
    let ids = ids_of_family(&app, full.family);
    assert!(
        ids.len() > 20,
        "the family should hold many rows before: {ids:?}"
    );
    for table in [
        "sections",
        "section_revisions",
        "section_comments",
        "grants",
        "access_requests",
        "plan_versions",
        "policy_changes",
        "invites",
        "memberships",
        "access_log",
        "email_outbox",
    ] {
        let filter = if table == "section_revisions" {
            format!(
                "section_id IN (SELECT id FROM sections WHERE family_id = '{}')",
                full.family
            )
        } else {
            format!("family_id = '{}'", full.family)
        };
        assert!(
            app.sql_count(&format!("SELECT COUNT(*) AS n FROM {table} WHERE {filter}")) > 0,
            "{table} holds rows of the family before"
        );
    }

    // The rule is still on (its switch-off waits): the deletion waits for the father, and
    // his approval deletes the family.
    let waiting = full
        .mother
        .client
        .delete_family(full.family, &typed(&name))
        .await
        .unwrap();
    assert!(waiting.is_some());
    assert_eq!(
        full.father
            .client
            .approve_family_deletion(full.family)
            .await
            .unwrap(),
        None
    );

    let unique = name.trim_start_matches("Familie ").to_string();
    let mut needles = ids.clone();
    needles.push(unique);
    let places = places_holding(&app, &needles);
    assert!(
        places.is_empty(),
        "the family is still stored in {places:?}"
    );
    // The other family keeps everything.
    let kept = other.mother.client.plan(other.family).await.unwrap();
    assert_eq!(kept.len(), 11);
    assert!(ids_of_family(&app, other.family).len() > 20);

    // Every grant ended at once; members and the professional lost the family.
    let gone = full
        .professional
        .client
        .section(Shared, full.family, SectionKind::Goals)
        .await
        .unwrap_err();
    assert_eq!(gone.status(), Some(404));
    assert!(full
        .professional
        .client
        .professional_families()
        .await
        .unwrap()
        .iter()
        .all(|f| f.family_id != full.family));
    for person in [&full.mother, &full.father, &full.relative] {
        let gone = person.client.family(full.family).await.unwrap_err();
        assert_eq!(gone.status(), Some(404));
    }

    // Members and the linked professional are told; the parent whose step deleted it is not.
    let told = format!("Het plan van {name} is verwijderd");
    for person in [&full.mother, &full.relative, &full.professional] {
        mail_about(&app, &person.me.email, &told).await;
    }
}

#[tokio::test]
async fn a_wrong_name_is_refused_with_422_and_nothing_is_deleted() {
    let app = spawn_app().await;
    let parent = app.register("Ouder").await;
    let family = app.family_of(&parent, "Familie Jansen").await.id;

    let refused = parent
        .client
        .delete_family(family, &typed("Familie Janssen"))
        .await
        .unwrap_err();
    assert_eq!(
        code(&refused),
        (Some(422), Some(ErrorCode::ConfirmNameMismatch))
    );
    assert_eq!(parent.client.plan(family).await.unwrap().len(), 11);

    // Spaces around the name and letter case do not count.
    parent
        .client
        .delete_family(family, &typed("  familie jansen "))
        .await
        .unwrap();
    assert_eq!(
        parent.client.family(family).await.unwrap_err().status(),
        Some(404)
    );
}

#[tokio::test]
async fn relatives_professionals_and_strangers_cannot_delete_the_family() {
    let app = spawn_app().await;
    let full = full_family(&app, "Familie Vast").await;
    let stranger = app.register("Vreemde").await;

    let refused = full
        .relative
        .client
        .delete_family(full.family, &typed("Familie Vast"))
        .await
        .unwrap_err();
    assert_eq!(code(&refused), (Some(403), Some(ErrorCode::Forbidden)));
    for outsider in [&full.professional, &stranger] {
        let refused = outsider
            .client
            .delete_family(full.family, &typed("Familie Vast"))
            .await
            .unwrap_err();
        assert_eq!(code(&refused), (Some(404), Some(ErrorCode::NotFound)));
    }
    let unknown = full
        .mother
        .client
        .delete_family(Uuid::new_v4(), &typed("Familie Vast"))
        .await
        .unwrap_err();
    assert_eq!(unknown.status(), Some(404));
    assert_eq!(
        full.mother.client.plan(full.family).await.unwrap().len(),
        11
    );
}

/// Two parents with "every parent must agree" on.
async fn agreeing_parents(app: &TestApp) -> (Person, Person, Uuid) {
    let mother = app.register("Moeder").await;
    let father = app.register("Vader").await;
    let family = app.family_of(&mother, "Familie Samen").await.id;
    app.add_member(family, &father, Role::Parent).await;
    rule_on(&mother, family).await;
    (mother, father, family)
}

#[tokio::test]
async fn with_every_parent_must_agree_the_deletion_waits_until_the_other_parent_approves() {
    let app = spawn_app().await;
    let (mother, father, family) = agreeing_parents(&app).await;

    let waiting = mother
        .client
        .delete_family(family, &typed("Familie Samen"))
        .await
        .unwrap()
        .expect("the deletion waits");
    assert_eq!(waiting.requested_by.user_id, mother.id());
    assert_eq!(waiting.approved_by.len(), 1);
    assert_eq!(waiting.waiting_for[0].user_id, father.id());
    let days = (waiting.expires_at - waiting.requested_at).num_days();
    assert_eq!(days, 7);

    // The family is still there, and both parents see what waits.
    let seen = father.client.family(family).await.unwrap();
    assert_eq!(seen.pending_deletion, Some(waiting.clone()));
    assert_eq!(
        father.client.family_deletion(family).await.unwrap(),
        waiting
    );
    mail_about(
        &app,
        &father.me.email,
        "Moeder wil het plan van Familie Samen verwijderen",
    )
    .await;
    let again = mother
        .client
        .delete_family(family, &typed("Familie Samen"))
        .await
        .unwrap_err();
    assert_eq!(code(&again), (Some(409), Some(ErrorCode::DeletionPending)));
    // Approving twice changes nothing.
    let still = mother.client.approve_family_deletion(family).await.unwrap();
    assert_eq!(still, Some(waiting));

    assert_eq!(
        father.client.approve_family_deletion(family).await.unwrap(),
        None
    );
    assert_eq!(
        mother.client.family(family).await.unwrap_err().status(),
        Some(404)
    );
    assert!(places_holding(&app, &[family.to_string()]).is_empty());
    mail_about(
        &app,
        &mother.me.email,
        "Het plan van Familie Samen is verwijderd",
    )
    .await;
}

#[tokio::test]
async fn any_parent_cancels_a_waiting_deletion_and_the_family_stays() {
    let app = spawn_app().await;
    let (mother, father, family) = agreeing_parents(&app).await;
    mother
        .client
        .delete_family(family, &typed("Familie Samen"))
        .await
        .unwrap();

    father.client.cancel_family_deletion(family).await.unwrap();

    assert_eq!(
        father.client.family(family).await.unwrap().pending_deletion,
        None
    );
    let none = father.client.family_deletion(family).await.unwrap_err();
    assert_eq!(none.status(), Some(404));
    let late = father
        .client
        .approve_family_deletion(family)
        .await
        .unwrap_err();
    assert_eq!(code(&late), (Some(409), Some(ErrorCode::Conflict)));
    let twice = mother
        .client
        .cancel_family_deletion(family)
        .await
        .unwrap_err();
    assert_eq!(twice.status(), Some(409));
    assert_eq!(mother.client.plan(family).await.unwrap().len(), 11);
}

#[tokio::test]
async fn a_relative_cannot_see_approve_or_cancel_a_waiting_deletion() {
    let app = spawn_app().await;
    let (mother, _father, family) = agreeing_parents(&app).await;
    let relative = app.register("Neef").await;
    app.add_member(family, &relative, Role::Relative).await;
    mother
        .client
        .delete_family(family, &typed("Familie Samen"))
        .await
        .unwrap();

    assert_eq!(
        relative
            .client
            .family(family)
            .await
            .unwrap()
            .pending_deletion,
        None
    );
    let seen = relative.client.family_deletion(family).await.unwrap_err();
    assert_eq!(seen.status(), Some(403));
    let approve = relative
        .client
        .approve_family_deletion(family)
        .await
        .unwrap_err();
    assert_eq!(approve.status(), Some(403));
    let cancel = relative
        .client
        .cancel_family_deletion(family)
        .await
        .unwrap_err();
    assert_eq!(cancel.status(), Some(403));
    assert!(mother.client.family_deletion(family).await.is_ok());
}

#[tokio::test]
async fn a_deletion_not_approved_within_seven_days_lapses() {
    let app = spawn_app().await;
    let (mother, father, family) = agreeing_parents(&app).await;
    mother
        .client
        .delete_family(family, &typed("Familie Samen"))
        .await
        .unwrap();
    app.sql_execute(&format!(
        "UPDATE family_deletions SET expires_at = requested_at - 1 WHERE family_id = '{family}'"
    ));

    assert_eq!(
        father.client.family(family).await.unwrap().pending_deletion,
        None
    );
    let late = father
        .client
        .approve_family_deletion(family)
        .await
        .unwrap_err();
    assert_eq!(code(&late), (Some(409), Some(ErrorCode::Conflict)));
    assert_eq!(father.client.plan(family).await.unwrap().len(), 11);
    // A new request starts a new wait; the old one is kept as lapsed.
    let again = mother
        .client
        .delete_family(family, &typed("Familie Samen"))
        .await
        .unwrap();
    assert!(again.is_some());
    assert_eq!(
        app.sql_count(&format!(
            "SELECT COUNT(*) AS n FROM family_deletions \
             WHERE family_id = '{family}' AND status = 'lapsed'"
        )),
        1
    );
}

#[tokio::test]
async fn email_still_queued_about_a_deleted_family_is_never_sent() {
    let (app, mut smtp) = app_with_smtp().await;
    let parent = app.register("Ouder").await;
    let relative = app.register("Tante").await;
    let family = app.family_of(&parent, "Familie Stil").await.id;
    app.add_member(family, &relative, Role::Relative).await;
    smtp.stop().await;
    let invited = onsplan_tests::unique_email("nicht");
    parent
        .client
        .invite(
            family,
            &CreateInviteRequest {
                email: invited.clone(),
                role: Role::Relative,
                message: "Welkom bij Familie Stil".into(),
                locale: Default::default(),
            },
        )
        .await
        .unwrap();
    assert_eq!(
        app.sql_count(&format!(
            "SELECT COUNT(*) AS n FROM email_outbox WHERE family_id = '{family}'"
        )),
        1
    );

    parent
        .client
        .delete_family(family, &typed("Familie Stil"))
        .await
        .unwrap();
    assert_eq!(
        app.sql_count("SELECT COUNT(*) AS n FROM email_outbox WHERE kind = 'invite'"),
        0
    );
    smtp.restart().await;

    let mails = smtp.wait_for(1, MAIL_WAIT).await;
    assert_eq!(mails[0].to, vec![relative.me.email.clone()]);
    assert!(smtp
        .received()
        .iter()
        .all(|mail| !mail.to.contains(&invited)));
}

#[tokio::test]
async fn a_relative_deletes_their_account_and_every_session_ends_at_once() {
    let app = spawn_app().await;
    let full = full_family(&app, "Familie Blijft").await;
    let mut relative = full.relative;
    let email = relative.me.email.clone();
    let refresh = relative.session.refresh_token.clone();
    let old_client = relative.client.clone();

    let wrong = relative
        .client
        .delete_account(&password("niet mijn wachtwoord"))
        .await
        .unwrap_err();
    assert_eq!(code(&wrong), (Some(422), Some(ErrorCode::WrongPassword)));
    relative.client.me().await.unwrap();

    relative
        .client
        .delete_account(&password(PASSWORD))
        .await
        .unwrap();

    assert_eq!(old_client.me().await.unwrap_err().status(), Some(401));
    let refused = app
        .client()
        .refresh(&RefreshRequest {
            refresh_token: refresh,
            token_delivery: Default::default(),
        })
        .await
        .unwrap_err();
    assert_eq!(refused.status(), Some(401));
    let login = app
        .client()
        .login(&onsplan_shared::auth::LoginRequest {
            email: email.clone(),
            password: PASSWORD.to_string(),
            token_delivery: Default::default(),
        })
        .await
        .unwrap_err();
    assert_eq!(login.status(), Some(401));
    // Nothing stored still carries their address.
    let (local, _) = email.split_once('@').unwrap();
    assert!(app.find_text_everywhere(local).is_empty());

    // The family keeps its plan: the agreement is open again, the comment stays without a
    // name, the person is no longer a member and no longer stands behind the version.
    let family = full.mother.client.family(full.family).await.unwrap();
    assert_eq!(family.members.len(), 2);
    let commitments = full.mother.client.commitments(full.family).await.unwrap();
    assert!(commitments.items[0].commitment.is_none());
    let comments = full
        .mother
        .client
        .comments(full.family, SectionKind::Goals)
        .await
        .unwrap();
    assert_eq!(comments.comments.len(), 1);
    assert_eq!(comments.comments[0].text, "Ik help mee");
    assert_eq!(comments.comments[0].author.name, "");
    let versions = full.mother.client.versions(full.family).await.unwrap();
    assert!(versions.versions[0].endorsements.is_empty());
}

#[tokio::test]
async fn the_last_parent_must_first_delete_or_hand_over_their_families() {
    let app = spawn_app().await;
    let parent = app.register("Alleen").await;
    let first = app.family_of(&parent, "Familie Een").await.id;
    let second = app.family_of(&parent, "Familie Twee").await.id;
    let shared = app.family_of(&parent, "Familie Drie").await.id;
    let other = app.register("Andere ouder").await;
    app.add_member(shared, &other, Role::Parent).await;

    let refused = parent
        .client
        .clone()
        .delete_account(&password(PASSWORD))
        .await
        .unwrap_err();
    let ClientError::Api { status, error } = refused else {
        panic!("an API error");
    };
    assert_eq!((status, error.code), (409, ErrorCode::LastParent));
    let mut named: Vec<_> = error
        .families
        .iter()
        .map(|f| (f.id, f.name.clone()))
        .collect();
    named.sort();
    let mut expected = vec![
        (first, "Familie Een".to_string()),
        (second, "Familie Twee".to_string()),
    ];
    expected.sort();
    assert_eq!(named, expected);
    parent.client.me().await.unwrap();

    // Once those are deleted, the account goes, and the family with another parent stays.
    parent
        .client
        .delete_family(first, &typed("Familie Een"))
        .await
        .unwrap();
    parent
        .client
        .delete_family(second, &typed("Familie Twee"))
        .await
        .unwrap();
    parent
        .client
        .clone()
        .delete_account(&password(PASSWORD))
        .await
        .unwrap();
    let family = other.client.family(shared).await.unwrap();
    assert_eq!(family.members.len(), 1);
    assert_eq!(family.members[0].user_id, other.id());
}

#[tokio::test]
async fn a_professionals_or_org_admins_account_is_not_deleted_by_its_holder() {
    let app = spawn_app().await;
    let (_, admin) = app.organisation("Jeugdzorg Zuid").await;
    let professional = app.professional(&admin, "Gezinsvoogd").await;

    for holder in [professional, admin] {
        let refused = holder
            .client
            .clone()
            .delete_account(&password(PASSWORD))
            .await
            .unwrap_err();
        assert_eq!(
            code(&refused),
            (Some(403), Some(ErrorCode::ManagedByOrganisation))
        );
        holder.client.me().await.unwrap();
    }
}
