//! Registering by email link: the answer never tells whether an address has an account; a new
//! address gets a link that makes the account once, a known address gets a note and nothing
//! else happens.

use onsplan_shared::auth::{Locale, RegisterConfirm, RegisterRequest, TokenDelivery};
use onsplan_shared::routes::{
    APP_FORGOT_PASSWORD_PAGE, APP_LOGIN_PAGE, APP_REGISTER_CONFIRM_PAGE, AUTH_REGISTER,
    AUTH_REGISTER_CONFIRM, REFRESH_COOKIE,
};
use onsplan_shared::ErrorCode;
use onsplan_tests::mail::ParsedMail;
use onsplan_tests::{spawn_app, unique_email, TestApp, PASSWORD};
use reqwest::StatusCode;

fn registration(email: &str, name: &str) -> RegisterRequest {
    RegisterRequest {
        email: email.into(),
        name: name.into(),
        password: PASSWORD.into(),
        locale: Locale::Nl,
        token_delivery: TokenDelivery::Body,
    }
}

fn confirm(token: &str) -> RegisterConfirm {
    RegisterConfirm {
        token: token.into(),
        token_delivery: TokenDelivery::Body,
    }
}

/// Every email the file transport wrote to `address`.
fn emails_to(app: &TestApp, address: &str) -> Vec<(std::path::PathBuf, ParsedMail)> {
    std::fs::read_dir(app.database.data_dir.join("mail"))
        .into_iter()
        .flatten()
        .flatten()
        .map(|entry| entry.path())
        .filter(|path| path.extension().is_some_and(|e| e == "eml"))
        .filter_map(|path| {
            let raw = std::fs::read_to_string(&path).ok()?;
            raw.contains(address)
                .then(|| (path, ParsedMail::parse(&raw)))
        })
        .collect()
}

/// Waits for the confirmation email to `address`, removes it and answers its token.
async fn take_registration_token(app: &TestApp, address: &str) -> String {
    app.file_email_to(address).await;
    let (path, mail) = emails_to(app, address)
        .into_iter()
        .find(|(_, mail)| {
            mail.body("text/plain")
                .contains(&format!("{APP_REGISTER_CONFIRM_PAGE}#"))
        })
        .expect("a confirmation email");
    std::fs::remove_file(path).unwrap();
    mail.token_after(APP_REGISTER_CONFIRM_PAGE)
}

/// Posts a registration as any client would and answers its status and body.
async fn post_register(app: &TestApp, request: &RegisterRequest) -> (StatusCode, Vec<u8>) {
    let response = app
        .http
        .post(app.url(AUTH_REGISTER))
        .json(request)
        .send()
        .await
        .unwrap();
    (response.status(), response.bytes().await.unwrap().to_vec())
}

#[tokio::test]
async fn register_answers_202_the_same_for_new_and_existing_addresses() {
    let app = spawn_app().await;
    let existing = app.register("Opa").await;
    let new_address = unique_email("nieuw");

    let for_new = post_register(&app, &registration(&new_address, "Nieuw")).await;
    let for_existing = post_register(
        &app,
        &registration(&existing.me.email.to_uppercase(), "Ander"),
    )
    .await;
    assert_eq!(for_new.0, StatusCode::ACCEPTED);
    assert_eq!(for_new, for_existing);

    // The new address gets a link; the known one a note with ways to log in, and no link.
    let token = take_registration_token(&app, &new_address).await;
    assert!(!token.is_empty());
    let note = app.file_email_to(&existing.me.email).await;
    assert_eq!(
        note.subject,
        "Iemand wilde een account maken met je e-mailadres"
    );
    for body in [note.body("text/plain"), note.body("text/html")] {
        assert!(body.contains("Opa"), "{body}");
        assert!(body.contains(APP_LOGIN_PAGE), "{body}");
        assert!(body.contains(APP_FORGOT_PASSWORD_PAGE), "{body}");
        assert!(!body.contains(APP_REGISTER_CONFIRM_PAGE), "{body}");
    }
    // Nothing was made for the known address, and the account kept its name and password.
    assert_eq!(app.sql_count("SELECT COUNT(*) AS n FROM users"), 1);
    assert_eq!(
        app.sql_count(&format!(
            "SELECT COUNT(*) AS n FROM pending_registrations \
             WHERE email = '{}' AND used_at IS NULL",
            existing.me.email
        )),
        0
    );
    let again = app.login(&existing.me.email).await;
    assert_eq!(again.me.name, "Opa");
}

#[tokio::test]
async fn confirm_link_creates_the_account_once() {
    let app = spawn_app().await;
    let email = unique_email("Moeder");
    app.client()
        .register(&RegisterRequest {
            name: " Fatima ".into(),
            ..registration(&email.to_uppercase(), "")
        })
        .await
        .unwrap();
    assert_eq!(app.sql_count("SELECT COUNT(*) AS n FROM users"), 0);
    let token = take_registration_token(&app, &email).await;
    assert_eq!(app.find_text_everywhere(&token), Vec::<String>::new());

    let mut client = app.client();
    let session = client.confirm_registration(&confirm(&token)).await.unwrap();
    assert!(session.refresh_token.is_some());
    assert!(session.expires_in > 0 && session.expires_in <= 900);
    let me = client.me().await.unwrap();
    assert_eq!(me.email, email.to_lowercase());
    assert_eq!(me.name, "Fatima");
    assert_eq!(me.locale, Locale::Nl);
    assert_eq!(me, session.user);
    app.login(&email).await;

    let again = app
        .client()
        .confirm_registration(&confirm(&token))
        .await
        .unwrap_err();
    assert_eq!(
        (again.status(), again.code()),
        (Some(410), Some(ErrorCode::LinkUsed))
    );
    assert_eq!(app.sql_count("SELECT COUNT(*) AS n FROM users"), 1);
}

