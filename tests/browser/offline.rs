//! The plan without a signal on the person's own phone: nothing is kept until they mark the
//! phone as theirs; then the plan they read is kept encrypted, reads from the phone with a
//! banner when the page starts offline or the signal drops, and is gone after "Vergeet dit
//! apparaat" and after logout. A save made without a signal waits on the phone, encrypted,
//! and is sent when the signal returns; one someone else overtook opens the merge screen.

use onsplan_shared::client::SectionScope;
use onsplan_shared::section_content::{Concerns, SectionContent};
use serde_json::{json, Value};

use onsplan_shared::family::Role;
use onsplan_shared::section::{SaveSectionRequest, SectionKind};

use crate::installable::{cached, until_controlled};
use crate::webdriver::Browser;
use crate::{add, artifact, open, parent_and_family, press_save, register_with_family, setup};

const WORRY: &str = "Tim slaapt slecht sinds de zomer";

/// The names of this origin's IndexedDB databases.
async fn databases(browser: &Browser) -> Vec<String> {
    let names = browser
        .js(
            "return indexedDB.databases().then(list => list.map(d => d.name))",
            json!([]),
        )
        .await;
    serde_json::from_value(names).unwrap_or_default()
}

/// The device vault as stored: its keys, and each value as the bytes on disk read as text
/// (or, for the key, whether it can be read out).
async fn vault_as_stored(browser: &Browser) -> Value {
    browser
        .js(
            "return new Promise((done, fail) => {
                const open = indexedDB.open('onsplan-device');
                open.onerror = () => fail(String(open.error));
                open.onsuccess = () => {
                    const db = open.result;
                    const tx = db.transaction('vault', 'readonly');
                    const keys = tx.objectStore('vault').getAllKeys();
                    const values = tx.objectStore('vault').getAll();
                    tx.oncomplete = () => {
                        db.close();
                        done({keys: keys.result, texts: values.result.map(v =>
                            v instanceof CryptoKey ? 'extractable=' + v.extractable
                                : new TextDecoder().decode(v.sealed))});
                    };
                };
            })",
            json!([]),
        )
        .await
}

