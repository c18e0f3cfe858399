//! End-to-end journeys in headless Chromium at 360x740 against the real server (SQLite, or
//! PostgreSQL with `ONSPLAN_TEST_BACKEND=postgres`) serving the built web app. Each journey saves screenshots of its key screens to `tests/artifacts/`.
//!
//! They need the web app built (`cargo xtask build-web`, into `target/web` or
//! `ONSPLAN_TEST_WEB_DIR`) and Debian's `chromium` and `chromium-driver`; `cargo xtask test`
//! provides both and sets `ONSPLAN_BROWSER_TESTS=required` on both passes. Without them the
//! journeys say so and pass without running.

mod accessibility;
mod focus;
mod installable;
// the plan kept on the person's own phone, read without a signal
mod offline;
mod resilience;
mod webdriver;

// Invitations, consent, the access log and professionals
mod network;
mod pdf;
mod places;
mod versions;

// commitments on agreements ("Ik doe dit")
mod commitments;
// Leaving an editor, deep links, unknown addresses, restoring a version, the first save
mod editing;

// what is due this week, and the calendar address
mod agenda;
// deleting a family for good
mod erasure;
// email settings ("Berichten")
mod notifications;
// the plan read as sentences; the scale, who does it and lists in the editors
mod reading;

use std::path::PathBuf;

use onsplan_shared::client::SectionScope;
use onsplan_shared::family::Role;
use onsplan_shared::routes::APP_REGISTER_CONFIRM_PAGE;
use onsplan_shared::section::{SaveSectionRequest, SectionKind};
use onsplan_shared::section_content::{Concerns, SectionContent};
use onsplan_tests::{
    spawn_app_with, token_of, unique_email, AppOptions, Person, TestApp, PASSWORD,
};
use serde_json::json;
use webdriver::Browser;

fn web_dir() -> PathBuf {
    std::env::var_os("ONSPLAN_TEST_WEB_DIR").map_or_else(
        || PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/web"),
        PathBuf::from,
    )
}

fn artifact(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("artifacts")
        .join(name)
}

/// The server and browser for one journey, or `None` when this run cannot have them.
async fn setup() -> Option<(TestApp, Browser)> {
    setup_with(AppOptions::default()).await
}

/// Like [`setup`], with the server started as `options` say (and serving the web app).
async fn setup_with(options: AppOptions) -> Option<(TestApp, Browser)> {
    launch(options, false).await
}

/// Like [`setup_with`], with a browser that records its DevTools network events.
async fn setup_recording_network(options: AppOptions) -> Option<(TestApp, Browser)> {
    launch(options, true).await
}

async fn launch(options: AppOptions, record_network: bool) -> Option<(TestApp, Browser)> {
    let required = std::env::var("ONSPLAN_BROWSER_TESTS").as_deref() == Ok("required");
    let missing = if !web_dir().join("index.html").exists() {
        Some(format!("no web app in {}", web_dir().display()))
    } else if !std::path::Path::new(webdriver::CHROMEDRIVER).exists() {
        Some("chromedriver is not installed".to_string())
    } else {
        None
    };
    if let Some(reason) = missing {
        assert!(!required, "browser tests required: {reason}");
        eprintln!("skipping browser journey: {reason} (cargo xtask test runs it)");
        return None;
    }
    let app = spawn_app_with(AppOptions {
        web_dir: Some(options.web_dir.clone().unwrap_or_else(web_dir)),
        ..options
    })
    .await;
    let browser = if record_network {
        Browser::start_recording_network().await
    } else {
        Browser::start().await
    };
    Some((app, browser))
}

/// Registers a new parent through the screens, opens the link from the email and creates
/// their family; answers the email address.
async fn register_with_family(app: &TestApp, browser: &Browser, shot: &str) -> String {
    browser.goto(&app.url("/")).await;
    browser.click("a[href='/registreren']").await;
    let email = unique_email("ouder");
    browser.type_into("#name", "Sanne").await;
    browser.type_into("#email", &email).await;
    browser.type_into("#password", PASSWORD).await;
    browser
        .screenshot(&artifact(&format!("{shot}-register.png")))
        .await;
    browser.click("button[type=submit]").await;
    browser.wait("#check-mail").await;
    browser
        .screenshot(&artifact(&format!("{shot}-check-mail.png")))
        .await;
    // The account is made when the link in the email is opened.
    let token = if app.smtp {
        token_of(&app.queued_link_to(&email, "registration").await.1)
    } else {
        app.file_email_to(&email)
            .await
            .token_after(APP_REGISTER_CONFIRM_PAGE)
    };
    browser
        .goto(&app.url(&format!("{APP_REGISTER_CONFIRM_PAGE}#{token}")))
        .await;
    browser.type_into("#family-name", "Familie de Vries").await;
    browser.click("button[type=submit]").await;
    browser.wait(".cards").await;
    email
}

