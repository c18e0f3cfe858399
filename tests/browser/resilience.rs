//! Journeys where something goes wrong or changes under the parent: the session ends while
//! writing, the network drops during a save, and the language chosen follows the account.

use onsplan_shared::client::SectionScope;
use onsplan_shared::section::SectionKind;
use onsplan_shared::section_content::{Concerns, SectionContent};
use serde_json::json;

use super::{
    add, artifact, open, parent_and_family, press_save, register_with_family, setup, setup_with,
    submit_login,
};
use onsplan_tests::{AppOptions, TestApp};

/// How long a test server's access tokens live; the JWT check allows five seconds more.
const SHORT_TOKEN_SECS: u64 = 2;
const JWT_LEEWAY_SECS: u64 = 5;

async fn stored_concerns(app: &TestApp, email: &str) -> SectionContent {
    let (parent, family) = parent_and_family(app, email).await;
    parent
        .client
        .section(SectionScope::Shared, family, SectionKind::Concerns)
        .await
        .unwrap()
        .content
}

fn concerns(worries: &[&str]) -> SectionContent {
    SectionContent::Concerns(Concerns {
        worries: worries.iter().map(|w| w.to_string()).collect(),
    })
}

#[tokio::test]
async fn expired_session_brings_the_parent_back_to_the_editor_with_their_text() {
    let Some((app, browser)) = setup_with(AppOptions {
        env: vec![("ONSPLAN_ACCESS_TOKEN_SECS", SHORT_TOKEN_SECS.to_string())],
        ..AppOptions::default()
    })
    .await
    else {
        return;
    };
    let email = register_with_family(&app, &browser, "expired").await;
    open(&browser, "concerns").await;
    add(&browser, 0).await;
    browser
        .type_into("#f-worries-0", "Geschreven voor het verlopen")
        .await;

    // The parent is away: the access token runs out and the refresh session has ended too.
    app.execute_sql("DELETE FROM refresh_tokens").await;
    tokio::time::sleep(std::time::Duration::from_secs(
        SHORT_TOKEN_SECS + JWT_LEEWAY_SECS + 1,
    ))
    .await;
    press_save(&browser).await;

    browser.wait("#password").await;
    browser.wait_text("Je was te lang weg").await;
    let address = browser.js("return location.href", json!([])).await;
    assert!(
        address.as_str().unwrap().contains("concerns"),
        "the login page knows where to go back to: {address}"
    );
    browser
        .screenshot(&artifact("expired-session-login.png"))
        .await;

    submit_login(&browser, &email).await;
    browser.wait("form.editor").await;
    browser.wait_text("staat er weer").await;
    assert_eq!(
        browser.value_of("#f-worries-0").await,
        "Geschreven voor het verlopen"
    );
    browser
        .screenshot(&artifact("expired-session-draft-back.png"))
        .await;
    press_save(&browser).await;
    browser.wait_text("Opgeslagen.").await;
    assert_eq!(
        stored_concerns(&app, &email).await,
        concerns(&["Geschreven voor het verlopen"])
    );
}

#[tokio::test]
async fn failed_save_keeps_the_text_and_retry_saves_it() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let email = register_with_family(&app, &browser, "offline").await;
    open(&browser, "concerns").await;
    add(&browser, 0).await;
    browser
        .type_into("#f-worries-0", "Geschreven in de trein")
        .await;

    let offline = |offline: bool| json!({"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1});
    browser.cdp("Network.enable", json!({})).await;
    browser
        .cdp("Network.emulateNetworkConditions", offline(true))
        .await;
    press_save(&browser).await;
    browser.wait("#retry").await;
    browser.wait_text("Wat je schreef is niet weg").await;
    assert_eq!(
        browser.value_of("#f-worries-0").await,
        "Geschreven in de trein"
    );
    browser.screenshot(&artifact("save-failed-retry.png")).await;

    browser
        .cdp("Network.emulateNetworkConditions", offline(false))
        .await;
    browser.click("#retry").await;
    browser.wait_text("Opgeslagen.").await;
    assert_eq!(
        stored_concerns(&app, &email).await,
        concerns(&["Geschreven in de trein"])
    );
}

#[tokio::test]
async fn language_choice_follows_the_account_to_a_fresh_browser() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let email = register_with_family(&app, &browser, "language").await;
    browser.click("button[lang=en]").await;
    browser.wait_text("Log out").await;
    let lang = "return document.documentElement.lang";
    assert_eq!(browser.js(lang, json!([])).await, json!("en"));
    browser.screenshot(&artifact("language-english.png")).await;

    // Log out and forget this device's choice: only the account remembers it now.
    browser.click("#logout").await;
    browser.wait("a[href='/registreren']").await;
    browser
        .js("localStorage.clear(); sessionStorage.clear()", json!([]))
        .await;
    browser.goto(&app.url("/inloggen")).await;
    browser.wait_text("Inloggen").await;
    assert_eq!(browser.js(lang, json!([])).await, json!("nl"));

    submit_login(&browser, &email).await;
    browser.wait(".cards").await;
    browser.wait_text("Log out").await;
    assert_eq!(browser.js(lang, json!([])).await, json!("en"));
}