/// Waits until the vault holds the plan.
async fn until_kept(browser: &Browser) {
    for _ in 0..100 {
        if databases(browser)
            .await
            .contains(&"onsplan-device".to_string())
            && vault_as_stored(browser).await["keys"]
                .as_array()
                .is_some_and(|keys| keys.contains(&json!("text:plan")))
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!("the plan was not kept on the device");
}

async fn offline(browser: &Browser, offline: bool) {
    browser
        .cdp(
            "Network.emulateNetworkConditions",
            json!({"offline": offline, "latency": 0, "downloadThroughput": -1, "uploadThroughput": -1}),
        )
        .await;
}

async fn text(browser: &Browser) -> String {
    browser
        .js("return document.body.innerText", json!([]))
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

#[tokio::test]
async fn on_an_own_phone_the_plan_reads_offline_and_logout_leaves_nothing() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let email = register_with_family(&app, &browser, "own-phone").await;
    let (parent, family) = parent_and_family(&app, &email).await;
    parent
        .write_first(
            SectionScope::Shared,
            family,
            SectionContent::Concerns(Concerns {
                worries: vec![WORRY.into()],
            }),
        )
        .await;

    // Off by default: reading the plan keeps nothing on the phone.
    browser.goto(&app.url("/plan/lezen")).await;
    browser.wait("#read-concerns").await;
    until_controlled(&browser).await;
    browser.wait("#read-concerns").await;
    assert_eq!(own_device_checked(&browser).await, json!(false));
    assert!(!databases(&browser)
        .await
        .contains(&"onsplan-device".to_string()));

    // Marked as their own: the plan is kept, encrypted, with a key that cannot be read out.
    browser.click("#own-device").await;
    browser
        .wait_text("Het plan staat nu op deze telefoon.")
        .await;
    until_kept(&browser).await;
    until_every_screen_is_kept(&browser).await;
    let stored = vault_as_stored(&browser).await;
    let texts = stored["texts"].to_string();
    assert!(texts.contains("extractable=false"), "{stored}");
    assert!(
        !texts.contains("Tim slaapt"),
        "plan text stored in the clear: {stored}"
    );
    assert!(
        !texts.contains("Familie"),
        "family name stored in the clear: {stored}"
    );
    browser.screenshot(&artifact("offline-own-phone.png")).await;

    // The page starts without a connection: the plan comes from the phone, with when it was read.
    browser.cdp("Network.enable", json!({})).await;
    offline(&browser, true).await;
    browser.refresh().await;
    browser.wait("#offline-note").await;
    browser
        .wait_text("Je bent offline — je ziet het plan van")
        .await;
    browser.wait_text(WORRY).await;
    browser.screenshot(&artifact("offline-plan.png")).await;

    // Back online: the live plan, no banner.
    offline(&browser, false).await;
    browser.click("#offline-retry").await;
    browser.wait("#own-device").await;
    browser.wait_text(WORRY).await;
    assert!(!browser.html().await.contains("id=\"offline-note\""));

    // The signal drops while the app is open: the next screen reads the kept plan.
    browser.click("nav.crumbs a").await;
    browser.wait("#to-reading").await;
    offline(&browser, true).await;
    browser.click("#to-reading").await;
    browser.wait("#offline-note").await;
    assert!(text(&browser).await.contains(WORRY));
    // When it returns, the live plan comes back by itself.
    offline(&browser, false).await;
    for _ in 0..100 {
        if !browser.html().await.contains("id=\"offline-note\"") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        !browser.html().await.contains("id=\"offline-note\""),
        "the banner stays after the signal returned"
    );
    assert!(text(&browser).await.contains(WORRY));

    // "Vergeet dit apparaat" wipes it all.
    browser.wait("#forget-device").await;
    browser.click("#forget-device").await;
    browser
        .wait_text("Deze telefoon bewaart niets meer van het plan.")
        .await;
    assert!(!databases(&browser)
        .await
        .contains(&"onsplan-device".to_string()));
    assert_eq!(own_device_checked(&browser).await, json!(false));

    // Kept again, then logging out leaves no plan on the phone: not in the vault, storage or
    // the caches (which hold the app's own files only).
    browser.click("#own-device").await;
    until_kept(&browser).await;
    browser.click("#logout").await;
    browser.wait("a[href='/registreren']").await;
    assert!(!databases(&browser)
        .await
        .contains(&"onsplan-device".to_string()));
    let storage = browser
        .js(
            "return JSON.stringify(Object.assign({}, localStorage))",
            json!([]),
        )
        .await;
    assert!(
        !storage
            .as_str()
            .unwrap_or_default()
            .contains("own-device\":\"1"),
        "{storage}"
    );
    for (cache, path) in cached(&browser).await {
        assert!(cache.starts_with("onsplan-shell-"), "{cache} {path}");
        assert!(!path.contains("/api/"), "{cache} {path}");
    }

    // And offline after logout the app starts as on any phone: nothing to read, log in first.
    offline(&browser, true).await;
    browser.goto(&app.url("/plan/lezen")).await;
    browser.wait("#password").await;
    assert!(!text(&browser).await.contains(WORRY));
    offline(&browser, false).await;
}

fn concerns(worries: &[&str]) -> SectionContent {
    SectionContent::Concerns(Concerns {
        worries: worries.iter().map(|w| w.to_string()).collect(),
    })
}

#[tokio::test]
async fn on_an_own_phone_a_save_without_a_signal_is_sent_later_and_a_clash_opens_the_merge_screen()
{
    let Some((app, browser)) = setup().await else {
        return;
    };
    let email = register_with_family(&app, &browser, "own-phone-save").await;
    let (parent, family) = parent_and_family(&app, &email).await;
    browser.goto(&app.url("/plan/lezen")).await;
    browser.wait("#own-device").await;
    browser.click("#own-device").await;
    until_kept(&browser).await;

    // Saved without a signal: it waits on the phone, encrypted; the server has nothing yet.
    browser.goto(&app.url("/plan")).await;
    open(&browser, "concerns").await;
    add(&browser, 0).await;
    browser
        .type_into("#f-worries-0", "Geschreven zonder internet")
        .await;
    browser.cdp("Network.enable", json!({})).await;
    offline(&browser, true).await;
    press_save(&browser).await;
    browser
        .wait_text("Wat je schreef staat veilig op deze telefoon.")
        .await;
    browser
        .screenshot(&artifact("offline-save-waits.png"))
        .await;
    let stored = vault_as_stored(&browser).await;
    assert!(
        stored["keys"]
            .as_array()
            .unwrap()
            .contains(&json!("text:outbox")),
        "{stored}"
    );
    assert!(
        !stored["texts"].to_string().contains("zonder internet"),
        "{stored}"
    );
    let read = |parent: &onsplan_tests::Person| {
        let client = parent.client.clone();
        async move {
            client
                .section(SectionScope::Shared, family, SectionKind::Concerns)
                .await
                .unwrap()
        }
    };
    assert_eq!(
        read(&parent).await.version,
        0,
        "nothing reached the server offline"
    );

    // Logging out now would lose it: asked first, and staying keeps it.
    browser.click("#logout").await;
    browser.wait("#logout-question").await;
    browser.click("#logout-stay").await;
    assert!(!browser.html().await.contains("id=\"logout-question\""));
    assert_eq!(
        browser.value_of("#f-worries-0").await,
        "Geschreven zonder internet"
    );

    // The signal returns: it is sent, and the editor says it is saved.
    offline(&browser, false).await;
    browser.wait_text("Opgeslagen.").await;
    let saved = read(&parent).await;
    assert_eq!(saved.content, concerns(&["Geschreven zonder internet"]));

    // Offline again, while another parent saves the same section: the signal returns and the
    // merge screen shows both texts; nothing typed is lost.
    browser
        .type_into("#f-worries-0", "Mijn versie zonder internet")
        .await;
    offline(&browser, true).await;
    press_save(&browser).await;
    browser
        .wait_text("Wat je schreef staat veilig op deze telefoon.")
        .await;
    let peter = app.register("Peter").await;
    app.add_member(family, &peter, Role::Parent).await;
    peter
        .client
        .save_section(
            SectionScope::Shared,
            family,
            SectionKind::Concerns,
            Some(saved.version),
            &SaveSectionRequest {
                visibility: None,
                content: concerns(&["Peters versie"]),
            },
        )
        .await
        .unwrap();
    offline(&browser, false).await;
    browser.wait("#conflict").await;
    browser.wait_text("Peters versie").await;
    browser.wait_text("Mijn versie zonder internet").await;
    browser
        .screenshot(&artifact("offline-save-clash.png"))
        .await;
    browser.click("#merge").await;
    press_save(&browser).await;
    browser.wait_text("Opgeslagen.").await;
    assert_eq!(
        read(&parent).await.content,
        concerns(&["Mijn versie zonder internet", "Peters versie"])
    );
    // Nothing waits on the phone any more: opened again, the editor is plainly there.
    browser.refresh().await;
    browser.wait("form.editor").await;
    assert_eq!(browser.value_of("#f-worries-1").await, "Peters versie");
    let html = browser.html().await;
    assert!(
        !html.contains("id=\"conflict\""),
        "the merge screen came back"
    );
    assert!(
        !html.contains("zonder internet schreef"),
        "a note came back"
    );

    // A clash found while the parent is elsewhere in the app: a note links to the editor,
    // which opens on the merge screen; taking the other text leaves nothing waiting.
    let merged = read(&parent).await;
    browser
        .type_into("#f-worries-0", "Nog een versie zonder internet")
        .await;
    offline(&browser, true).await;
    press_save(&browser).await;
    browser
        .wait_text("Wat je schreef staat veilig op deze telefoon.")
        .await;
    browser.click("#back-to-plan").await;
    browser.click("#leave-go").await;
    browser.wait(".cards").await;
    peter
        .client
        .save_section(
            SectionScope::Shared,
            family,
            SectionKind::Concerns,
            Some(merged.version),
            &SaveSectionRequest {
                visibility: None,
                content: concerns(&["Peters tweede versie"]),
            },
        )
        .await
        .unwrap();
    offline(&browser, false).await;
    browser.wait("#sent-back-concerns").await;
    browser
        .screenshot(&artifact("offline-save-clash-note.png"))
        .await;
    // Forgetting the phone now would lose it as well: asked first, and staying keeps it.
    browser.click("#to-reading").await;
    browser.wait("#forget-device").await;
    browser.click("#forget-device").await;
    browser.wait("#forget-question").await;
    browser.click("#forget-stay").await;
    assert_eq!(own_device_checked(&browser).await, json!(true));
    assert!(databases(&browser)
        .await
        .contains(&"onsplan-device".to_string()));
    browser.click("#sent-back-concerns").await;
    browser.wait("#conflict").await;
    browser.wait_text("Nog een versie zonder internet").await;
    browser.wait_text("Peters tweede versie").await;
    browser.click("#take-theirs").await;
    browser.wait("form.editor").await;
    browser.refresh().await;
    browser.wait("form.editor").await;
    assert!(!browser.html().await.contains("id=\"conflict\""));
    assert_eq!(
        read(&parent).await.content,
        concerns(&["Peters tweede versie"])
    );
}

/// Waits until the service worker keeps every screen's code, also of screens this phone never
/// opened (the people in the family, the log).
async fn until_every_screen_is_kept(browser: &Browser) {
    let started = std::time::Instant::now();
    loop {
        let kept = cached(browser).await;
        let has = |screen: &str| kept.iter().any(|(_, p)| p.starts_with(screen));
        if has("/assets/screen-network-") && has("/assets/screen-accesslog-") {
            return;
        }
        assert!(
            started.elapsed() < std::time::Duration::from_secs(20),
            "the screens never opened are not kept: {kept:?}"
        );
        tokio::time::sleep(std::time::Duration::from_millis(200)).await;
    }
}

/// Whether "Dit is mijn eigen telefoon" is switched on.
async fn own_device_checked(browser: &Browser) -> Value {
    browser
        .js(
            "return document.querySelector('#own-device').checked",
            json!([]),
        )
        .await
}