/// Fills in the login form on the screen now and sends it.
async fn submit_login(browser: &Browser, email: &str) {
    browser.type_into("#email", email).await;
    browser.type_into("#password", PASSWORD).await;
    browser.click("button[type=submit]").await;
}

/// The parent the browser registered, through the API, with their family.
async fn parent_and_family(app: &TestApp, email: &str) -> (Person, uuid::Uuid) {
    let parent = app.login(email).await;
    let family = parent.client.families().await.unwrap()[0].id;
    (parent, family)
}

/// Opens a section's editor from the overview.
async fn open(browser: &Browser, kind: &str) {
    browser.click(&format!("a[href='/plan/{kind}']")).await;
    browser.wait("form.editor").await;
}

/// Presses "Opslaan". A section's first save asks who may read it first; this keeps the
/// choice already made (the section's default, unless the journey picked another).
async fn press_save(browser: &Browser) {
    let first = browser
        .js(
            "return document.querySelector('form.editor').dataset.firstSave === 'true'",
            json!([]),
        )
        .await;
    browser.click("#save").await;
    if first == json!(true) {
        browser.click("#first-save-yes").await;
    }
}

/// Saves and waits for the confirmation, then goes back to the overview.
async fn save_and_back(browser: &Browser) {
    press_save(browser).await;
    browser.wait_text("Opgeslagen.").await;
    browser.click("nav.crumbs a").await;
    browser.wait(".cards").await;
}

