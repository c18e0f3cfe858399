//! Invitations by email, end to end: a parent invites, the test's SMTP server receives the
//! message over a real SMTP conversation, and the link in it is looked up and accepted through
//! the typed client. Refused links say why and change nothing; one link makes one member.

use std::time::Duration;

use onsplan_shared::auth::{Locale, TokenDelivery};
use onsplan_shared::client::SectionScope::Shared;
use onsplan_shared::family::Role;
use onsplan_shared::invite::{AcceptInviteRequest, CreateInviteRequest, Invite};
use onsplan_shared::routes::{fill, APP_INVITE_PAGE, INVITES};
use onsplan_shared::section::Visibility;
use onsplan_shared::{ClientError, ErrorCode};
use onsplan_tests::mail::ParsedMail;
use onsplan_tests::smtp::SmtpServer;
use onsplan_tests::{spawn_app_with, unique_email, AppOptions, Person, TestApp, PASSWORD};
use uuid::Uuid;

pub const MAIL_WAIT: Duration = Duration::from_secs(20);

/// A server whose email goes to a fresh SMTP server in this test.
pub async fn app_with_smtp() -> (TestApp, SmtpServer) {
    let smtp = SmtpServer::start().await;
    let app = spawn_app_with(AppOptions {
        smtp_url: Some(smtp.url()),
        ..AppOptions::default()
    })
    .await;
    (app, smtp)
}

pub fn invitation(email: &str, role: Role, message: &str) -> CreateInviteRequest {
    CreateInviteRequest {
        email: email.to_string(),
        role,
        message: message.to_string(),
        locale: Locale::Nl,
    }
}

pub fn new_account(token: &str, name: &str) -> AcceptInviteRequest {
    AcceptInviteRequest {
        token: token.to_string(),
        name: Some(name.to_string()),
        password: Some(PASSWORD.to_string()),
        locale: Locale::Nl,
        token_delivery: TokenDelivery::Body,
    }
}

/// Only the token: for accepting with an account one is signed in with.
fn signed_in(token: &str) -> AcceptInviteRequest {
    AcceptInviteRequest {
        name: None,
        password: None,
        ..new_account(token, "")
    }
}

fn code(err: ClientError) -> (u16, ErrorCode) {
    (
        err.status().expect("an HTTP answer"),
        err.code().expect("an error code"),
    )
}

/// The token of the `n`-th email the SMTP server received (1-based).
async fn nth_invite_token(smtp: &SmtpServer, n: usize) -> String {
    let mails = smtp.wait_for(n, MAIL_WAIT).await;
    ParsedMail::parse(&mails[n - 1].data).token_after(APP_INVITE_PAGE)
}

/// A parent with a family.
async fn parent_with_family(app: &TestApp, name: &str) -> (Person, Uuid) {
    let parent = app.register(name).await;
    let family = app.family_of(&parent, &format!("Familie {name}")).await.id;
    (parent, family)
}

async fn invite(parent: &Person, family: Uuid, email: &str, role: Role) -> Invite {
    parent
        .client
        .invite(family, &invitation(email, role, "Doe je mee?"))
        .await
        .expect("invite is made")
}

fn counts(app: &TestApp) -> (i64, i64) {
    (
        app.sql_count("SELECT COUNT(*) AS n FROM users"),
        app.sql_count("SELECT COUNT(*) AS n FROM memberships"),
    )
}

