//! How sessions end and survive: logout and password reset end access tokens at once (the
//! session epoch), logout everywhere ends every device's session, and two tabs refreshing with
//! the same token at the same moment both stay logged in.

use onsplan_shared::auth::{LoginRequest, LogoutRequest, RefreshRequest, TokenDelivery};
use onsplan_shared::invite::{PasswordResetConfirm, PasswordResetRequest};
use onsplan_shared::routes::APP_PASSWORD_RESET_PAGE;
use onsplan_shared::{ApiClient, ErrorCode};
use onsplan_tests::{spawn_app, TestApp, PASSWORD};

fn refresh_with(token: &str) -> RefreshRequest {
    RefreshRequest {
        refresh_token: Some(token.to_string()),
        token_delivery: TokenDelivery::Body,
    }
}

/// A second login of the same account (another device), refresh token in the body.
async fn second_device(app: &TestApp, email: &str) -> (ApiClient, String) {
    let mut client = app.client();
    let session = client
        .login(&LoginRequest {
            email: email.to_string(),
            password: PASSWORD.to_string(),
            token_delivery: TokenDelivery::Body,
        })
        .await
        .unwrap();
    (client, session.refresh_token.unwrap())
}

#[tokio::test]
async fn access_token_is_refused_right_after_logout() {
    let app = spawn_app().await;
    let mut person = app.register("Uitlogger").await;
    let access = app.client().with_access_token(&person.session.access_token);
    assert_eq!(access.me().await.unwrap().id, person.id());

    person
        .client
        .logout(&LogoutRequest {
            refresh_token: person.session.refresh_token.clone(),
            everywhere: false,
        })
        .await
        .unwrap();

    let err = access.me().await.unwrap_err();
    assert_eq!(
        (err.status(), err.code()),
        (Some(401), Some(ErrorCode::Unauthorized))
    );
}

#[tokio::test]
async fn other_devices_keep_their_session_after_a_plain_logout() {
    let app = spawn_app().await;
    let mut person = app.register("Twee apparaten").await;
    let (phone, phone_refresh) = second_device(&app, &person.me.email).await;

    person
        .client
        .logout(&LogoutRequest {
            refresh_token: person.session.refresh_token.clone(),
            everywhere: false,
        })
        .await
        .unwrap();

    // The phone's access token is from before the logout, so it stops too; its refresh token
    // still works and brings a new access token, as the app does on a 401.
    assert_eq!(phone.me().await.unwrap_err().status(), Some(401));
    let mut phone = phone;
    phone.refresh(&refresh_with(&phone_refresh)).await.unwrap();
    assert_eq!(phone.me().await.unwrap().id, person.id());
}

#[tokio::test]
async fn logout_everywhere_ends_every_session_of_the_account() {
    let app = spawn_app().await;
    let mut person = app.register("Overal uit").await;
    let (phone, phone_refresh) = second_device(&app, &person.me.email).await;

    person
        .client
        .logout(&LogoutRequest {
            refresh_token: person.session.refresh_token.clone(),
            everywhere: true,
        })
        .await
        .unwrap();

    assert_eq!(phone.me().await.unwrap_err().status(), Some(401));
    let err = app
        .client()
        .refresh(&refresh_with(&phone_refresh))
        .await
        .unwrap_err();
    assert_eq!(err.code(), Some(ErrorCode::InvalidRefreshToken));
}

#[tokio::test]
async fn password_reset_ends_every_access_token_at_once() {
    let app = spawn_app().await;
    let person = app.register("Vergeten").await;
    let (phone, _) = second_device(&app, &person.me.email).await;
    assert_eq!(person.client.me().await.unwrap().id, person.id());

    app.client()
        .request_password_reset(&PasswordResetRequest {
            email: person.me.email.clone(),
        })
        .await
        .unwrap();
    let token = app
        .file_email_to(&person.me.email)
        .await
        .token_after(APP_PASSWORD_RESET_PAGE);
    app.client()
        .confirm_password_reset(&PasswordResetConfirm {
            token,
            password: "een heel ander wachtwoord".into(),
        })
        .await
        .unwrap();

    for client in [&person.client, &phone] {
        let err = client.me().await.unwrap_err();
        assert_eq!(
            (err.status(), err.code()),
            (Some(401), Some(ErrorCode::Unauthorized))
        );
    }
}