/// Waits up to 5 s until the element `id` has the focus.
async fn wait_for_focus(browser: &Browser, id: &str) {
    let script = "return document.activeElement ? document.activeElement.id : null";
    for _ in 0..100 {
        if browser.js(script, json!([])).await == json!(id) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let focused = browser.js(script, json!([])).await;
    panic!("#{id} never got the focus (it is on {focused})");
}

/// Clicks the n-th "add" button of the form (0-based).
async fn add(browser: &Browser, nth: usize) {
    browser
        .js(
            "document.querySelectorAll('button.add')[arguments[0]].click()",
            json!([nth]),
        )
        .await;
}

#[tokio::test]
async fn parent_writes_the_plan_and_finds_it_after_a_reload() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    register_with_family(&app, &browser, "plan").await;
    browser
        .screenshot(&artifact("plan-overview-empty.png"))
        .await;
    // The page's content security policy is in force: the app's own scripts ran without a
    // violation, and a script injected into the page does not run and is recorded (then taken
    // off the list, which the later checks read).
    browser.assert_no_csp_violations().await;
    let injected = browser
        .js(
            "const s = document.createElement('script');
             s.textContent = 'window.injected = true';
             document.head.appendChild(s);
             return new Promise(done => setTimeout(() => done({ran: window.injected === true,
                 blocked: window.onsplanCspViolations.splice(0)}), 100));",
            json!([]),
        )
        .await;
    assert_eq!(injected["ran"], json!(false), "{injected}");
    assert!(
        injected["blocked"].to_string().contains("script-src"),
        "{injected}"
    );

    open(&browser, "concerns").await;
    add(&browser, 0).await;
    // "+ Toevoegen" puts the focus in the box to type in.
    wait_for_focus(&browser, "f-worries-0").await;
    browser.type_into("#f-worries-0", "Tom slaapt slecht").await;
    // A line added and taken away again: the focus goes on from the add button.
    add(&browser, 0).await;
    wait_for_focus(&browser, "f-worries-1").await;
    browser
        .click("button.remove[aria-label='Weghalen: zorg 2']")
        .await;
    wait_for_focus(&browser, "f-worries-add").await;
    assert_eq!(
        browser
            .js(
                "return document.querySelectorAll('#f-worries-1').length",
                json!([])
            )
            .await,
        json!(0),
        "the line is gone"
    );
    save_and_back(&browser).await;

    open(&browser, "strengths").await;
    add(&browser, 0).await;
    browser
        .type_into("#f-going_well-0", "Oma haalt Tom uit school")
        .await;
    save_and_back(&browser).await;

    open(&browser, "goals").await;
    add(&browser, 0).await;
    browser
        .type_into("#f-goals-0-title", "Tom gaat elke dag naar school")
        .await;
    browser.click("label[for='f-goals-0-scale_now-4']").await;
    browser.screenshot(&artifact("plan-goal-editor.png")).await;
    save_and_back(&browser).await;

    open(&browser, "agreements").await;
    add(&browser, 0).await;
    add(&browser, 0).await;
    // The new agreement is named and focused; its remove button says which one it removes.
    wait_for_focus(&browser, "f-items-1-who").await;
    browser.wait_text("Afspraak 2").await;
    assert_eq!(
        browser
            .js(
                "return document.querySelector('#f-items-1 button.remove').getAttribute('aria-label')",
                json!([]),
            )
            .await,
        json!("Weghalen: afspraak 2")
    );
    browser.set_value("#f-items-0-who", "other").await;
    browser.type_into("#f-items-0-who-name", "Sanne").await;
    browser
        .type_into("#f-items-0-what", "Wekker zetten om 7 uur")
        .await;
    browser.set_value("#f-items-0-by_when", "2026-12-01").await;
    browser.set_value("#f-items-1-who", "other").await;
    browser.type_into("#f-items-1-who-name", "Oma").await;
    browser.type_into("#f-items-1-what", "Woensdag koken").await;
    browser.click("#f-items-1-status").await;
    save_and_back(&browser).await;

    open(&browser, "safety").await;
    for n in 0..4 {
        add(&browser, n).await;
    }
    browser
        .type_into("#f-warning_signs-0", "Er wordt geschreeuwd")
        .await;
    browser
        .type_into("#f-what_we_do-0", "Tom gaat naar zijn kamer")
        .await;
    browser
        .type_into("#f-whom_we_call-0-name", "Buurvrouw Ans")
        .await;
    browser
        .type_into("#f-whom_we_call-0-phone", "0612345678")
        .await;
    browser
        .type_into("#f-safe_places-0-name", "Bij opa en oma")
        .await;
    browser
        .screenshot(&artifact("plan-safety-editor.png"))
        .await;
    save_and_back(&browser).await;

    // A reload keeps the parent logged in (refresh cookie) and everything is there.
    browser.refresh().await;
    browser.wait(".cards").await;
    browser.wait_text("Gewijzigd op").await;
    // The page's early calls served the app: one refresh, one family list, one plan.
    let calls = browser
        .js(
            "return performance.getEntriesByType('resource').map(e => new URL(e.name).pathname)
                .filter(p => p.startsWith('/api/'))",
            json!([]),
        )
        .await;
    let calls: Vec<String> = serde_json::from_value(calls).unwrap();
    let count = |suffix: &str| calls.iter().filter(|p| p.ends_with(suffix)).count();
    assert_eq!(
        (count("/auth/refresh"), count("/families"), count("/plan")),
        (1, 1, 1),
        "{calls:?}"
    );
    browser
        .screenshot(&artifact("plan-overview-after-reload.png"))
        .await;
    let html = browser.html().await;
    assert_eq!(
        html.matches("Gewijzigd op").count(),
        5,
        "five saved sections"
    );
    // Each filled card shows the gist of what was written.
    for gist in [
        "Tom slaapt slecht",
        "Oma haalt Tom uit school",
        "Tom gaat elke dag naar school",
        "Gedaan: 1 van de 2 afspraken",
        "Er wordt geschreeuwd (en nog 3)",
    ] {
        assert!(html.contains(gist), "no gist {gist:?} on the overview");
    }

    let expected = [
        ("concerns", "#f-worries-0", "Tom slaapt slecht"),
        ("strengths", "#f-going_well-0", "Oma haalt Tom uit school"),
        ("goals", "#f-goals-0-title", "Tom gaat elke dag naar school"),
        ("goals", "#f-goals-0-scale_now input:checked", "4"),
        ("agreements", "#f-items-0-what", "Wekker zetten om 7 uur"),
        ("agreements", "#f-items-0-by_when", "2026-12-01"),
        ("agreements", "#f-items-1-who-name", "Oma"),
        ("safety", "#f-warning_signs-0", "Er wordt geschreeuwd"),
        ("safety", "#f-whom_we_call-0-phone", "0612345678"),
        ("safety", "#f-safe_places-0-name", "Bij opa en oma"),
    ];
    for (kind, field, value) in expected {
        // Deep links: each editor opened by its address after a full page load.
        browser.goto(&app.url(&format!("/plan/{kind}"))).await;
        browser.wait("form.editor").await;
        assert_eq!(browser.value_of(field).await, value, "{kind} {field}");
    }
    browser.goto(&app.url("/plan/agreements")).await;
    browser.wait("#f-items-1-status").await;
    let checked = browser
        .js(
            "return document.querySelector('#f-items-1-status').checked",
            json!([]),
        )
        .await;
    assert_eq!(checked, json!(true), "the second agreement stays done");
    browser.assert_no_csp_violations().await;
}

