//! The email outbox: mail is committed with the change that causes it, survives a mail server
//! that is down and a server restart, and with two instances on one database every message is
//! sent exactly once.

use std::collections::HashMap;
use std::time::{Duration, Instant};

use onsplan_server::config::Secret;
use onsplan_server::email::outbox::{EmailKind, Outbox};
use onsplan_server::email::seal::Sealer;
use onsplan_server::email::Email;
use onsplan_server::errors::AppError;
use onsplan_shared::family::Role;
use onsplan_shared::invite::CreateInviteRequest;
use onsplan_tests::smtp::SmtpServer;
use onsplan_tests::{spawn_app_with, unique_email, AppOptions, Backend, JWT_SECRET, PUBLIC_URL};

use crate::invites::{app_with_smtp, invitation, MAIL_WAIT};

fn smtp_options(smtp: &SmtpServer) -> AppOptions {
    AppOptions {
        smtp_url: Some(smtp.url()),
        ..AppOptions::default()
    }
}

fn the_invite() -> CreateInviteRequest {
    invitation(
        &unique_email("wacht"),
        Role::Relative,
        "Straks komt de mail",
    )
}

/// Polls `check` until it holds, or panics after `MAIL_WAIT`.
async fn eventually(what: &str, check: impl Fn() -> bool) {
    let deadline = Instant::now() + MAIL_WAIT;
    while !check() {
        assert!(Instant::now() < deadline, "timed out waiting until {what}");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

#[tokio::test]
async fn with_the_mail_server_down_the_invite_commits_and_its_email_waits_until_it_is_back() {
    let (app, mut smtp) = app_with_smtp().await;
    let parent = app.register("Geduld").await;
    let family = app.family_of(&parent, "Familie Geduld").await.id;
    smtp.stop().await;

    let made = parent.client.invite(family, &the_invite()).await.unwrap();
    assert_eq!(parent.client.invites(family).await.unwrap()[0].id, made.id);
    eventually("two tries failed", || {
        app.sql_count(
            "SELECT COUNT(*) AS n FROM email_outbox \
             WHERE status = 'queued' AND attempts >= 2 AND last_error IS NOT NULL",
        ) == 1
    })
    .await;

    smtp.restart().await;
    let mails = smtp.wait_for(1, MAIL_WAIT).await;
    assert_eq!(mails[0].to, vec![made.email.clone()]);
    eventually("the row is marked sent", || {
        app.sql_count("SELECT COUNT(*) AS n FROM email_outbox WHERE status = 'sent'") == 1
    })
    .await;
}

#[tokio::test]
async fn an_email_that_keeps_failing_is_given_up_after_the_last_try() {
    let mut smtp = SmtpServer::start().await;
    smtp.stop().await;
    let app = spawn_app_with(AppOptions {
        env: vec![("ONSPLAN_MAIL_MAX_ATTEMPTS", "3".into())],
        ..smtp_options(&smtp)
    })
    .await;
    let parent = app.register("Pech").await;
    let family = app.family_of(&parent, "Familie Pech").await.id;
    parent.client.invite(family, &the_invite()).await.unwrap();
    eventually("the row is marked failed", || {
        app.sql_count(
            "SELECT COUNT(*) AS n FROM email_outbox \
             WHERE status = 'failed' AND attempts = 3 AND last_error IS NOT NULL",
        ) == 1
    })
    .await;
    // A failed row is not tried again, even with the mail server back.
    smtp.restart().await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(smtp.received().is_empty());
    assert_eq!(
        app.sql_count("SELECT COUNT(*) AS n FROM email_outbox WHERE attempts = 3"),
        1
    );
}

#[tokio::test]
async fn email_queued_before_a_restart_is_sent_by_the_next_server() {
    let mut smtp = SmtpServer::start().await;
    smtp.stop().await;
    let first = spawn_app_with(smtp_options(&smtp)).await;
    let parent = first.register("Herstart").await;
    let family = first.family_of(&parent, "Familie Herstart").await.id;
    parent.client.invite(family, &the_invite()).await.unwrap();
    let database = first.database.clone();
    drop(first);

    smtp.restart().await;
    let second = spawn_app_with(AppOptions {
        database: Some(database),
        ..smtp_options(&smtp)
    })
    .await;
    smtp.wait_for(1, MAIL_WAIT).await;
    drop(second);
}

#[tokio::test]
async fn email_queued_before_the_jwt_secret_is_rotated_is_sent_by_a_server_with_the_same_seal_key()
{
    const SEAL_KEY: &str = "the-outbox-seal-key-shared-by-every-instance";
    let mut smtp = SmtpServer::start().await;
    smtp.stop().await;
    let first = spawn_app_with(AppOptions {
        env: vec![("ONSPLAN_SEAL_KEY", SEAL_KEY.into())],
        ..smtp_options(&smtp)
    })
    .await;
    let parent = first.register("Sleutel").await;
    let family = first.family_of(&parent, "Familie Sleutel").await.id;
    let made = parent.client.invite(family, &the_invite()).await.unwrap();
    let key_id = Sealer::new(&Secret::new(SEAL_KEY.as_bytes().to_vec()).unwrap())
        .key_id()
        .to_string();
    assert_eq!(
        first.sql_count(&format!(
            "SELECT COUNT(*) AS n FROM email_outbox WHERE sealed LIKE '{key_id}.%'"
        )),
        1,
        "the sealed row names its key"
    );
    let database = first.database.clone();
    drop(first);

    smtp.restart().await;
    let second = spawn_app_with(AppOptions {
        database: Some(database),
        env: vec![
            ("ONSPLAN_SEAL_KEY", SEAL_KEY.into()),
            (
                "ONSPLAN_JWT_SECRET",
                "a-rotated-jwt-secret-unlike-the-one-before-it".into(),
            ),
        ],
        ..smtp_options(&smtp)
    })
    .await;
    let mails = smtp.wait_for(1, MAIL_WAIT).await;
    assert_eq!(mails[0].to, vec![made.email.clone()]);
    drop(second);
}

#[tokio::test]
async fn a_rolled_back_transaction_takes_its_email_with_it() {
    let (app, smtp) = app_with_smtp().await;
    let outbox = Outbox::new(
        Sealer::new(&Secret::new(JWT_SECRET.as_bytes().to_vec()).unwrap()),
        PUBLIC_URL,
    );
    let email = Email {
        to: unique_email("nooit"),
        subject: "Nooit verstuurd".into(),
        text: "tekst".into(),
        html: "<p>tekst</p>".into(),
        link: format!("{PUBLIC_URL}/uitnodiging#nooit"),
        unsubscribe: None,
    };
    let result: Result<(), AppError> = app
        .db
        .write(move |conn| {
            outbox.queue(conn, EmailKind::Invite, &email)?;
            Err(AppError::AlreadyMember)
        })
        .await;
    assert!(result.is_err());
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert_eq!(app.sql_count("SELECT COUNT(*) AS n FROM email_outbox"), 0);
    assert!(smtp.received().is_empty());
}

#[tokio::test]
async fn two_instances_on_one_database_send_two_hundred_emails_exactly_once() {
    if onsplan_tests::backend() != Backend::Postgres {
        println!("note: several instances share a database only on PostgreSQL; skipped on SQLite");
        return;
    }
    const EMAILS: usize = 200;
    let smtp = SmtpServer::start().await;
    let first = spawn_app_with(smtp_options(&smtp)).await;
    let second = spawn_app_with(AppOptions {
        database: Some(first.database.clone()),
        ..smtp_options(&smtp)
    })
    .await;
    let outbox = Outbox::new(
        Sealer::new(&Secret::new(JWT_SECRET.as_bytes().to_vec()).unwrap()),
        PUBLIC_URL,
    );
    // One transaction: all 200 become visible to both workers at the same moment.
    let started = Instant::now();
    first
        .db
        .write(move |conn| -> Result<(), AppError> {
            for i in 0..EMAILS {
                let marker = format!("bericht-{i:03}");
                outbox.queue(
                    conn,
                    EmailKind::Invite,
                    &Email {
                        to: format!("{marker}@example.nl"),
                        subject: marker.clone(),
                        text: marker.clone(),
                        html: format!("<p>{marker}</p>"),
                        link: format!("{PUBLIC_URL}/uitnodiging#{marker}"),
                        unsubscribe: None,
                    },
                )?;
            }
            Ok(())
        })
        .await
        .unwrap();

    let mails = smtp.wait_for(EMAILS, Duration::from_secs(120)).await;
    let elapsed = started.elapsed();
    eventually("every row is marked sent", || {
        first.sql_count("SELECT COUNT(*) AS n FROM email_outbox WHERE status = 'sent'")
            == EMAILS as i64
    })
    .await;
    // Give a late duplicate the chance to show up.
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mails = if smtp.received().len() > mails.len() {
        smtp.received()
    } else {
        mails
    };
    let mut per_recipient: HashMap<String, usize> = HashMap::new();
    for mail in &mails {
        for to in &mail.to {
            *per_recipient.entry(to.clone()).or_default() += 1;
        }
    }
    assert_eq!(per_recipient.len(), EMAILS);
    assert!(per_recipient.values().all(|&n| n == 1), "duplicates sent");
    assert_eq!(mails.len(), EMAILS);
    let instances =
        first.sql_count("SELECT COUNT(DISTINCT substr(claimed_by, 1, 36)) AS n FROM email_outbox");
    println!(
        "{EMAILS} emails delivered exactly once by two instances in {:.2} s ({instances} instance(s) sent some)",
        elapsed.as_secs_f64()
    );
    drop(second);
}
