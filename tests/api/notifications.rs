//! Email settings and one-click unsubscribe: the switches per kind of message, the
//! `List-Unsubscribe` headers of a reminder, a token that switches off exactly its own kind
//! once, and bad input (dates in the past, a review ten years out, 500 commitments).

use chrono::{Duration, NaiveDate};
use onsplan_shared::client::SectionScope::Shared;
use onsplan_shared::commitment::{Commitment, TakeAgreementRequest};
use onsplan_shared::family::Role;
use onsplan_shared::notification::{NotificationKind, NotificationSetting, NotificationSettings};
use onsplan_shared::section::{SaveSectionRequest, SectionKind, Visibility};
use onsplan_shared::section_content::{Agreement, Agreements, Evaluation, SectionContent};
use onsplan_shared::{ClientError, ErrorCode};
use onsplan_tests::reminders::{local, options, queued, step, unsubscribe_token};
use onsplan_tests::smtp::SmtpServer;
use onsplan_tests::{spawn_app, spawn_app_with, Person, TestApp};
use reqwest::StatusCode;
use uuid::Uuid;

/// A Monday in winter, the first day of these tests' clock.
fn start() -> NaiveDate {
    NaiveDate::from_ymd_opt(2027, 1, 11).unwrap()
}

fn code(err: ClientError) -> (u16, ErrorCode) {
    match err {
        ClientError::Api { status, error } => (status, error.code),
        other => panic!("expected an API error, got {other}"),
    }
}

fn enabled(settings: &NotificationSettings, kind: NotificationKind) -> bool {
    settings.enabled(kind)
}

/// A family with a parent and a relative, and one network-visible agreement `a1`.
async fn family(app: &TestApp) -> (Person, Person, Uuid) {
    let parent = app.register("Moeder").await;
    let relative = app.register("Oom").await;
    let family = app.family_of(&parent, "Familie Herinnering").await.id;
    app.add_member(family, &relative, Role::Relative).await;
    let request = SaveSectionRequest {
        visibility: Some(Visibility::Network),
        content: SectionContent::Agreements(Agreements {
            items: vec![Agreement {
                id: "a1".into(),
                what: "Tom naar voetbal brengen".into(),
                ..Default::default()
            }],
        }),
    };
    parent
        .client
        .save_section(Shared, family, SectionKind::Agreements, Some(0), &request)
        .await
        .unwrap();
    (parent, relative, family)
}

#[tokio::test]
async fn the_weekly_word_is_on_for_parents_and_off_for_relatives_until_switched() {
    let app = spawn_app().await;
    let (parent, relative, _) = family(&app).await;

    let mine = parent.client.notifications().await.unwrap();
    assert_eq!(mine.settings.len(), NotificationKind::ALL.len());
    assert!(enabled(&mine, NotificationKind::WeeklyWord));
    assert!(enabled(&mine, NotificationKind::Commitments));
    let theirs = relative.client.notifications().await.unwrap();
    assert!(!enabled(&theirs, NotificationKind::WeeklyWord));
    assert!(enabled(&theirs, NotificationKind::Commitments));

    let changed = relative
        .client
        .update_notifications(&NotificationSettings {
            settings: vec![
                NotificationSetting {
                    kind: NotificationKind::WeeklyWord,
                    enabled: true,
                },
                NotificationSetting {
                    kind: NotificationKind::Activity,
                    enabled: false,
                },
            ],
        })
        .await
        .unwrap();
    assert!(enabled(&changed, NotificationKind::WeeklyWord));
    assert!(!enabled(&changed, NotificationKind::Activity));
    assert_eq!(relative.client.notifications().await.unwrap(), changed);
    // The parent's own settings did not move.
    assert_eq!(parent.client.notifications().await.unwrap(), mine);
}

#[tokio::test]
async fn settings_with_a_kind_twice_an_unknown_kind_or_no_session_are_refused() {
    let app = spawn_app().await;
    let (parent, _, _) = family(&app).await;
    let twice = NotificationSettings {
        settings: vec![
            NotificationSetting {
                kind: NotificationKind::Reviews,
                enabled: false,
            },
            NotificationSetting {
                kind: NotificationKind::Reviews,
                enabled: true,
            },
        ],
    };
    let err = parent
        .client
        .update_notifications(&twice)
        .await
        .unwrap_err();
    assert_eq!(code(err), (422, ErrorCode::ValidationFailed));
    // Nothing was half-written.
    assert!(enabled(
        &parent.client.notifications().await.unwrap(),
        NotificationKind::Reviews
    ));

    let unknown = parent
        .client
        .request(
            reqwest::Method::PUT,
            onsplan_shared::routes::ME_NOTIFICATIONS,
        )
        .json(&serde_json::json!({"settings": [{"kind": "everything", "enabled": false}]}))
        .send()
        .await
        .unwrap();
    assert_eq!(unknown.status(), StatusCode::BAD_REQUEST);

    let anonymous = app.client().notifications().await.unwrap_err();
    assert_eq!(code(anonymous).0, 401);
}

