//! Rate limits behind a load balancer: with its address in `ONSPLAN_TRUSTED_PROXIES` each
//! client behind it is limited on its own; without, forwarding headers are not believed, so a
//! client cannot dodge a limit by writing them.

use onsplan_server::services::accounts::LOGIN_PER_IP;
use onsplan_shared::auth::{LoginRequest, TokenDelivery};
use onsplan_shared::routes::AUTH_LOGIN;
use onsplan_tests::proxy::{ForwardingProxy, TEST_CLIENT};
use onsplan_tests::{spawn_app, spawn_app_with, unique_email, AppOptions, PASSWORD};
use reqwest::StatusCode;

fn login(email: &str, password: &str) -> LoginRequest {
    LoginRequest {
        email: email.to_string(),
        password: password.to_string(),
        token_delivery: TokenDelivery::Body,
    }
}

/// A client that opens a new connection per request (the proxy closes each after its answer).
fn http() -> reqwest::Client {
    reqwest::Client::builder()
        .pool_max_idle_per_host(0)
        .build()
        .unwrap()
}

/// Fails one login per request from `client` (each for another unknown account, so only the
/// per-address limit can add up), until the address limit is reached.
async fn fail_logins_until_the_address_limit(url: &str, headers: &[(&str, &str)]) {
    let http = http();
    for _ in 0..LOGIN_PER_IP.max_hits {
        let mut request = http
            .post(url)
            .json(&login(&unique_email("onbekend"), "verkeerd verkeerd"));
        for (name, value) in headers {
            request = request.header(*name, *value);
        }
        let response = request.send().await.unwrap();
        assert_eq!(response.status(), StatusCode::UNAUTHORIZED);
    }
}

#[tokio::test]
async fn behind_a_trusted_proxy_one_clients_failed_logins_do_not_lock_out_another() {
    let app = spawn_app_with(AppOptions {
        env: vec![("ONSPLAN_TRUSTED_PROXIES", "127.0.0.1, 10.0.0.0/8".into())],
        ..AppOptions::default()
    })
    .await;
    let person = app.register("Achter").await;
    let proxy = ForwardingProxy::start(app.address.trim_start_matches("http://")).await;
    let url = proxy.url(AUTH_LOGIN);

    fail_logins_until_the_address_limit(&url, &[(TEST_CLIENT, "203.0.113.7")]).await;
    // The same client stays limited, even when it writes a forwarding header itself.
    let again = http()
        .post(&url)
        .header(TEST_CLIENT, "203.0.113.7")
        .header("x-forwarded-for", "198.51.100.99")
        .json(&login(&person.me.email, PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(again.status(), StatusCode::TOO_MANY_REQUESTS);

    // Another client behind the same proxy logs in.
    let other = http()
        .post(&url)
        .header(TEST_CLIENT, "203.0.113.8")
        .json(&login(&person.me.email, PASSWORD))
        .send()
        .await
        .unwrap();
    assert_eq!(other.status(), StatusCode::OK);
}

#[tokio::test]
async fn without_trusted_proxies_forwarding_headers_cannot_dodge_the_limit() {
    let app = spawn_app().await;
    let person = app.register("Direct").await;
    let url = app.url(AUTH_LOGIN);
    fail_logins_until_the_address_limit(&url, &[("x-forwarded-for", "203.0.113.7")]).await;
    for header in ["x-forwarded-for", "forwarded"] {
        let value = if header == "forwarded" {
            "for=203.0.113.8"
        } else {
            "203.0.113.8"
        };
        let response = http()
            .post(&url)
            .header(header, value)
            .json(&login(&person.me.email, PASSWORD))
            .send()
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::TOO_MANY_REQUESTS, "{header}");
    }
}