#[tokio::test]
async fn web_confirm_keeps_the_refresh_token_in_a_cookie_as_login_does() {
    let app = spawn_app().await;
    let email = unique_email("web");
    app.client()
        .register(&registration(&email, "Web"))
        .await
        .unwrap();
    let token = take_registration_token(&app, &email).await;
    let response = app
        .http
        .post(app.url(AUTH_REGISTER_CONFIRM))
        .json(&RegisterConfirm {
            token,
            token_delivery: TokenDelivery::Cookie,
        })
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::CREATED);
    let cookie = response.headers()["set-cookie"]
        .to_str()
        .unwrap()
        .to_string();
    assert!(
        cookie.starts_with(&format!("{REFRESH_COOKIE}=")),
        "{cookie}"
    );
    for attribute in ["HttpOnly", "Secure", "SameSite=Strict", "Path=/api/v1/auth"] {
        assert!(cookie.contains(attribute), "{cookie} lacks {attribute}");
    }
    let body: serde_json::Value = response.json().await.unwrap();
    assert!(body.get("refresh_token").is_none());
    assert!(body.get("access_token").is_some());
}

#[tokio::test]
async fn expired_and_unknown_registration_links_are_refused() {
    let app = spawn_app().await;
    let email = unique_email("laat");
    app.client()
        .register(&registration(&email, "Laat"))
        .await
        .unwrap();
    let token = take_registration_token(&app, &email).await;
    app.sql_execute("UPDATE pending_registrations SET expires_at = 1");
    let expired = app
        .client()
        .confirm_registration(&confirm(&token))
        .await
        .unwrap_err();
    assert_eq!(
        (expired.status(), expired.code()),
        (Some(410), Some(ErrorCode::LinkExpired))
    );

    for unknown in ["AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA", "", "x"] {
        let err = app
            .client()
            .confirm_registration(&confirm(unknown))
            .await
            .unwrap_err();
        assert_eq!(
            (err.status(), err.code()),
            (Some(404), Some(ErrorCode::LinkInvalid)),
            "{unknown:?}"
        );
    }
    assert_eq!(app.sql_count("SELECT COUNT(*) AS n FROM users"), 0);
}

#[tokio::test]
async fn a_newer_registration_replaces_the_older_link_and_an_account_made_meanwhile_refuses_it() {
    let app = spawn_app().await;
    let email = unique_email("twee");
    app.client()
        .register(&registration(&email, "Eerst"))
        .await
        .unwrap();
    let older = take_registration_token(&app, &email).await;
    app.client()
        .register(&registration(&email, "Daarna"))
        .await
        .unwrap();
    let newer = take_registration_token(&app, &email).await;

    let superseded = app
        .client()
        .confirm_registration(&confirm(&older))
        .await
        .unwrap_err();
    assert_eq!(
        (superseded.status(), superseded.code()),
        (Some(410), Some(ErrorCode::LinkSuperseded))
    );
    let made = app
        .client()
        .confirm_registration(&confirm(&newer))
        .await
        .unwrap();
    assert_eq!(made.user.name, "Daarna");

    // Were the older link still live, the address has an account now.
    app.sql_execute("UPDATE pending_registrations SET superseded_at = NULL");
    let taken = app
        .client()
        .confirm_registration(&confirm(&older))
        .await
        .unwrap_err();
    assert_eq!(
        (taken.status(), taken.code()),
        (Some(409), Some(ErrorCode::EmailTaken))
    );
    assert_eq!(app.sql_count("SELECT COUNT(*) AS n FROM users"), 1);
}

#[tokio::test]
async fn a_professional_address_gets_no_account() {
    let app = spawn_app().await;
    let (_, admin) = app.organisation("Zorg West").await;
    let professional = app.professional(&admin, "Hulp").await;
    let users = app.sql_count("SELECT COUNT(*) AS n FROM users");

    for person in [&professional, &admin] {
        let (status, body) =
            post_register(&app, &registration(&person.me.email, "Gewoon Iemand")).await;
        assert_eq!((status, body), (StatusCode::ACCEPTED, Vec::new()));
    }
    assert_eq!(app.sql_count("SELECT COUNT(*) AS n FROM users"), users);
    assert_eq!(
        app.sql_count("SELECT COUNT(*) AS n FROM pending_registrations"),
        0
    );
    for person in [&professional, &admin] {
        let deadline = std::time::Instant::now() + std::time::Duration::from_secs(10);
        while !emails_to(&app, &person.me.email)
            .iter()
            .any(|(_, mail)| mail.body("text/plain").contains(APP_FORGOT_PASSWORD_PAGE))
        {
            assert!(std::time::Instant::now() < deadline, "no note arrived");
            tokio::time::sleep(std::time::Duration::from_millis(50)).await;
        }
        assert!(emails_to(&app, &person.me.email)
            .iter()
            .all(|(_, mail)| !mail.body("text/plain").contains(APP_REGISTER_CONFIRM_PAGE)));
    }
}
