//! The route table, the OpenAPI document and the fallbacks agree with each other.

use std::collections::BTreeSet;

use onsplan_shared::routes::{fill, ROUTES};
use onsplan_shared::ErrorCode;
use onsplan_tests::spawn_app;
use reqwest::{Method, StatusCode};
use serde_json::Value;

#[tokio::test]
async fn healthz_answers_ok_and_names_the_backend() {
    let app = spawn_app().await;
    let response = app.http.get(app.url("/healthz")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::OK);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    let expected = match onsplan_tests::backend() {
        onsplan_tests::Backend::Sqlite => "sqlite",
        onsplan_tests::Backend::Postgres => "postgres",
    };
    assert_eq!(body["database"], expected);
}

#[tokio::test]
async fn openapi_document_lists_exactly_the_route_table() {
    let app = spawn_app().await;
    let doc: Value = app
        .http
        .get(app.url("/api/v1/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert!(doc["openapi"].as_str().unwrap().starts_with("3."));
    let documented: BTreeSet<(String, String)> = doc["paths"]
        .as_object()
        .unwrap()
        .iter()
        .flat_map(|(path, item)| {
            item.as_object()
                .unwrap()
                .keys()
                .map(move |method| (method.to_uppercase(), path.clone()))
        })
        .collect();
    let table: BTreeSet<(String, String)> = ROUTES
        .iter()
        .map(|(method, path)| (method.to_string(), path.to_string()))
        .collect();
    assert_eq!(documented, table);
}

#[tokio::test]
async fn every_route_in_the_table_is_mounted() {
    let app = spawn_app().await;
    for (method, template) in ROUTES {
        let placeholders = template.matches('{').count();
        let values: Vec<String> = (0..placeholders)
            .map(|i| {
                if i == 0 {
                    uuid::Uuid::new_v4().to_string()
                } else {
                    "goals".into()
                }
            })
            .collect();
        let refs: Vec<&str> = values.iter().map(String::as_str).collect();
        let path = fill(template, &refs);
        let response = app
            .http
            .request(
                Method::from_bytes(method.as_bytes()).unwrap(),
                app.url(&path),
            )
            .header("content-type", "application/json")
            .body("{}")
            .send()
            .await
            .unwrap();
        let status = response.status();
        let body: Value = response.json().await.unwrap_or(Value::Null);
        assert_ne!(
            body["code"], "route_not_found",
            "{method} {template} is not mounted"
        );
        assert_ne!(
            status,
            StatusCode::METHOD_NOT_ALLOWED,
            "{method} {template}"
        );
        assert!(
            !status.is_server_error(),
            "{method} {template} answered {status}"
        );
    }
}

#[tokio::test]
async fn unknown_route_is_404_with_the_error_shape() {
    let app = spawn_app().await;
    let response = app.http.get(app.url("/api/v1/nope")).send().await.unwrap();
    assert_eq!(response.status(), StatusCode::NOT_FOUND);
    let body: onsplan_shared::ApiError = response.json().await.unwrap();
    assert_eq!(body.code, ErrorCode::RouteNotFound);
}

#[tokio::test]
async fn wrong_method_is_405_with_the_error_shape() {
    let app = spawn_app().await;
    let response = app
        .http
        .delete(app.url("/api/v1/families"))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), StatusCode::METHOD_NOT_ALLOWED);
    let body: onsplan_shared::ApiError = response.json().await.unwrap();
    assert_eq!(body.code, ErrorCode::MethodNotAllowed);
}

#[tokio::test]
async fn responses_carry_a_request_id() {
    let app = spawn_app().await;
    let response = app.http.get(app.url("/healthz")).send().await.unwrap();
    let id = response.headers()["x-request-id"].to_str().unwrap();
    assert!(uuid::Uuid::parse_str(id).is_ok());
}

