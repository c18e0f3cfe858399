//! The server's log never holds passwords, tokens or plan content, even at debug level.
//! This binary captures every log line the server writes during a full session and searches
//! it for each secret the session used.

use std::io::Write;
use std::sync::{Arc, Mutex};

use onsplan_shared::auth::{LoginRequest, RefreshRequest, TokenDelivery};
use onsplan_shared::client::SectionScope::{Mine, Shared};
use onsplan_shared::section::{SaveSectionRequest, SectionKind};
use onsplan_shared::section_content::{Concerns, SectionContent};
use std::time::Duration;

use onsplan_shared::family::Role;
use onsplan_shared::invite::{
    AcceptInviteRequest, CreateInviteRequest, PasswordResetConfirm, PasswordResetRequest,
};
use onsplan_shared::routes::{APP_INVITE_PAGE, APP_PASSWORD_RESET_PAGE};
use onsplan_tests::mail::ParsedMail;
use onsplan_tests::smtp::SmtpServer;
use onsplan_tests::{spawn_app, spawn_app_with, unique_email, AppOptions, PASSWORD};

#[derive(Clone, Default)]
struct Captured(Arc<Mutex<Vec<u8>>>);

impl Write for Captured {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0.lock().unwrap().extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

impl<'a> tracing_subscriber::fmt::MakeWriter<'a> for Captured {
    type Writer = Captured;

    fn make_writer(&'a self) -> Self::Writer {
        self.clone()
    }
}

#[tokio::test]
async fn server_log_holds_no_password_token_or_plan_content() {
    let captured = Captured::default();
    tracing_subscriber::fmt()
        .with_env_filter("debug")
        .with_ansi(false)
        .with_writer(captured.clone())
        .init();

    let smtp = SmtpServer::start().await;
    let app = spawn_app_with(AppOptions {
        smtp_url: Some(smtp.url()),
        ..AppOptions::default()
    })
    .await;
    let parent = app.register("Geheim").await;
    let family = app.family_of(&parent, "Familie Geheim").await.id;
    let plan_text = "Mama heeft schulden bij de energie";
    let private_text = "Vluchtadres Kerkstraat 12";
    let save = |text: &str| SaveSectionRequest {
        visibility: None,
        content: SectionContent::Concerns(Concerns {
            worries: vec![text.into()],
        }),
    };
    parent
        .client
        .save_section(
            Shared,
            family,
            SectionKind::Concerns,
            Some(0),
            &save(plan_text),
        )
        .await
        .unwrap();
    parent
        .client
        .save_section(
            Mine,
            family,
            SectionKind::Concerns,
            Some(0),
            &save(private_text),
        )
        .await
        .unwrap();
    let wrong_password = "dit is het verkeerde wachtwoord";
    app.client()
        .login(&LoginRequest {
            email: parent.me.email.clone(),
            password: wrong_password.into(),
            token_delivery: TokenDelivery::Body,
        })
        .await
        .unwrap_err();
    let first_refresh = parent.session.refresh_token.clone().unwrap();
    let mut client = app.client();
    let rotated = client
        .refresh(&RefreshRequest {
            refresh_token: Some(first_refresh.clone()),
            token_delivery: TokenDelivery::Body,
        })
        .await
        .unwrap();
    // A replay after the grace for tabs refreshing together, which the server logs as a warning.
    app.sql_execute(
        "UPDATE refresh_tokens SET used_at = used_at - 60000 WHERE used_at IS NOT NULL",
    );
    client
        .refresh(&RefreshRequest {
            refresh_token: Some(first_refresh.clone()),
            token_delivery: TokenDelivery::Body,
        })
        .await
        .unwrap_err();

    // An invitation and a password reset over SMTP: their links appear in no log line.
    let message = "Persoonlijk bericht voor oma";
    parent
        .client
        .invite(
            family,
            &CreateInviteRequest {
                email: unique_email("oma"),
                role: Role::Relative,
                message: message.into(),
                locale: Default::default(),
            },
        )
        .await
        .unwrap();
    let mails = smtp.wait_for(1, Duration::from_secs(20)).await;
    let invite_token = ParsedMail::parse(&mails[0].data).token_after(APP_INVITE_PAGE);
    app.client().lookup_invite(&invite_token).await.unwrap();
    app.client()
        .accept_invite(&AcceptInviteRequest {
            token: invite_token.clone(),
            name: Some("Oma".into()),
            password: Some(PASSWORD.into()),
            locale: Default::default(),
            token_delivery: TokenDelivery::Body,
        })
        .await
        .unwrap();
    app.client()
        .request_password_reset(&PasswordResetRequest {
            email: parent.me.email.clone(),
        })
        .await
        .unwrap();
    let mails = smtp.wait_for(2, Duration::from_secs(20)).await;
    let reset_token = ParsedMail::parse(&mails[1].data).token_after(APP_PASSWORD_RESET_PAGE);
    let new_password = "nieuw geheim wachtwoord";
    app.client()
        .confirm_password_reset(&PasswordResetConfirm {
            token: reset_token.clone(),
            password: new_password.into(),
        })
        .await
        .unwrap();
    drop(app);

    let log = String::from_utf8_lossy(&captured.0.lock().unwrap()).into_owned();
    assert!(
        log.contains("route=/api/v1/families/{family}/sections/{kind}"),
        "nothing captured"
    );
    assert!(
        log.contains("refresh token was presented again"),
        "replay not logged"
    );
    assert!(
        !log.contains("ERROR"),
        "errors logged during a normal session:\n{log}"
    );
    let secrets = [
        ("password", PASSWORD.to_string()),
        ("wrong password", wrong_password.to_string()),
        ("access token", parent.session.access_token.clone()),
        ("refresh token", first_refresh),
        ("rotated refresh token", rotated.refresh_token.unwrap()),
        ("plan text", plan_text.to_string()),
        ("private text", private_text.to_string()),
        ("family id", family.to_string()),
        ("invite token", invite_token),
        ("reset token", reset_token),
        ("personal message", message.to_string()),
        ("new password", new_password.to_string()),
    ];
    for (what, secret) in secrets {
        assert!(!log.contains(&secret), "the log holds the {what}");
    }

    // Without SMTP settings (development), the link is printed so a newcomer can follow it,
    // and the message is written as an .eml file.
    let local = spawn_app().await;
    let parent = local.register("Lokaal").await;
    let family = local.family_of(&parent, "Familie Lokaal").await.id;
    parent
        .client
        .invite(
            family,
            &CreateInviteRequest {
                email: unique_email("buur"),
                role: Role::Relative,
                message: String::new(),
                locale: Default::default(),
            },
        )
        .await
        .unwrap();
    let folder = local.database.data_dir.join("mail");
    let deadline = std::time::Instant::now() + Duration::from_secs(20);
    let eml = loop {
        let found = std::fs::read_dir(&folder)
            .unwrap()
            .filter_map(Result::ok)
            .map(|entry| entry.path())
            .find(|path| path.extension().is_some_and(|ext| ext == "eml"));
        if let Some(path) = found {
            break std::fs::read_to_string(path).unwrap();
        }
        assert!(std::time::Instant::now() < deadline, "no .eml file written");
        tokio::time::sleep(Duration::from_millis(50)).await;
    };
    let token = ParsedMail::parse(&eml).token_after(APP_INVITE_PAGE);
    drop(local);
    let log = String::from_utf8_lossy(&captured.0.lock().unwrap()).into_owned();
    assert!(
        log.contains(&format!("{APP_INVITE_PAGE}#{token}")),
        "the development transport prints the link"
    );
}