#[tokio::test]
async fn invited_relative_joins_through_the_emailed_link_and_sees_only_network_sections() {
    let (app, smtp) = app_with_smtp().await;
    let (parent, family) = parent_with_family(&app, "Fatima").await;
    let oma = unique_email("oma");
    let made = parent
        .client
        .invite(
            family,
            &invitation(
                &oma.to_uppercase(),
                Role::Relative,
                "Lieve mam, doe je mee?",
            ),
        )
        .await
        .unwrap();
    assert_eq!(made.email, oma);
    assert_eq!(
        parent.client.invites(family).await.unwrap(),
        vec![made.clone()]
    );

    let mails = smtp.wait_for(1, MAIL_WAIT).await;
    assert_eq!(mails[0].to, vec![oma.clone()]);
    let mail = ParsedMail::parse(&mails[0].data);
    assert!(mail.subject.contains("Fatima"), "{}", mail.subject);
    for body in [mail.body("text/plain"), mail.body("text/html")] {
        for needle in [
            "Fatima",
            "Familie Fatima",
            "Lieve mam, doe je mee?",
            "onsplan.test/uitnodiging#",
        ] {
            assert!(body.contains(needle), "{needle} missing in {body}");
        }
    }
    let token = mail.token_after(APP_INVITE_PAGE);
    assert_eq!(token.len(), 43);

    let mut oma_client = app.client();
    let looked = oma_client.lookup_invite(&token).await.unwrap();
    assert_eq!(
        (
            looked.family_id,
            looked.family_name.as_str(),
            looked.inviter_name.as_str()
        ),
        (family, "Familie Fatima", "Fatima")
    );
    assert_eq!(
        (looked.email.as_str(), looked.role),
        (oma.as_str(), Role::Relative)
    );
    assert!(!looked.account_exists);
    // Looking twice changes nothing.
    assert_eq!(oma_client.lookup_invite(&token).await.unwrap(), looked);

    let accepted = oma_client
        .accept_invite(&new_account(&token, "Oma Aisha"))
        .await
        .unwrap();
    assert_eq!(
        (accepted.family_id, accepted.role),
        (family, Role::Relative)
    );
    let session = accepted.session.expect("a new account gets a session");
    assert!(session.refresh_token.is_some());
    assert_eq!(oma_client.me().await.unwrap().email, oma);

    let detail = oma_client.family(family).await.unwrap();
    assert_eq!(detail.my_role, Role::Relative);
    let seen: Vec<_> = oma_client
        .sections(Shared, family)
        .await
        .unwrap()
        .into_iter()
        .map(|s| s.kind)
        .collect();
    let network: Vec<_> = parent
        .client
        .sections(Shared, family)
        .await
        .unwrap()
        .into_iter()
        .filter(|s| s.visibility == Visibility::Network)
        .map(|s| s.kind)
        .collect();
    assert!(!network.is_empty());
    assert_eq!(seen, network);
    assert!(parent.client.invites(family).await.unwrap().is_empty());

    // Invite and accept are in the access log; the token is nowhere in the database.
    let logged = app.sql_count(&format!(
        "SELECT COUNT(*) AS n FROM access_log WHERE target_id = '{}' \
         AND action IN ('invite', 'accept_invite')",
        made.id
    ));
    assert_eq!(logged, 2);
    assert!(
        !app.find_text_everywhere(&oma).is_empty(),
        "the scan finds what is there"
    );
    assert_eq!(app.find_text_everywhere(&token), Vec::<String>::new());
}

#[tokio::test]
async fn english_invite_escapes_the_message_in_html_and_carries_no_plan_content() {
    let (app, smtp) = app_with_smtp().await;
    let (parent, family) = parent_with_family(&app, "Noor").await;
    let secret_plan = "Schulden bij de energie";
    let concerns = onsplan_shared::section_content::SectionContent::Concerns(
        onsplan_shared::section_content::Concerns {
            worries: vec![secret_plan.into()],
        },
    );
    parent.write_first(Shared, family, concerns).await;
    let mut request = invitation(
        &unique_email("friend"),
        Role::Parent,
        "<script>alert(1)</script> & welcome",
    );
    request.locale = Locale::En;
    parent.client.invite(family, &request).await.unwrap();
    let mails = smtp.wait_for(1, MAIL_WAIT).await;
    let mail = ParsedMail::parse(&mails[0].data);
    assert!(mail.subject.contains("invites you"), "{}", mail.subject);
    let html = mail.body("text/html");
    assert!(!html.contains("<script>"), "{html}");
    assert!(
        html.contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; welcome"),
        "{html}"
    );
    assert!(mail
        .body("text/plain")
        .contains("<script>alert(1)</script> & welcome"));
    assert!(!mails[0].data.contains(secret_plan));
    assert!(!html.contains(secret_plan) && !mail.body("text/plain").contains(secret_plan));
}

