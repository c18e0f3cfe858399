//! Accounts and sessions: what registering checks, login, refresh rotation with reuse detection, logout.

use onsplan_shared::auth::{
    Locale, LoginRequest, LogoutRequest, RefreshRequest, RegisterRequest, TokenDelivery,
    UpdateLocaleRequest,
};
use onsplan_shared::routes::{AUTH_LOGIN, AUTH_REFRESH, REFRESH_COOKIE};
use onsplan_shared::{ClientError, ErrorCode};
use onsplan_tests::{spawn_app, unique_email, PASSWORD};
use reqwest::StatusCode;

fn login_as(email: &str, password: &str) -> LoginRequest {
    LoginRequest {
        email: email.into(),
        password: password.into(),
        token_delivery: TokenDelivery::Body,
    }
}

fn status(err: &ClientError) -> u16 {
    err.status().expect("an HTTP answer")
}

#[tokio::test]
async fn short_password_is_422_naming_the_field() {
    let app = spawn_app().await;
    let err = app
        .client()
        .register(&RegisterRequest {
            email: unique_email("kort"),
            name: "Kort".into(),
            password: "kort".into(),
            locale: Default::default(),
            token_delivery: TokenDelivery::Body,
        })
        .await
        .unwrap_err();
    assert_eq!(status(&err), 422);
    match err {
        ClientError::Api { error, .. } => assert_eq!(error.field.as_deref(), Some("password")),
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn common_passwords_and_the_own_email_or_name_are_refused_as_weak() {
    let app = spawn_app().await;
    let email = unique_email("zwak");
    for (password, name) in [
        ("1234567890", "Zwak"),
        ("Qwertyuiop", "Zwak"),
        (email.as_str(), "Zwak"),
        ("Sanne de Wit", "Sanne de Wit"),
    ] {
        let err = app
            .client()
            .register(&RegisterRequest {
                email: email.clone(),
                name: name.into(),
                password: password.into(),
                locale: Locale::Nl,
                token_delivery: TokenDelivery::Body,
            })
            .await
            .unwrap_err();
        assert_eq!(status(&err), 422, "{password}");
        assert_eq!(err.code(), Some(ErrorCode::WeakPassword));
        match err {
            ClientError::Api { error, .. } => assert_eq!(error.field.as_deref(), Some("password")),
            other => panic!("{other:?}"),
        }
    }
    assert_eq!(app.sql_count("SELECT COUNT(*) AS n FROM users"), 0);
}

#[tokio::test]
async fn an_email_must_be_one_plain_address_and_a_name_one_line() {
    let app = spawn_app().await;
    let plain = unique_email("plat");
    for (email, name, field) in [
        (format!("Oma <{plain}>"), "Oma", "email"),
        (format!("<{plain}>"), "Oma", "email"),
        (format!("{plain}\r\nBcc: ander@example.nl"), "Oma", "email"),
        (format!("{plain}\n"), "Oma", "email"),
        (format!("{plain}, ander@example.nl"), "Oma", "email"),
        (plain.clone(), "Oma\r\nBcc: ander@example.nl", "name"),
        (plain.clone(), "Oma\tJansen", "name"),
    ] {
        let err = app
            .client()
            .register(&RegisterRequest {
                email: email.clone(),
                name: name.into(),
                password: PASSWORD.into(),
                locale: Locale::Nl,
                token_delivery: TokenDelivery::Body,
            })
            .await
            .unwrap_err();
        assert_eq!(status(&err), 422, "{email:?} {name:?}");
        match err {
            ClientError::Api { error, .. } => {
                assert_eq!(error.code, ErrorCode::ValidationFailed);
                assert_eq!(error.field.as_deref(), Some(field));
            }
            other => panic!("{other:?}"),
        }
    }
    let parent = app.register("Plat").await;
    let err = parent
        .client
        .create_family(&onsplan_shared::family::CreateFamilyRequest {
            name: "Familie\nJansen".into(),
        })
        .await
        .unwrap_err();
    assert_eq!(status(&err), 422);
    assert_eq!(app.sql_count("SELECT COUNT(*) AS n FROM users"), 1);
}

#[tokio::test]
async fn login_with_the_right_password_gives_a_working_session() {
    let app = spawn_app().await;
    let person = app.register("Vader").await;
    let mut client = app.client();
    client
        .login(&login_as(&person.me.email, PASSWORD))
        .await
        .unwrap();
    assert_eq!(client.me().await.unwrap().id, person.id());
}

#[tokio::test]
async fn wrong_password_and_unknown_account_get_the_same_answer() {
    let app = spawn_app().await;
    let person = app.register("Tante").await;
    let wrong = app
        .client()
        .login(&login_as(&person.me.email, "helemaal verkeerd wachtwoord"))
        .await
        .unwrap_err();
    let unknown = app
        .client()
        .login(&login_as(&unique_email("niemand"), PASSWORD))
        .await
        .unwrap_err();
    match (wrong, unknown) {
        (
            ClientError::Api {
                status: s1,
                error: e1,
            },
            ClientError::Api {
                status: s2,
                error: e2,
            },
        ) => {
            assert_eq!((s1, s2), (401, 401));
            assert_eq!(e1, e2);
            assert_eq!(e1.code, ErrorCode::InvalidCredentials);
        }
        other => panic!("{other:?}"),
    }
}

#[tokio::test]
async fn repeated_failed_logins_are_rate_limited_even_with_the_right_password() {
    let app = spawn_app().await;
    let person = app.register("Buurman").await;
    for _ in 0..10 {
        let err = app
            .client()
            .login(&login_as(&person.me.email, "verkeerd verkeerd"))
            .await
            .unwrap_err();
        assert_eq!(status(&err), 401);
    }
    let response = app
        .http
        .post(app.url(AUTH_LOGIN))
        .json(&login_as(&person.me.email, PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS);
    assert!(response.headers().contains_key("retry-after"));
}

/// A client whose requests come from `address` (any 127.x.y.z reaches the test server).
fn client_from(address: &str) -> reqwest::Client {
    reqwest::Client::builder()
        .local_address(Some(address.parse().unwrap()))
        .build()
        .unwrap()
}

#[tokio::test]
async fn forty_parallel_wrong_passwords_for_one_email_are_checked_at_most_ten_times() {
    let app = spawn_app().await;
    let person = app.register("Gok").await;
    let attempts = (0..40).map(|_| {
        let mut client = app.client();
        let request = login_as(&person.me.email, "verkeerd verkeerd");
        async move { client.login(&request).await.unwrap_err() }
    });
    let statuses: Vec<u16> = futures_util::future::join_all(attempts)
        .await
        .iter()
        .map(status)
        .collect();
    let checked = statuses.iter().filter(|s| **s == 401).count();
    let refused = statuses.iter().filter(|s| **s == 429).count();
    assert_eq!((checked, refused), (10, 30), "{statuses:?}");
    let denied = app.sql_count(&format!(
        "SELECT COUNT(*) AS n FROM access_log WHERE actor_id = '{}' AND outcome = 'denied'",
        person.id()
    ));
    assert_eq!(denied, 10);
}

#[tokio::test]
async fn the_owner_logs_in_from_another_address_while_a_guesser_is_locked_out() {
    let app = spawn_app().await;
    let person = app.register("Eigenaar").await;
    let guesser = client_from("127.0.0.1");
    let owner = client_from("127.0.0.2");
    for _ in 0..10 {
        let response = guesser
            .post(app.url(AUTH_LOGIN))
            .json(&login_as(&person.me.email, "verkeerd verkeerd"))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
    let locked = guesser
        .post(app.url(AUTH_LOGIN))
        .json(&login_as(&person.me.email, PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(locked.status(), StatusCode::TOO_MANY_REQUESTS);
    let response = owner
        .post(app.url(AUTH_LOGIN))
        .json(&login_as(&person.me.email, PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
}

#[tokio::test]
async fn guessing_from_many_addresses_meets_a_ceiling_per_email() {
    let app = spawn_app().await;
    let person = app.register("Plafond").await;
    let mut statuses = Vec::new();
    for address in 1..=6 {
        let guesser = client_from(&format!("127.0.1.{address}"));
        for _ in 0..10 {
            let response = guesser
                .post(app.url(AUTH_LOGIN))
                .json(&login_as(&person.me.email, "verkeerd verkeerd"))
                .send()
                .await
                .unwrap();
            statuses.push(response.status().as_u16());
        }
    }
    assert_eq!(statuses.iter().filter(|s| **s == 401).count(), 50);
    assert_eq!(statuses.iter().filter(|s| **s == 429).count(), 10);
}

#[tokio::test]
async fn right_passwords_do_not_use_up_the_login_limit() {
    let app = spawn_app().await;
    let person = app.register("Vaak").await;
    for _ in 0..12 {
        app.client()
            .login(&login_as(&person.me.email, PASSWORD))
            .await
            .expect("every right password logs in");
    }
}

#[tokio::test]
async fn registrations_from_one_address_are_limited_per_hour() {
    let app = spawn_app().await;
    let register = |n: usize| RegisterRequest {
        email: unique_email(&format!("veel{n}")),
        name: format!("Persoon {n}"),
        password: PASSWORD.into(),
        locale: Locale::Nl,
        token_delivery: TokenDelivery::Body,
    };
    for n in 0..20 {
        app.client().register(&register(n)).await.unwrap();
    }
    let err = app.client().register(&register(20)).await.unwrap_err();
    assert_eq!(status(&err), 429);
    assert_eq!(
        app.sql_count("SELECT COUNT(*) AS n FROM pending_registrations"),
        20
    );
}

#[tokio::test]
async fn unknown_accounts_are_rate_limited_too() {
    let app = spawn_app().await;
    let email = unique_email("spook");
    for _ in 0..10 {
        app.client()
            .login(&login_as(&email, PASSWORD))
            .await
            .unwrap_err();
    }
    let err = app
        .client()
        .login(&login_as(&email, PASSWORD))
        .await
        .unwrap_err();
    assert_eq!(status(&err), 429);
}

#[tokio::test]
async fn refresh_rotates_the_token_and_reusing_an_old_one_revokes_the_chain() {
    let app = spawn_app().await;
    let person = app.register("Oma").await;
    let first = person.session.refresh_token.clone().unwrap();
    let mut client = app.client();

    let second = client
        .refresh(&RefreshRequest {
            refresh_token: Some(first.clone()),
            token_delivery: TokenDelivery::Body,
        })
        .await
        .unwrap();
    let second_token = second.refresh_token.unwrap();
    assert_ne!(second_token, first);
    assert_eq!(client.me().await.unwrap().id, person.id());

    // Someone replays the first token after the grace for tabs refreshing together: refused,
    // and the whole chain dies with it.
    app.sql_execute(
        "UPDATE refresh_tokens SET used_at = used_at - 60000 WHERE used_at IS NOT NULL",
    );
    let replay = client
        .refresh(&RefreshRequest {
            refresh_token: Some(first),
            token_delivery: TokenDelivery::Body,
        })
        .await
        .unwrap_err();
    assert_eq!(replay.code(), Some(ErrorCode::InvalidRefreshToken));
    let after = client
        .refresh(&RefreshRequest {
            refresh_token: Some(second_token),
            token_delivery: TokenDelivery::Body,
        })
        .await
        .unwrap_err();
    assert_eq!(status(&after), 401);
}

#[tokio::test]
async fn logout_ends_the_session() {
    let app = spawn_app().await;
    let mut person = app.register("Zus").await;
    let token = person.session.refresh_token.clone().unwrap();
    person
        .client
        .logout(&LogoutRequest {
            refresh_token: Some(token.clone()),
            everywhere: false,
        })
        .await
        .unwrap();
    let err = app
        .client()
        .refresh(&RefreshRequest {
            refresh_token: Some(token),
            token_delivery: TokenDelivery::Body,
        })
        .await
        .unwrap_err();
    assert_eq!(status(&err), 401);
}

#[tokio::test]
async fn web_login_keeps_the_refresh_token_in_a_strict_httponly_cookie() {
    let app = spawn_app().await;
    let person = app.register("Web").await;
    let response = app
        .http
        .post(app.url(AUTH_LOGIN))
        .json(&LoginRequest {
            email: person.me.email.clone(),
            password: PASSWORD.into(),
            token_delivery: TokenDelivery::Cookie,
        })
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/api/v1/auth"] {
        assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
    }
    let body: serde_json::Value = response.json().await.unwrap();
    assert!(body.get("refresh_token").is_none());

    let pair = cookie.split(';').next().unwrap().to_string();
    assert!(pair.starts_with(&format!("{REFRESH_COOKIE}=")));
    let refreshed = app
        .http
        .post(app.url(AUTH_REFRESH))
        .header("cookie", &pair)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(refreshed.status(), StatusCode::OK);
    assert!(refreshed.headers().contains_key("set-cookie"));
}

#[tokio::test]
async fn me_without_a_token_is_401() {
    let app = spawn_app().await;
    let err = app.client().me().await.unwrap_err();
    assert_eq!(status(&err), 401);
    assert_eq!(err.code(), Some(ErrorCode::Unauthorized));
}

#[tokio::test]
async fn logins_and_refused_logins_are_written_to_the_access_log() {
    use diesel::prelude::*;
    use onsplan_server::db::schema::access_log as log;
    let app = spawn_app().await;
    let person = app.register("Logboek").await;
    app.client()
        .login(&login_as(&person.me.email, "helemaal verkeerd wachtwoord"))
        .await
        .unwrap_err();
    app.client()
        .login(&login_as(&person.me.email, PASSWORD))
        .await
        .unwrap();
    let actor = person.id().to_string();
    let rows: Vec<(String, String)> = app
        .db
        .read(move |conn| -> Result<_, onsplan_server::errors::AppError> {
            Ok(log::table
                .filter(log::actor_id.eq(&actor))
                .filter(log::action.eq("login"))
                .order(log::occurred_at.asc())
                .select((log::outcome, log::actor_role))
                .load(conn)?)
        })
        .await
        .unwrap();
    assert_eq!(
        rows,
        vec![
            ("denied".to_string(), "account".to_string()),
            ("allowed".to_string(), "account".to_string())
        ]
    );
}

#[tokio::test]
async fn chosen_language_is_remembered_for_the_account() {
    let app = spawn_app().await;
    let parent = app.register("Ouder").await;
    assert_eq!(parent.me.locale, Locale::Nl);
    let updated = parent
        .client
        .update_locale(&UpdateLocaleRequest { locale: Locale::En })
        .await
        .unwrap();
    assert_eq!(updated.locale, Locale::En);
    assert_eq!(parent.client.me().await.unwrap().locale, Locale::En);
    let err = app
        .client()
        .update_locale(&UpdateLocaleRequest { locale: Locale::Nl })
        .await
        .unwrap_err();
    assert_eq!(status(&err), 401);
}
