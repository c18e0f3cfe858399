//! Access tokens that must not pass: expired, badly signed, `alg: none`, missing claims,
//! refresh tokens in their place. A correctly forged token passing shows the checks are live.

use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use base64::Engine;
use jsonwebtoken::{encode, EncodingKey, Header};
use onsplan_tests::{spawn_app, Person, TestApp, JWT_SECRET, PUBLIC_URL};
use serde_json::{json, Value};

fn now() -> i64 {
    chrono::Utc::now().timestamp()
}

fn claims_for(person: &Person) -> Value {
    json!({
        "sub": person.id().to_string(),
        "exp": now() + 600,
        "iat": now(),
        "iss": PUBLIC_URL,
        "aud": "onsplan-api",
        "typ": "access",
    })
}

fn sign(claims: &Value, secret: &str) -> String {
    encode(
        &Header::default(),
        claims,
        &EncodingKey::from_secret(secret.as_bytes()),
    )
    .unwrap()
}

async fn me_status(app: &TestApp, token: &str) -> u16 {
    app.client()
        .with_access_token(token)
        .me()
        .await
        .map_or_else(|err| err.status().unwrap(), |_| 200)
}

#[tokio::test]
async fn a_correctly_signed_token_is_accepted() {
    let app = spawn_app().await;
    let person = app.register("Controle").await;
    assert_eq!(
        me_status(&app, &sign(&claims_for(&person), JWT_SECRET)).await,
        200
    );
}

#[tokio::test]
async fn an_expired_token_is_refused() {
    let app = spawn_app().await;
    let person = app.register("Verlopen").await;
    let mut claims = claims_for(&person);
    claims["exp"] = json!(now() - 60);
    assert_eq!(me_status(&app, &sign(&claims, JWT_SECRET)).await, 401);
}

#[tokio::test]
async fn a_token_with_a_wrong_signature_is_refused() {
    let app = spawn_app().await;
    let person = app.register("Vals").await;
    let token = sign(
        &claims_for(&person),
        "another-secret-that-is-also-long-enough!!",
    );
    assert_eq!(me_status(&app, &token).await, 401);
}

#[tokio::test]
async fn an_alg_none_token_is_refused() {
    let app = spawn_app().await;
    let person = app.register("Geen").await;
    let header = URL_SAFE_NO_PAD.encode(br#"{"alg":"none","typ":"JWT"}"#);
    let body = URL_SAFE_NO_PAD.encode(claims_for(&person).to_string());
    assert_eq!(me_status(&app, &format!("{header}.{body}.")).await, 401);
}

#[tokio::test]
async fn a_token_without_audience_is_refused() {
    let app = spawn_app().await;
    let person = app.register("Zonder").await;
    let mut claims = claims_for(&person);
    claims.as_object_mut().unwrap().remove("aud");
    assert_eq!(me_status(&app, &sign(&claims, JWT_SECRET)).await, 401);
}

#[tokio::test]
async fn a_token_without_expiry_or_issuer_or_subject_is_refused() {
    let app = spawn_app().await;
    let person = app.register("Leeg").await;
    for claim in ["exp", "iss", "sub"] {
        let mut claims = claims_for(&person);
        claims.as_object_mut().unwrap().remove(claim);
        assert_eq!(
            me_status(&app, &sign(&claims, JWT_SECRET)).await,
            401,
            "{claim}"
        );
    }
}

#[tokio::test]
async fn a_refresh_token_used_as_access_token_is_refused() {
    let app = spawn_app().await;
    let person = app.register("Wissel").await;
    let refresh = person.session.refresh_token.clone().unwrap();
    assert_eq!(me_status(&app, &refresh).await, 401);
}

#[tokio::test]
async fn a_token_for_an_account_that_does_not_exist_is_refused() {
    let app = spawn_app().await;
    let person = app.register("Weg").await;
    let mut claims = claims_for(&person);
    claims["sub"] = json!(uuid::Uuid::new_v4().to_string());
    assert_eq!(me_status(&app, &sign(&claims, JWT_SECRET)).await, 401);
}