#[tokio::test]
async fn a_commitment_reminder_comes_at_eight_with_one_click_unsubscribe_for_that_kind_only() {
    let smtp = SmtpServer::start().await;
    let app = spawn_app_with(options(Some(smtp.url()))).await;
    let apps = [&app];
    step(&apps, local(start(), 12, 0)).await;
    let (parent, relative, family) = family(&app).await;
    let due = start() + Duration::days(5);
    relative
        .client
        .take_agreement(family, "a1", &TakeAgreementRequest { due: Some(due) })
        .await
        .unwrap();

    // Two days before, in quiet hours: nothing yet; at 08:30: the reminder.
    step(&apps, local(due - Duration::days(2), 7, 30)).await;
    let to_relative = |all: &[(String, onsplan_server::email::Email)]| {
        all.iter()
            .filter(|(_, email)| email.to == relative.me.email)
            .map(|(_, email)| email.clone())
            .collect::<Vec<_>>()
    };
    assert!(to_relative(&queued(&app).await).is_empty());
    step(&apps, local(due - Duration::days(2), 8, 30)).await;
    let mails = to_relative(&queued(&app).await);
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert!(mails[0].text.contains("Tom naar voetbal brengen"));
    let token = unsubscribe_token(&mails[0]);

    // The message as it went over SMTP carries RFC 8058's two headers.
    let received = smtp
        .received()
        .into_iter()
        .filter(|mail| mail.to.iter().any(|to| to == &relative.me.email))
        .collect::<Vec<_>>();
    assert_eq!(received.len(), 1);
    let head = received[0]
        .data
        .split("\r\n\r\n")
        .next()
        .unwrap()
        .to_string();
    assert!(head.contains(&format!("List-Unsubscribe: <{}", onsplan_tests::PUBLIC_URL)));
    assert!(head.contains("List-Unsubscribe-Post: List-Unsubscribe=One-Click"));

    // A person who opens the address sees a page with a button; that changes nothing yet.
    let page = app
        .http
        .get(app.url(&format!("/api/v1/unsubscribe/{token}")))
        .send()
        .await
        .unwrap();
    assert_eq!(page.status(), StatusCode::OK);
    assert!(page.text().await.unwrap().contains("<form method=\"post\""));
    assert!(enabled(
        &relative.client.notifications().await.unwrap(),
        NotificationKind::Commitments
    ));

    let before_parent = parent.client.notifications().await.unwrap();
    let done = app.client().unsubscribe(&token).await.unwrap();
    assert_eq!(done.kind, NotificationKind::Commitments);
    let after = relative.client.notifications().await.unwrap();
    assert!(!enabled(&after, NotificationKind::Commitments));
    assert!(enabled(&after, NotificationKind::Activity));
    assert_eq!(parent.client.notifications().await.unwrap(), before_parent);

    // Used, wrong: clear answers.
    let used = app.client().unsubscribe(&token).await.unwrap_err();
    assert_eq!(code(used), (410, ErrorCode::LinkUsed));
    let wrong = app.client().unsubscribe("not-a-token").await.unwrap_err();
    assert_eq!(code(wrong), (404, ErrorCode::LinkInvalid));
    let long = app
        .client()
        .unsubscribe(&"x".repeat(5000))
        .await
        .unwrap_err();
    assert!(code(long).0 < 500);

    // The morning after the date: no reminder any more, it is switched off.
    step(&apps, local(due + Duration::days(1), 8, 30)).await;
    assert_eq!(to_relative(&queued(&app).await).len(), 1);
}

#[tokio::test]
async fn the_parent_hears_once_when_a_relative_takes_an_agreement_and_a_token_is_only_its_owners() {
    let app = spawn_app_with(options(None)).await;
    let apps = [&app];
    step(&apps, local(start(), 9, 0)).await;
    let (parent, relative, family) = family(&app).await;
    relative
        .client
        .take_agreement(family, "a1", &TakeAgreementRequest { due: None })
        .await
        .unwrap();
    step(&apps, local(start(), 9, 30)).await;
    step(&apps, local(start(), 11, 0)).await;
    let mails: Vec<_> = queued(&app)
        .await
        .into_iter()
        .filter(|(kind, email)| kind == "reminder" && email.to == parent.me.email)
        .collect();
    assert_eq!(mails.len(), 1, "{mails:?}");
    assert!(mails[0].1.text.contains("Oom"));

    // The parent's token switches off the parent's news, never the relative's settings.
    let before = relative.client.notifications().await.unwrap();
    let done = app
        .client()
        .unsubscribe(&unsubscribe_token(&mails[0].1))
        .await
        .unwrap();
    assert_eq!(done.kind, NotificationKind::Activity);
    assert!(!enabled(
        &parent.client.notifications().await.unwrap(),
        NotificationKind::Activity
    ));
    assert_eq!(relative.client.notifications().await.unwrap(), before);
}

