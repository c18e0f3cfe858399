//! Password reset by email link: the same answer for unknown accounts, a link over SMTP, a new
//! password that works, and every old session ended.

use std::time::Duration;

use onsplan_shared::auth::{LoginRequest, RefreshRequest, TokenDelivery};
use onsplan_shared::invite::{PasswordResetConfirm, PasswordResetRequest};
use onsplan_shared::routes::APP_PASSWORD_RESET_PAGE;
use onsplan_shared::ErrorCode;
use onsplan_tests::mail::ParsedMail;
use onsplan_tests::{unique_email, PASSWORD};

use crate::invites::{app_with_smtp, MAIL_WAIT};

const NEW_PASSWORD: &str = "een heel nieuw wachtwoord";

fn login(email: &str, password: &str) -> LoginRequest {
    LoginRequest {
        email: email.into(),
        password: password.into(),
        token_delivery: TokenDelivery::Body,
    }
}

#[tokio::test]
async fn reset_link_sets_a_new_password_and_ends_every_old_session() {
    let (app, smtp) = app_with_smtp().await;
    let person = app.register("Vergeetachtig").await;
    let old_refresh = person.session.refresh_token.clone().unwrap();
    let email = person.me.email.clone();

    app.client()
        .request_password_reset(&PasswordResetRequest {
            email: email.to_uppercase(),
        })
        .await
        .unwrap();
    let mails = smtp.wait_for(1, MAIL_WAIT).await;
    assert_eq!(mails[0].to, vec![email.clone()]);
    let mail = ParsedMail::parse(&mails[0].data);
    assert!(mail.body("text/plain").contains("Vergeetachtig"));
    let token = mail.token_after(APP_PASSWORD_RESET_PAGE);
    assert_eq!(app.find_text_everywhere(&token), Vec::<String>::new());

    let confirm = PasswordResetConfirm {
        token: token.clone(),
        password: NEW_PASSWORD.into(),
    };
    app.client().confirm_password_reset(&confirm).await.unwrap();
    let again = app
        .client()
        .confirm_password_reset(&confirm)
        .await
        .unwrap_err();
    assert_eq!(
        (again.status(), again.code()),
        (Some(410), Some(ErrorCode::LinkUsed))
    );

    let refreshed = app
        .client()
        .refresh(&RefreshRequest {
            refresh_token: Some(old_refresh),
            token_delivery: TokenDelivery::Body,
        })
        .await
        .unwrap_err();
    assert_eq!(refreshed.code(), Some(ErrorCode::InvalidRefreshToken));
    let old = app
        .client()
        .login(&login(&email, PASSWORD))
        .await
        .unwrap_err();
    assert_eq!(old.code(), Some(ErrorCode::InvalidCredentials));
    let mut client = app.client();
    client.login(&login(&email, NEW_PASSWORD)).await.unwrap();
    assert_eq!(client.me().await.unwrap().id, person.id());
}

#[tokio::test]
async fn unknown_email_gets_the_same_answer_and_nothing_is_sent() {
    let (app, smtp) = app_with_smtp().await;
    let response = app
        .http
        .post(app.url(onsplan_shared::routes::PASSWORD_RESET))
        .json(&serde_json::json!({"email": unique_email("niemand")}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 202);
    assert!(response.bytes().await.unwrap().is_empty());
    tokio::time::sleep(Duration::from_millis(500)).await;
    assert!(smtp.received().is_empty());
    assert_eq!(app.sql_count("SELECT COUNT(*) AS n FROM email_outbox"), 0);
    assert_eq!(
        app.sql_count("SELECT COUNT(*) AS n FROM password_resets"),
        0
    );
}

#[tokio::test]
async fn a_newer_reset_link_replaces_the_older_and_expired_links_are_refused() {
    let (app, smtp) = app_with_smtp().await;
    let person = app.register("Tweemaal").await;
    let ask = PasswordResetRequest {
        email: person.me.email.clone(),
    };
    app.client().request_password_reset(&ask).await.unwrap();
    app.client().request_password_reset(&ask).await.unwrap();
    let mails = smtp.wait_for(2, MAIL_WAIT).await;
    let tokens: Vec<String> = mails
        .iter()
        .map(|m| ParsedMail::parse(&m.data).token_after(APP_PASSWORD_RESET_PAGE))
        .collect();
    // Delivery order is not creation order; find which one is older in the database.
    let confirm = |token: &str| PasswordResetConfirm {
        token: token.to_string(),
        password: NEW_PASSWORD.into(),
    };
    let mut codes = Vec::new();
    for token in &tokens {
        app.sql_execute("UPDATE password_resets SET expires_at = 1 WHERE superseded_at IS NULL");
        codes.push(
            app.client()
                .confirm_password_reset(&confirm(token))
                .await
                .unwrap_err()
                .code(),
        );
    }
    codes.sort_by_key(|c| format!("{c:?}"));
    assert_eq!(
        codes,
        vec![
            Some(ErrorCode::LinkExpired),
            Some(ErrorCode::LinkSuperseded)
        ]
    );
}
