//! The app on a phone's home screen: Chromium's installability criteria, the service worker
//! controlling the page, a repeat visit that loads no app code from the network, and a new
//! version that waits for the next start (with a quiet note) and then clears the old cache.

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use onsplan_tests::AppOptions;
use serde_json::{json, Value};

use crate::webdriver::Browser;
use crate::{artifact, setup_recording_network, web_dir};

/// Waits until a service worker is active and, after a reload, controls the page.
pub(crate) async fn until_controlled(browser: &Browser) {
    let active = browser
        .js(
            "return navigator.serviceWorker.ready.then(r => r.active !== null)",
            json!([]),
        )
        .await;
    assert_eq!(active, json!(true), "no active service worker");
    browser.refresh().await;
    browser.wait("#main > *").await;
    let controlled = browser
        .js(
            "return navigator.serviceWorker.controller !== null",
            json!([]),
        )
        .await;
    assert_eq!(
        controlled,
        json!(true),
        "the service worker does not control the page"
    );
}

/// What the caches of this origin hold: `(cache name, path)` of every entry.
pub(crate) async fn cached(browser: &Browser) -> Vec<(String, String)> {
    let entries = browser
        .js(
            "return caches.keys().then(names => Promise.all(names.map(n => caches.open(n)
                .then(c => c.keys()).then(keys => keys.map(k => [n, new URL(k.url).pathname])))))
                .then(lists => lists.flat())",
            json!([]),
        )
        .await;
    serde_json::from_value(entries).expect("cache entries as [name, path] pairs")
}

/// The cache names of this origin.
async fn cache_names(browser: &Browser) -> Vec<String> {
    let names = browser.js("return caches.keys()", json!([])).await;
    serde_json::from_value(names).unwrap_or_default()
}

/// What a page load fetched for the app (not the API), from the DevTools network events:
/// `(url, from the service worker's cache, bytes over the network)`.
fn app_responses(events: &[Value]) -> Vec<(String, bool, f64)> {
    let mut responses: Vec<(String, String, bool)> = Vec::new();
    for event in events {
        if event["method"] == "Network.responseReceived" {
            let params = &event["params"];
            let url = params["response"]["url"].as_str().unwrap_or_default();
            let path = url
                .split("://")
                .nth(1)
                .and_then(|rest| rest.find('/').map(|i| &rest[i..]));
            let Some(path) = path else { continue };
            if path.starts_with("/api/") || !url.starts_with("http") {
                continue;
            }
            let from_cache = params["response"]["fromServiceWorker"] == json!(true)
                && params["response"]["serviceWorkerResponseSource"] == json!("cache-storage");
            responses.push((
                params["requestId"].as_str().unwrap_or_default().to_string(),
                path.to_string(),
                from_cache,
            ));
        }
    }
    responses
        .into_iter()
        .map(|(id, path, from_cache)| {
            let bytes = events
                .iter()
                .filter(|e| {
                    e["method"] == "Network.loadingFinished" && e["params"]["requestId"] == id
                })
                .filter_map(|e| e["params"]["encodedDataLength"].as_f64())
                .sum::<f64>();
            (path, from_cache, if from_cache { 0.0 } else { bytes })
        })
        .collect()
}

#[tokio::test]
async fn the_app_is_installable_and_a_repeat_visit_loads_no_app_code() {
    let Some((app, browser)) = setup_recording_network(AppOptions::default()).await else {
        return;
    };
    browser.goto(&app.url("/")).await;
    browser.wait("a[href='/registreren']").await;
    // Each screen's code comes when the screen is first opened, and is kept from then on.
    browser.click("a[href^='/inloggen']").await;
    browser.wait("#password").await;
    until_controlled(&browser).await;

    let errors = browser.cdp("Page.getInstallabilityErrors", json!({})).await;
    assert_eq!(
        errors["installabilityErrors"],
        json!([]),
        "Chromium would not install the app: {errors}"
    );
    let manifest = browser.cdp("Page.getAppManifest", json!({})).await;
    assert_eq!(manifest["errors"], json!([]), "{manifest}");
    let parsed: Value =
        serde_json::from_str(manifest["data"].as_str().unwrap_or("{}")).unwrap_or_default();
    assert_eq!(parsed["name"], "Ons Plan");
    assert_eq!(parsed["lang"], "nl");
    assert_eq!(parsed["display"], "standalone");

    // A repeat visit, from a deep link: everything but the API comes from the worker's cache,
    // the login screen's own code included.
    browser.network_events().await;
    browser.goto(&app.url("/inloggen")).await;
    browser.wait("#password").await;
    let responses = app_responses(&browser.network_events().await);
    for kind in ["/assets/onsplan_app-", "/assets/screen-login-"] {
        assert!(
            responses.iter().any(|(path, _, _)| path.starts_with(kind)),
            "no {kind} in the repeat visit: {responses:?}"
        );
    }
    let from_network: Vec<_> = responses.iter().filter(|(_, cached, _)| !cached).collect();
    assert!(
        from_network.is_empty(),
        "a repeat visit fetched app code from the network: {from_network:?}"
    );
    let bytes: f64 = responses.iter().map(|(_, _, bytes)| bytes).sum();
    assert_eq!(bytes, 0.0, "{responses:?}");
    println!(
        "repeat visit: {} app files, all from the service worker's cache",
        responses.len()
    );
    // The worker keeps the app, never an answer of the API.
    let kept: Vec<String> = cached(&browser).await.into_iter().map(|(_, p)| p).collect();
    assert!(kept.iter().any(|path| path.ends_with(".wasm")), "{kept:?}");
    assert!(
        !kept.iter().any(|path| path.starts_with("/api/")),
        "{kept:?}"
    );
    browser.assert_no_csp_violations().await;
}

