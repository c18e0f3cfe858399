//! Malformed, oversized and hostile input gets a clear 4xx, never a 5xx, and changes nothing.

use onsplan_shared::client::SectionScope::Shared;
use onsplan_shared::routes::{fill, AUTH_LOGIN, AUTH_REGISTER, SECTION};
use onsplan_shared::section::SectionKind;
use onsplan_shared::{ApiError, ErrorCode};
use onsplan_tests::{spawn_app, Person, TestApp};
use reqwest::{Method, StatusCode};
use uuid::Uuid;

async fn parent_with_family(app: &TestApp) -> (Person, Uuid) {
    let parent = app.register("Hacker").await;
    let family = app.family_of(&parent, "Familie Test").await.id;
    (parent, family)
}

async fn put_raw(
    parent: &Person,
    family: Uuid,
    content_type: &str,
    body: Vec<u8>,
) -> (StatusCode, Option<ApiError>) {
    let path = fill(SECTION, &[&family.to_string(), "concerns"]);
    let response = parent
        .client
        .request(Method::PUT, &path)
        .header("if-match", "\"0\"")
        .header("content-type", content_type)
        .body(body)
        .send()
        .await
        .unwrap();
    let status = response.status();
    (status, response.json().await.ok())
}

async fn assert_unchanged(parent: &Person, family: Uuid) {
    let section = parent
        .client
        .section(Shared, family, SectionKind::Concerns)
        .await
        .unwrap();
    assert_eq!(section.version, 0);
}

#[tokio::test]
async fn malformed_json_is_400_invalid_json() {
    let app = spawn_app().await;
    let (parent, family) = parent_with_family(&app).await;
    for body in [
        &b"{"[..],
        b"",
        b"null",
        b"[]",
        b"{\"content\": 5}",
        b"\xff\xfe",
    ] {
        let (status, error) = put_raw(&parent, family, "application/json", body.to_vec()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body:?}");
        assert_eq!(error.unwrap().code, ErrorCode::InvalidJson);
    }
    assert_unchanged(&parent, family).await;
}

#[tokio::test]
async fn unknown_fields_are_refused_with_400() {
    let app = spawn_app().await;
    let (parent, family) = parent_with_family(&app).await;
    let bodies = [
        r#"{"content":{"kind":"concerns","data":{"worries":[]}},"admin":true}"#,
        r#"{"content":{"kind":"concerns","data":{"worries":[],"extra":1}}}"#,
        r#"{"content":{"kind":"concerns","data":{"worries":[]},"more":1}}"#,
    ];
    for body in bodies {
        let (status, _) = put_raw(&parent, family, "application/json", body.into()).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{body}");
    }
    let response = app
        .http
        .post(app.url(AUTH_LOGIN))
        .json(&serde_json::json!({"email": "a@b.nl", "password": "x", "role": "admin"}))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::BAD_REQUEST);
    assert_unchanged(&parent, family).await;
}

#[tokio::test]
async fn an_oversized_body_is_413() {
    let app = spawn_app().await;
    let (parent, family) = parent_with_family(&app).await;
    let huge = format!(
        r#"{{"content":{{"kind":"concerns","data":{{"worries":["{}"]}}}}}}"#,
        "a".repeat(200 * 1024)
    );
    let (status, error) = put_raw(&parent, family, "application/json", huge.into()).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE);
    assert_eq!(error.unwrap().code, ErrorCode::PayloadTooLarge);
    assert_unchanged(&parent, family).await;
}

#[tokio::test]
async fn a_body_that_is_not_json_is_415() {
    let app = spawn_app().await;
    let (parent, family) = parent_with_family(&app).await;
    let (status, error) = put_raw(&parent, family, "text/plain", b"{}".to_vec()).await;
    assert_eq!(status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
    assert_eq!(error.unwrap().code, ErrorCode::UnsupportedMediaType);
}

#[tokio::test]
async fn hostile_values_get_4xx_and_never_5xx() {
    let app = spawn_app().await;
    let (parent, family) = parent_with_family(&app).await;
    let deep = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
    let bodies = vec![
        format!(
            r#"{{"content":{{"kind":"goals","data":{{"goals":[{{"id":"g","title":"t","scale_now":1e30}}]}}}}}}"#
        ),
        r#"{"content":{"kind":"goals","data":{"goals":[{"id":"g","title":"t","scale_now":-1}]}}}"#
            .into(),
        r#"{"content":{"kind":"concerns","data":{"worries":["nul \u0000 teken"]}}}"#.into(),
        r#"{"content":{"kind":"drop table","data":{}}}"#.into(),
        format!(r#"{{"content":{{"kind":"concerns","data":{{"worries":{deep}}}}}}}"#),
        format!(
            r#"{{"content":{{"kind":"concerns","data":{{"worries":[{}"x"]}}}}}}"#,
            "\"x\",".repeat(60)
        ),
    ];
    for body in bodies {
        let (status, error) =
            put_raw(&parent, family, "application/json", body.clone().into()).await;
        assert!(
            status.is_client_error(),
            "{status} for {}",
            &body[..body.len().min(80)]
        );
        assert!(
            error.is_some(),
            "no error shape for {}",
            &body[..body.len().min(80)]
        );
    }
    assert_unchanged(&parent, family).await;
}

#[tokio::test]
async fn text_that_looks_like_sql_or_html_is_stored_verbatim() {
    let app = spawn_app().await;
    let (parent, family) = parent_with_family(&app).await;
    let nasty = "'); DROP TABLE sections; -- <script>alert(1)</script> \u{202e}";
    let body = onsplan_shared::section::SaveSectionRequest {
        visibility: None,
        content: onsplan_shared::section_content::SectionContent::Concerns(
            onsplan_shared::section_content::Concerns {
                worries: vec![nasty.into()],
            },
        ),
    };
    parent
        .client
        .save_section(Shared, family, SectionKind::Concerns, Some(0), &body)
        .await
        .unwrap();
    let read = parent
        .client
        .section(Shared, family, SectionKind::Concerns)
        .await
        .unwrap();
    assert_eq!(read.content, body.content);
}

#[tokio::test]
async fn registration_with_garbage_never_creates_an_account() {
    let app = spawn_app().await;
    let bodies = [
        serde_json::json!({"email": "geen-email", "name": "X", "password": "lang genoeg wachtwoord"}),
        serde_json::json!({"email": "a@b.nl", "name": "", "password": "lang genoeg wachtwoord"}),
        serde_json::json!({"email": "a@b.nl", "name": "X", "password": "a".repeat(500)}),
        serde_json::json!({"email": "a@b.nl", "name": "X\u{0007}", "password": "lang genoeg wachtwoord"}),
        serde_json::json!({"email": "a@b.nl", "name": "X", "password": "lang genoeg wachtwoord", "locale": "fr"}),
    ];
    for body in bodies {
        let response = app
            .http
            .post(app.url(AUTH_REGISTER))
            .json(&body)
            .send()
            .await
            .unwrap();
        assert!(response.status().is_client_error(), "{body}");
    }
    let login = app
        .http
        .post(app.url(AUTH_LOGIN))
        .json(&serde_json::json!({"email": "a@b.nl", "password": "lang genoeg wachtwoord"}))
        .send()
        .await
        .unwrap();
    assert_eq!(login.status(), StatusCode::UNAUTHORIZED);
}