#[tokio::test]
async fn only_parents_invite_and_members_are_not_invited_twice() {
    let (app, _smtp) = app_with_smtp().await;
    let (parent, family) = parent_with_family(&app, "Sanne").await;
    let relative = app.register("Buurman").await;
    app.add_member(family, &relative, Role::Relative).await;
    let stranger = app.register("Vreemde").await;
    let email = unique_email("nicht");

    let as_relative = relative
        .client
        .invite(family, &invitation(&email, Role::Relative, ""))
        .await
        .unwrap_err();
    assert_eq!(code(as_relative), (403, ErrorCode::Forbidden));
    assert_eq!(
        code(relative.client.invites(family).await.unwrap_err()).0,
        403
    );
    let as_stranger = stranger
        .client
        .invite(family, &invitation(&email, Role::Relative, ""))
        .await
        .unwrap_err();
    assert_eq!(code(as_stranger), (404, ErrorCode::NotFound));
    let member = parent
        .client
        .invite(family, &invitation(&relative.me.email, Role::Parent, ""))
        .await
        .unwrap_err();
    assert_eq!(code(member), (409, ErrorCode::AlreadyMember));
    let bad = parent
        .client
        .invite(family, &invitation("geen-adres", Role::Parent, ""))
        .await
        .unwrap_err();
    assert_eq!(code(bad), (422, ErrorCode::ValidationFailed));
    assert_eq!(app.sql_count("SELECT COUNT(*) AS n FROM invites"), 0);
    assert_eq!(app.sql_count("SELECT COUNT(*) AS n FROM email_outbox"), 0);
}

#[tokio::test]
async fn an_existing_account_signs_in_to_accept_and_another_account_cannot() {
    let (app, smtp) = app_with_smtp().await;
    let (parent, family) = parent_with_family(&app, "Ilse").await;
    let opa = app.register("Opa").await;
    let other = app.register("Ander").await;
    invite(&parent, family, &opa.me.email, Role::Parent).await;
    let token = nth_invite_token(&smtp, 1).await;

    assert!(
        app.client()
            .lookup_invite(&token)
            .await
            .unwrap()
            .account_exists
    );
    let before = counts(&app);
    let anonymous = app
        .client()
        .accept_invite(&new_account(&token, "Opa"))
        .await
        .unwrap_err();
    assert_eq!(code(anonymous), (401, ErrorCode::SignInRequired));
    let mut wrong = other.client.clone();
    let mismatch = wrong.accept_invite(&signed_in(&token)).await.unwrap_err();
    assert_eq!(code(mismatch), (403, ErrorCode::InviteEmailMismatch));
    assert_eq!(counts(&app), before, "refusals create nothing");

    // A link for an address without an account cannot be taken by a signed-in other person.
    invite(&parent, family, &unique_email("nieuw"), Role::Relative).await;
    let fresh = nth_invite_token(&smtp, 2).await;
    let taken = wrong
        .accept_invite(&new_account(&fresh, "Ander"))
        .await
        .unwrap_err();
    assert_eq!(code(taken), (403, ErrorCode::InviteEmailMismatch));
    assert_eq!(counts(&app), before, "refusals create nothing");

    let mut opa_client = opa.client.clone();
    let accepted = opa_client.accept_invite(&signed_in(&token)).await.unwrap();
    assert_eq!((accepted.role, accepted.session), (Role::Parent, None));
    assert_eq!(
        opa.client.family(family).await.unwrap().my_role,
        Role::Parent
    );
}