/// Copies a folder with everything in it.
fn copy_dir(from: &Path, to: &Path) {
    std::fs::create_dir_all(to).unwrap();
    for entry in std::fs::read_dir(from).unwrap() {
        let entry = entry.unwrap();
        let target = to.join(entry.file_name());
        if entry.file_type().unwrap().is_dir() {
            copy_dir(&entry.path(), &target);
        } else {
            std::fs::copy(entry.path(), target).unwrap();
        }
    }
}

/// Deploys a "new version" into `dir`: the same app under another service worker and cache
/// name. Answers the new cache name.
fn deploy_new_worker(dir: &Path) -> String {
    let path = dir.join("sw.js");
    let worker = std::fs::read_to_string(&path).unwrap();
    let start = worker.find("const CACHE = \"").unwrap() + "const CACHE = \"".len();
    let end = worker[start..].find('"').unwrap() + start;
    let next = format!("{}-next", &worker[start..end]);
    std::fs::write(
        &path,
        format!("{}{next}{}", &worker[..start], &worker[end..]),
    )
    .unwrap();
    for suffix in ["br", "gz"] {
        let _ = std::fs::remove_file(dir.join(format!("sw.js.{suffix}")));
    }
    next
}

#[tokio::test]
async fn a_new_version_waits_for_the_next_start_and_then_clears_the_old_cache() {
    let dir: PathBuf = std::env::temp_dir().join(format!("onsplan-web-{}", uuid::Uuid::new_v4()));
    if web_dir().join("index.html").exists() {
        copy_dir(&web_dir(), &dir);
    }
    let options = AppOptions {
        web_dir: Some(dir.clone()),
        ..AppOptions::default()
    };
    let Some((app, browser)) = setup_recording_network(options).await else {
        return;
    };
    browser.goto(&app.url("/inloggen")).await;
    browser.wait("#email").await;
    until_controlled(&browser).await;
    let old = cache_names(&browser).await;
    assert_eq!(old.len(), 1, "{old:?}");

    // Someone is typing when the new version arrives.
    browser.type_into("#email", "halverwege@voorbeeld.nl").await;
    browser
        .js("window.stillTheSamePage = true", json!([]))
        .await;
    let next = deploy_new_worker(&dir);
    browser
        .js(
            "return navigator.serviceWorker.getRegistration().then(r => r.update())",
            json!([]),
        )
        .await;
    browser.wait("#new-version").await;
    browser
        .wait_text("Er is een nieuwe versie — die wordt gebruikt als je de app opnieuw opent")
        .await;
    browser.check_accessibility().await;
    browser
        .screenshot(&artifact("installable-new-version-note.png"))
        .await;
    assert_eq!(browser.value_of("#email").await, "halverwege@voorbeeld.nl");
    assert_eq!(
        browser
            .js("return window.stillTheSamePage === true", json!([]))
            .await,
        json!(true),
        "the page reloaded"
    );

    // Closing the app lets the new version take over; its start deletes the old cache.
    browser.goto("about:blank").await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    browser.goto(&app.url("/inloggen")).await;
    browser.wait("#email").await;
    let deadline = Instant::now() + Duration::from_secs(20);
    loop {
        let names = cache_names(&browser).await;
        if names == [next.clone()] {
            break;
        }
        assert!(
            Instant::now() < deadline,
            "caches after the new version started: {names:?} (old {old:?}, new {next})"
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    let script = browser
        .js(
            "return navigator.serviceWorker.controller && navigator.serviceWorker.controller.scriptURL",
            json!([]),
        )
        .await;
    assert!(
        script.as_str().is_some_and(|s| s.ends_with("/sw.js")),
        "{script}"
    );
    assert!(
        browser.html().await.find("id=\"new-version\"").is_none(),
        "the note stays after the new version started"
    );
    let _ = std::fs::remove_dir_all(&dir);
}