#[tokio::test]
async fn a_date_in_the_past_and_a_review_ten_years_out_are_answered_and_remind_nobody() {
    let app = spawn_app_with(options(None)).await;
    let apps = [&app];
    step(&apps, local(start(), 12, 0)).await;
    let (parent, relative, family) = family(&app).await;
    let past = relative
        .client
        .take_agreement(
            family,
            "a1",
            &TakeAgreementRequest {
                due: NaiveDate::from_ymd_opt(2020, 1, 1),
            },
        )
        .await;
    if let Err(err) = past {
        assert!(code(err).0 < 500);
    }
    let far = start() + Duration::days(3653);
    parent
        .client
        .save_section(
            Shared,
            family,
            SectionKind::Evaluation,
            Some(0),
            &SaveSectionRequest {
                visibility: None,
                content: SectionContent::Evaluation(Evaluation {
                    next_review: Some(far),
                    reviews: Vec::new(),
                }),
            },
        )
        .await
        .unwrap();
    for day in 1..4 {
        step(&apps, local(start() + Duration::days(day), 8, 30)).await;
    }
    let reminders: Vec<_> = queued(&app)
        .await
        .into_iter()
        .filter(|(kind, _)| kind == "reminder")
        .filter(|(_, email)| email.to != parent.me.email || !email.text.contains("Oom"))
        .collect();
    assert!(reminders.is_empty(), "{reminders:?}");
}

#[tokio::test]
async fn a_member_with_500_commitments_gets_one_reminder_naming_them_all_once() {
    let app = spawn_app_with(options(None)).await;
    let apps = [&app];
    step(&apps, local(start(), 12, 0)).await;
    let (_, relative, family) = family(&app).await;
    let due = start() + Duration::days(4);
    let items: Vec<Agreement> = (0..500)
        .map(|n| Agreement {
            id: format!("b{n}"),
            what: format!("Klus {n}"),
            commitment: Some(Commitment {
                taker: relative.id(),
                due: Some(due),
                taken_at: onsplan_server::db::to_utc(local(start(), 12, 0)),
                assigned_by: None,
                done_at: None,
            }),
            ..Default::default()
        })
        .collect();
    // More than the API lets one list hold: written straight into the database.
    let content = serde_json::to_string(&SectionContent::Agreements(Agreements { items })).unwrap();
    app.execute_sql(&format!(
        "UPDATE sections SET content = '{}' WHERE family_id = '{family}' AND kind = 'agreements' \
         AND scope = 'family'",
        content.replace('\'', "''")
    ))
    .await;

    step(&apps, local(due - Duration::days(2), 8, 30)).await;
    step(&apps, local(due - Duration::days(1), 8, 30)).await;
    let mails: Vec<_> = queued(&app)
        .await
        .into_iter()
        .filter(|(_, email)| email.to == relative.me.email)
        .collect();
    assert_eq!(mails.len(), 1);
    assert!(mails[0].1.text.contains("Klus 0") && mails[0].1.text.contains("Klus 499"));
    assert_eq!(
        app.sql_count(&format!(
            "SELECT COUNT(*) AS n FROM reminders_sent WHERE user_id = '{}' AND kind = 'commitment_soon'",
            relative.id()
        )),
        500
    );
    let list = relative.client.commitments(family).await.unwrap();
    assert_eq!(list.items.len(), 500);
}

#[tokio::test]
async fn parents_hear_once_that_a_professionals_access_ends_within_a_week() {
    use onsplan_shared::consent::{CreateGrantRequest, GrantedSection, LinkProfessionalRequest};
    let app = spawn_app_with(options(None)).await;
    let (mother, relative, family) = family(&app).await;
    let father = app.register("Vader").await;
    app.add_member(family, &father, Role::Parent).await;
    let (_, org_admin) = app.organisation("Jeugdzorg Zuid").await;
    let pro = app.professional(&org_admin, "Jan de Vries").await;
    mother
        .client
        .link_professional(
            family,
            &LinkProfessionalRequest {
                email: pro.me.email.clone(),
            },
        )
        .await
        .unwrap();
    let ends = local(start() + Duration::days(20), 12, 0);
    mother
        .client
        .create_grant(
            family,
            &CreateGrantRequest {
                professional_id: pro.id(),
                sections: vec![GrantedSection::shared(SectionKind::Agreements)],
                can_comment: false,
                can_export: false,
                valid_from: None,
                valid_until: Some(onsplan_server::db::to_utc(ends)),
            },
        )
        .await
        .unwrap();
    let apps = [&app];
    // Seven days and a few hours before the end: not yet; then once, to each parent.
    step(&apps, local(start() + Duration::days(13), 8, 30)).await;
    step(&apps, local(start() + Duration::days(14), 8, 30)).await;
    step(&apps, local(start() + Duration::days(15), 8, 30)).await;
    let mails = queued(&app).await;
    let to = |person: &Person| {
        mails
            .iter()
            .filter(|(kind, e)| kind == "reminder" && e.to == person.me.email)
            .filter(|(_, e)| e.text.contains("Jan de Vries"))
            .count()
    };
    assert_eq!((to(&mother), to(&father), to(&relative)), (1, 1, 0));
}