#[tokio::test]
async fn second_parents_save_brings_up_the_merge_screen() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let email = register_with_family(&app, &browser, "conflict").await;
    open(&browser, "concerns").await;
    add(&browser, 0).await;
    browser
        .type_into("#f-worries-0", "Mijn zorg over school")
        .await;

    // Meanwhile the other parent saves the same section.
    let first = app.login(&email).await;
    let family = first.client.families().await.unwrap()[0].id;
    let second = app.register("Peter").await;
    app.add_member(family, &second, Role::Parent).await;
    second
        .client
        .save_section(
            SectionScope::Shared,
            family,
            SectionKind::Concerns,
            Some(0),
            &SaveSectionRequest {
                visibility: None,
                content: SectionContent::Concerns(Concerns {
                    worries: vec!["Peters zorg over geld".into()],
                }),
            },
        )
        .await
        .unwrap();

    press_save(&browser).await;
    browser.wait("#conflict").await;
    browser.wait_text("Peters zorg over geld").await;
    browser.wait_text("Mijn zorg over school").await;
    browser
        .screenshot(&artifact("conflict-merge-screen.png"))
        .await;

    browser.click("#merge").await;
    browser.wait("form.editor").await;
    assert_eq!(
        browser.value_of("#f-worries-0").await,
        "Mijn zorg over school"
    );
    assert_eq!(
        browser.value_of("#f-worries-1").await,
        "Peters zorg over geld"
    );
    press_save(&browser).await;
    browser.wait_text("Opgeslagen.").await;
    browser
        .screenshot(&artifact("conflict-merged-saved.png"))
        .await;

    let stored = first
        .client
        .section(SectionScope::Shared, family, SectionKind::Concerns)
        .await
        .unwrap();
    assert_eq!(stored.version, 2);
    assert_eq!(
        stored.content,
        SectionContent::Concerns(Concerns {
            worries: vec![
                "Mijn zorg over school".into(),
                "Peters zorg over geld".into()
            ],
        })
    );
    browser.assert_no_csp_violations().await;
}

#[tokio::test]
async fn logout_leaves_no_plan_text_in_the_page_or_storage() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    register_with_family(&app, &browser, "logout").await;
    open(&browser, "concerns").await;
    add(&browser, 0).await;
    browser.type_into("#f-worries-0", "Geheime zorg 4711").await;
    save_and_back(&browser).await;
    open(&browser, "concerns").await;
    assert!(browser.html().await.contains("Geheime zorg 4711"));

    browser.click("#logout").await;
    browser.wait("a[href='/registreren']").await;
    browser.screenshot(&artifact("logout-welcome.png")).await;
    let html = browser.html().await;
    assert!(
        !html.contains("Geheime zorg 4711"),
        "plan text left in the DOM"
    );
    assert!(
        !html.contains("Familie de Vries"),
        "family name left in the DOM"
    );
    let storage = browser
        .js("return JSON.stringify(Object.assign({}, localStorage)) + JSON.stringify(Object.assign({}, sessionStorage))", json!([]))
        .await;
    assert!(!storage.as_str().unwrap().contains("Geheime"), "{storage}");

    // The session is gone for real: a reload of a plan address asks to log in.
    browser.goto(&app.url("/plan/concerns")).await;
    browser.wait("#password").await;
    assert!(!browser.html().await.contains("Geheime zorg 4711"));
}

