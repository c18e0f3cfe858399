//! How sessions end and survive: logout and password reset end access tokens at once (the
//! session epoch), logout everywhere ends every device's session, and two tabs refreshing with
//! the same token at the same moment both stay logged in.

use onsplan_shared::auth::{
    LoginRequest, LogoutRequest, RefreshRequest, SessionResponse, TokenDelivery,
};
use onsplan_shared::invite::{PasswordResetConfirm, PasswordResetRequest};
use onsplan_shared::routes::APP_PASSWORD_RESET_PAGE;
use onsplan_shared::{ApiClient, ClientError, ErrorCode};
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

/// Presents `token` from `count` clients at the same moment, all as the same browser.
async fn refresh_together(
    app: &TestApp,
    token: &str,
    count: usize,
) -> Vec<Result<SessionResponse, ClientError>> {
    let attempts = (0..count).map(|_| {
        let mut client = app.client();
        let request = refresh_with(token);
        async move { client.refresh(&request).await }
    });
    futures_util::future::join_all(attempts).await
}

#[tokio::test]
async fn tabs_refreshing_with_one_token_at_the_same_moment_all_stay_logged_in() {
    let app = spawn_app().await;
    let person = app.register("Twee tabbladen").await;
    let token = person.session.refresh_token.clone().unwrap();

    let results = refresh_together(&app, &token, 5).await;
    let sessions: Vec<SessionResponse> = results
        .into_iter()
        .map(|r| r.expect("every tab gets a session"))
        .collect();
    for session in sessions {
        let mut tab = app.client().with_access_token(&session.access_token);
        assert_eq!(tab.me().await.unwrap().id, person.id());
        // The chain lives on: each tab's new refresh token works.
        tab.refresh(&refresh_with(&session.refresh_token.unwrap()))
            .await
            .unwrap();
        assert_eq!(tab.me().await.unwrap().id, person.id());
    }
}

#[tokio::test]
async fn presenting_a_used_token_after_the_grace_still_revokes_the_chain() {
    let app = spawn_app().await;
    let person = app.register("Na de tijd").await;
    let first = person.session.refresh_token.clone().unwrap();
    let mut client = app.client();
    let second = client
        .refresh(&refresh_with(&first))
        .await
        .unwrap()
        .refresh_token
        .unwrap();

    app.sql_execute(
        "UPDATE refresh_tokens SET used_at = used_at - 60000 WHERE used_at IS NOT NULL",
    );
    let replay = client.refresh(&refresh_with(&first)).await.unwrap_err();
    assert_eq!(replay.code(), Some(ErrorCode::InvalidRefreshToken));
    let after = client.refresh(&refresh_with(&second)).await.unwrap_err();
    assert_eq!(after.code(), Some(ErrorCode::InvalidRefreshToken));
}

#[tokio::test]
async fn another_client_presenting_a_just_used_token_revokes_the_chain() {
    let app = spawn_app().await;
    let person = app.register("Ander apparaat").await;
    let first = person.session.refresh_token.clone().unwrap();
    let mut owner = app.client();
    let second = owner
        .refresh(&refresh_with(&first))
        .await
        .unwrap()
        .refresh_token
        .unwrap();

    let thief_http = reqwest::Client::builder()
        .user_agent("iemand anders")
        .build()
        .unwrap();
    let mut thief = ApiClient::with_http(&app.address, thief_http);
    let replay = thief.refresh(&refresh_with(&first)).await.unwrap_err();
    assert_eq!(replay.code(), Some(ErrorCode::InvalidRefreshToken));
    let after = owner.refresh(&refresh_with(&second)).await.unwrap_err();
    assert_eq!(after.code(), Some(ErrorCode::InvalidRefreshToken));
}
