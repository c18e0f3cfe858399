//! The server's log never holds passwords, tokens or plan content, even at debug level.
//! This binary captures every log line the server writes during a full session and searches
//! it for each secret the session used.

use std::io::Write;
use std::sync::{Arc, Mutex};

use onsplan_shared::auth::{LoginRequest, RefreshRequest, TokenDelivery};
use onsplan_shared::client::SectionScope::{Mine, Shared};
use onsplan_shared::section::{SaveSectionRequest, SectionKind};
use onsplan_shared::section_content::{Concerns, SectionContent};
use onsplan_tests::{spawn_app, PASSWORD};

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

    let app = spawn_app().await;
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
    // A replay, which the server logs as a warning.
    client
        .refresh(&RefreshRequest {
            refresh_token: Some(first_refresh.clone()),
            token_delivery: TokenDelivery::Body,
        })
        .await
        .unwrap_err();
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
    ];
    for (what, secret) in secrets {
        assert!(!log.contains(&secret), "the log holds the {what}");
    }
}