#[tokio::test]
async fn expired_revoked_used_resent_and_unknown_links_are_refused_and_create_nothing() {
    let (app, smtp) = app_with_smtp().await;
    let (parent, family) = parent_with_family(&app, "Ruud").await;
    let refuse = |token: String| {
        let mut client = app.client();
        async move {
            let looked = code(client.lookup_invite(&token).await.unwrap_err());
            let accepted = code(
                client
                    .accept_invite(&new_account(&token, "Iemand"))
                    .await
                    .unwrap_err(),
            );
            assert_eq!(looked, accepted, "lookup and accept refuse alike");
            accepted
        }
    };

    // Expired.
    let expiring = invite(&parent, family, &unique_email("laat"), Role::Relative).await;
    let expired_token = nth_invite_token(&smtp, 1).await;
    app.sql_execute(&format!(
        "UPDATE invites SET expires_at = 1 WHERE id = '{}'",
        expiring.id
    ));
    // Revoked.
    let revoked = invite(&parent, family, &unique_email("weg"), Role::Relative).await;
    let revoked_token = nth_invite_token(&smtp, 2).await;
    parent
        .client
        .revoke_invite(family, revoked.id)
        .await
        .unwrap();
    assert_eq!(
        code(
            parent
                .client
                .revoke_invite(family, revoked.id)
                .await
                .unwrap_err()
        ),
        (404, ErrorCode::NotFound)
    );
    // Resent: the old link dies, the new one works.
    let resent = invite(&parent, family, &unique_email("opnieuw"), Role::Relative).await;
    let old_token = nth_invite_token(&smtp, 3).await;
    let renewed = parent
        .client
        .resend_invite(family, resent.id)
        .await
        .unwrap();
    assert_ne!(renewed.id, resent.id);
    assert_eq!(renewed.email, resent.email);
    let new_token = nth_invite_token(&smtp, 4).await;
    // Used.
    invite(&parent, family, &unique_email("eenmaal"), Role::Relative).await;
    let used_token = nth_invite_token(&smtp, 5).await;
    app.client()
        .accept_invite(&new_account(&used_token, "Eenmaal"))
        .await
        .unwrap();

    let before = counts(&app);
    assert_eq!(refuse(expired_token).await, (410, ErrorCode::LinkExpired));
    assert_eq!(refuse(revoked_token).await, (410, ErrorCode::LinkRevoked));
    assert_eq!(refuse(old_token).await, (410, ErrorCode::LinkSuperseded));
    assert_eq!(refuse(used_token).await, (410, ErrorCode::LinkUsed));
    assert_eq!(
        refuse("bestaat-niet-aaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa".into()).await,
        (404, ErrorCode::LinkInvalid)
    );
    assert_eq!(counts(&app), before, "refused links create nothing");

    app.client()
        .accept_invite(&new_account(&new_token, "Opnieuw"))
        .await
        .unwrap();
    let pending: Vec<Uuid> = parent
        .client
        .invites(family)
        .await
        .unwrap()
        .into_iter()
        .map(|i| i.id)
        .collect();
    assert_eq!(
        pending,
        vec![expiring.id],
        "only the expired one is still pending"
    );
}

#[tokio::test]
async fn twenty_parallel_accepts_of_one_link_make_exactly_one_member() {
    let (app, smtp) = app_with_smtp().await;
    let (parent, family) = parent_with_family(&app, "Race").await;
    invite(&parent, family, &unique_email("snel"), Role::Relative).await;
    let token = nth_invite_token(&smtp, 1).await;
    let attempts = (0..20).map(|i| {
        let mut client = app.client();
        let request = new_account(&token, &format!("Poging {i}"));
        async move { client.accept_invite(&request).await }
    });
    let results = futures_util::future::join_all(attempts).await;
    let winners = results.iter().filter(|r| r.is_ok()).count();
    assert_eq!(winners, 1, "{results:?}");
    for loser in results.into_iter().filter_map(Result::err) {
        assert_eq!(code(loser), (410, ErrorCode::LinkUsed));
    }
    assert_eq!(parent.client.family(family).await.unwrap().members.len(), 2);
    assert_eq!(app.sql_count("SELECT COUNT(*) AS n FROM users"), 2);
}