/// The largest contentful paint, the plan's own paint mark and the bytes of app code (not
/// the API) the page now open transferred.
async fn paint_numbers(browser: &Browser) -> serde_json::Value {
    browser
        .js(
            "return new Promise(done => {
                new PerformanceObserver(list => {
                    const entries = list.getEntries();
                    const last = entries[entries.length - 1];
                    const painted = performance.getEntriesByName('onsplan-plan-painted')[0];
                    const bytes = performance.getEntriesByType('resource')
                        .concat(performance.getEntriesByType('navigation'))
                        .filter(e => !e.name.includes('/api/'))
                        .reduce((sum, e) => sum + (e.transferSize || 0), 0);
                    done({lcp: last.startTime, element: last.element ? last.element.outerHTML.slice(0, 80) : '',
                          plan_painted: painted ? painted.startTime : null, transferred: bytes});
                }).observe({type: 'largest-contentful-paint', buffered: true});
            })",
            json!([]),
        )
        .await
}

fn print_numbers(title: &str, numbers: &serde_json::Value) {
    println!("{title} (1.6 Mbit/s down, 750 kbit/s up, 150 ms, CPU 9x):");
    println!(
        "  largest contentful paint: {:.0} ms",
        numbers["lcp"].as_f64().unwrap_or(-1.0)
    );
    println!("  LCP element: {}", numbers["element"]);
    println!(
        "  plan overview with data painted: {:.0} ms",
        numbers["plan_painted"].as_f64().unwrap_or(-1.0)
    );
    println!(
        "  bytes transferred for the app (not the API): {}",
        numbers["transferred"]
    );
}

/// Not a test but the measurement behind `cargo xtask bench-web`: the plan overview from a
/// remembered session on a throttled cheap phone, first cold (no HTTP cache, past the service
/// worker), then as a repeat visit (the service worker's cache and the HTTP cache, as on a
/// phone that opened the app before).
#[tokio::test]
#[ignore]
async fn first_load_on_a_throttled_cheap_phone() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    register_with_family(&app, &browser, "bench").await;
    open(&browser, "concerns").await;
    add(&browser, 0).await;
    browser.type_into("#f-worries-0", "Tom slaapt slecht").await;
    save_and_back(&browser).await;
    // A build without a service worker (to compare) has its repeat visit from the HTTP cache.
    let installed = browser
        .js(
            "return navigator.serviceWorker.getRegistration()
                .then(r => r ? navigator.serviceWorker.ready.then(r => r.active !== null) : false)",
            json!([]),
        )
        .await;
    println!("service worker installed: {installed}");

    browser.cdp("Network.enable", json!({})).await;
    browser
        .cdp("Network.setCacheDisabled", json!({"cacheDisabled": true}))
        .await;
    browser
        .cdp("Network.setBypassServiceWorker", json!({"bypass": true}))
        .await;
    browser
        .cdp(
            "Network.emulateNetworkConditions",
            json!({"offline": false, "latency": 150,
                   "downloadThroughput": 1_600_000 / 8, "uploadThroughput": 750_000 / 8}),
        )
        .await;
    browser
        .cdp("Emulation.setCPUThrottlingRate", json!({"rate": 9}))
        .await;
    browser.goto(&app.url("/plan")).await;
    browser.wait_text("Gewijzigd op").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let cold = paint_numbers(&browser).await;
    browser.screenshot(&artifact("bench-first-load.png")).await;

    browser
        .cdp("Network.setBypassServiceWorker", json!({"bypass": false}))
        .await;
    browser
        .cdp("Network.setCacheDisabled", json!({"cacheDisabled": false}))
        .await;
    browser.goto(&app.url("/plan")).await;
    browser.wait_text("Gewijzigd op").await;
    tokio::time::sleep(std::time::Duration::from_millis(500)).await;
    let repeat = paint_numbers(&browser).await;
    browser
        .screenshot(&artifact("bench-repeat-visit.png"))
        .await;
    print_numbers("cold first load", &cold);
    print_numbers("repeat visit (service worker, HTTP cache)", &repeat);
}