#[tokio::test]
async fn web_app_is_served_with_deep_links_but_never_for_api_paths() {
    let dir = std::env::temp_dir().join(format!("onsplan-web-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(dir.join("assets")).unwrap();
    std::fs::write(dir.join("index.html"), "<html>ons plan</html>").unwrap();
    std::fs::write(dir.join("index.html.br"), "not really brotli").unwrap();
    std::fs::write(dir.join("assets/app-1.js"), "js").unwrap();
    let app = onsplan_tests::spawn_app_serving(&dir).await;
    let http = app.http.clone();

    let deep = http.get(app.url("/plan/goals")).send().await.unwrap();
    assert_eq!(deep.status(), StatusCode::OK);
    assert_eq!(deep.headers()["cache-control"], "no-cache");
    assert_eq!(deep.text().await.unwrap(), "<html>ons plan</html>");

    let br = http
        .get(app.url("/"))
        .header("accept-encoding", "br")
        .send()
        .await
        .unwrap();
    assert_eq!(br.headers()["content-encoding"], "br");
    assert_eq!(br.headers()["vary"], "Accept-Encoding");

    let asset = http.get(app.url("/assets/app-1.js")).send().await.unwrap();
    assert!(asset.headers()["cache-control"]
        .to_str()
        .unwrap()
        .contains("immutable"));

    for path in [
        "/api/v1/nope",
        "/api/v1/families/x/y/z/w",
        "/assets/missing.js",
    ] {
        let response = http.get(app.url(path)).send().await.unwrap();
        assert_eq!(response.status(), StatusCode::NOT_FOUND, "{path}");
        let body: onsplan_shared::ApiError = response.json().await.unwrap();
        assert_eq!(body.code, ErrorCode::RouteNotFound, "{path}");
    }
    drop(app);
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn every_answer_forbids_framing_and_browser_features_and_api_answers_are_not_stored() {
    let app = spawn_app().await;
    let parent = app.register("Kluis").await;
    let family = app.family_of(&parent, "Familie Kluis").await.id.to_string();
    let token = parent.client.access_token().unwrap().to_string();
    for path in [
        fill(onsplan_shared::routes::ME, &[]),
        fill(onsplan_shared::routes::FAMILY, &[&family]),
        fill(
            onsplan_shared::routes::SECTION_REVISIONS,
            &[&family, "goals"],
        ),
        fill(
            onsplan_shared::routes::SECTION_COMMENTS,
            &[&family, "goals"],
        ),
        fill(onsplan_shared::routes::ACCESS_LOG, &[&family]),
        fill(onsplan_shared::routes::GRANTS, &[&family]),
        fill(onsplan_shared::routes::INVITES, &[&family]),
        "/api/v1/nope".to_string(),
    ] {
        let response = app
            .http
            .get(app.url(&path))
            .bearer_auth(&token)
            .send()
            .await
            .unwrap();
        let headers = response.headers();
        assert_eq!(headers["cache-control"], "no-store", "{path}");
        assert!(
            headers["content-security-policy"]
                .to_str()
                .unwrap()
                .contains("frame-ancestors 'none'"),
            "{path}"
        );
        assert!(headers.contains_key("permissions-policy"), "{path}");
        assert_eq!(headers["x-content-type-options"], "nosniff", "{path}");
        // Plain HTTP in development: no HSTS.
        assert!(!headers.contains_key("strict-transport-security"), "{path}");
    }
}

#[tokio::test]
async fn the_web_page_sends_its_meta_policy_as_a_header_that_also_forbids_framing() {
    let dir = std::env::temp_dir().join(format!("onsplan-web-{}", uuid::Uuid::new_v4()));
    std::fs::create_dir_all(&dir).unwrap();
    let policy = "default-src 'self'; script-src 'self' 'sha256-AbCd+/='";
    std::fs::write(
        dir.join("index.html"),
        format!("<html><head><meta http-equiv=\"Content-Security-Policy\" content=\"{policy}\"></head></html>"),
    )
    .unwrap();
    std::fs::write(dir.join("index.html.br"), "not really brotli").unwrap();
    let app = onsplan_tests::spawn_app_serving(&dir).await;
    for encoding in ["identity", "br"] {
        let page = app
            .http
            .get(app.url("/plan/goals"))
            .header("accept-encoding", encoding)
            .send()
            .await
            .unwrap();
        assert_eq!(
            page.headers()["content-security-policy"],
            format!("{policy}; frame-ancestors 'none'").as_str(),
            "{encoding}"
        );
        assert_eq!(page.headers()["cache-control"], "no-cache");
    }
    drop(app);
    std::fs::remove_dir_all(dir).unwrap();
}

#[tokio::test]
async fn production_answers_carry_hsts() {
    let app = onsplan_tests::spawn_app_with(onsplan_tests::AppOptions {
        env: vec![
            ("ONSPLAN_ENV", "production".into()),
            ("ONSPLAN_SMTP_URL", "smtps://mail.example.invalid".into()),
            (
                "ONSPLAN_SEAL_KEY",
                "a-seal-key-for-this-test-of-32-bytes-or-more".into(),
            ),
        ],
        ..Default::default()
    })
    .await;
    let response = app.http.get(app.url("/healthz")).send().await.unwrap();
    assert!(response.headers()["strict-transport-security"]
        .to_str()
        .unwrap()
        .starts_with("max-age="));
}