#[tokio::test]
async fn lookups_from_one_address_are_rate_limited_with_retry_after() {
    let app = onsplan_tests::spawn_app().await;
    let client = app.client();
    for _ in 0..30 {
        let err = client.lookup_invite("onbekend").await.unwrap_err();
        assert_eq!(code(err), (404, ErrorCode::LinkInvalid));
    }
    let response = app
        .http
        .post(app.url(onsplan_shared::routes::INVITE_LOOKUP))
        .json(&serde_json::json!({"token": "onbekend"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    let wait: u64 = response.headers()["retry-after"]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&wait), "{wait}");
}

#[tokio::test]
async fn sixty_parallel_lookups_from_one_address_let_exactly_thirty_through() {
    let app = onsplan_tests::spawn_app().await;
    let lookups = (0..60).map(|_| {
        let client = app.client();
        async move { code(client.lookup_invite("onbekend").await.unwrap_err()).0 }
    });
    let statuses = futures_util::future::join_all(lookups).await;
    let through = statuses.iter().filter(|s| **s == 404).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!((through, refused), (30, 30), "{statuses:?}");
}

#[tokio::test]
async fn the_twenty_first_invite_in_an_hour_is_refused_and_its_email_rolled_back() {
    let (app, smtp) = app_with_smtp().await;
    let (parent, family) = parent_with_family(&app, "Veel").await;
    for i in 0..20 {
        invite(
            &parent,
            family,
            &unique_email(&format!("gast{i}")),
            Role::Relative,
        )
        .await;
    }
    let path = fill(INVITES, &[&family.to_string()]);
    let response = parent
        .client
        .request(reqwest::Method::POST, &path)
        .json(&invitation(&unique_email("teveel"), Role::Relative, ""))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 429);
    assert_eq!(response.headers()["retry-after"], "3600");
    // The refused invite wrote its outbox row before the limit check; the rollback took it.
    assert_eq!(app.sql_count("SELECT COUNT(*) AS n FROM invites"), 20);
    assert_eq!(app.sql_count("SELECT COUNT(*) AS n FROM email_outbox"), 20);
    smtp.wait_for(20, MAIL_WAIT).await;
    tokio::time::sleep(Duration::from_millis(300)).await;
    assert_eq!(smtp.received().len(), 20);
}

#[tokio::test]
async fn professional_and_org_admin_accounts_cannot_be_invited_nor_accept_an_invitation() {
    let app = onsplan_tests::spawn_app().await;
    let (parent, family) = parent_with_family(&app, "Anouk").await;
    let (_, org_admin) = app.organisation("Wijkteam Zuid").await;
    let pro = app.professional(&org_admin, "Petra").await;

    for (email, role) in [
        (&pro.me.email, Role::Parent),
        (&pro.me.email, Role::Relative),
        (&org_admin.me.email, Role::Relative),
    ] {
        let refused = parent
            .client
            .invite(
                family,
                &invitation(&email.to_uppercase(), role, "Doe je mee?"),
            )
            .await
            .unwrap_err();
        assert_eq!(code(refused), (409, ErrorCode::ProfessionalAccount));
    }
    assert_eq!(app.sql_count("SELECT COUNT(*) AS n FROM invites"), 0);

    // An invitation sent before the organisation made an account for the address.
    let address = unique_email("later-pro");
    invite(&parent, family, &address, Role::Parent).await;
    let token = app
        .file_email_to(&address)
        .await
        .token_after(APP_INVITE_PAGE);
    app.execute_sql(&format!(
        "UPDATE invites SET email = '{}' WHERE email = '{address}'",
        pro.me.email
    ))
    .await;
    let before = counts(&app);
    let mut pro_client = pro.client.clone();
    let refused = pro_client
        .accept_invite(&signed_in(&token))
        .await
        .unwrap_err();
    assert_eq!(code(refused), (409, ErrorCode::ProfessionalAccount));
    let anonymous = app
        .client()
        .accept_invite(&new_account(&token, "Petra"))
        .await
        .unwrap_err();
    assert_eq!(code(anonymous), (409, ErrorCode::ProfessionalAccount));
    assert_eq!(counts(&app), before, "refusals create nothing");
    assert_eq!(
        pro.client.family(family).await.unwrap_err().status(),
        Some(404)
    );
}
