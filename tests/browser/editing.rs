//! Journeys through an editor that lose nothing and show nothing stale: leaving with unsaved
//! text is asked and the draft waits for the parent's return; a save in an editor opened from
//! its address shows on the overview; an unknown address says so; an earlier version of a
//! section can be brought back; the first save asks who may read the section.

use chrono::NaiveDate;
use onsplan_shared::client::SectionScope;
use onsplan_shared::section::{SaveSectionRequest, SectionKind, Visibility};
use onsplan_shared::section_content::{Concerns, SectionContent};
use onsplan_shared::version::FixVersionRequest;
use serde_json::json;

use super::webdriver::Browser;
use super::{add, artifact, open, parent_and_family, press_save, register_with_family, setup};

fn concerns(worries: &[&str]) -> SectionContent {
    SectionContent::Concerns(Concerns {
        worries: worries.iter().map(|w| w.to_string()).collect(),
    })
}

/// The page's visible text.
async fn text(browser: &Browser) -> String {
    browser
        .js("return document.body.innerText", json!([]))
        .await
        .as_str()
        .unwrap_or_default()
        .to_string()
}

/// Waits until the overview card of `kind` shows `words`.
async fn card_shows(browser: &Browser, kind: &str, words: &str) {
    browser.wait(".cards").await;
    let card = format!("#card-{kind}");
    for _ in 0..200 {
        let shown = browser
            .js(
                "const c = document.querySelector(arguments[0]); return c ? c.innerText : ''",
                json!([card]),
            )
            .await;
        if shown.as_str().unwrap_or_default().contains(words) {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    panic!(
        "card {kind} does not show {words:?}: {}",
        text(browser).await
    );
}

#[tokio::test]
async fn leaving_an_editor_with_unsaved_text_asks_and_the_draft_waits_for_the_return() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let email = register_with_family(&app, &browser, "leave").await;
    open(&browser, "concerns").await;
    add(&browser, 0).await;
    browser.type_into("#f-worries-0", "Tim slaapt slecht").await;

    // Leaving is asked; staying keeps the text where it was.
    browser.click("#back-to-plan").await;
    browser.wait("#leave-question").await;
    browser.wait_text("Je hebt dit nog niet opgeslagen.").await;
    browser
        .screenshot(&artifact("editing-leave-asked.png"))
        .await;
    browser.click("#leave-stay").await;
    assert_eq!(browser.value_of("#f-worries-0").await, "Tim slaapt slecht");
    assert!(!browser.html().await.contains("id=\"leave-question\""));

    // Leaving anyway, then coming back: the draft is there, and still unsaved.
    browser.click("#back-to-plan").await;
    browser.click("#leave-go").await;
    browser.wait(".cards").await;
    open(&browser, "concerns").await;
    browser.wait_text("Je was hier nog mee bezig.").await;
    assert_eq!(browser.value_of("#f-worries-0").await, "Tim slaapt slecht");
    browser
        .screenshot(&artifact("editing-draft-back.png"))
        .await;
    let (parent, family) = parent_and_family(&app, &email).await;
    let stored = parent
        .client
        .section(SectionScope::Shared, family, SectionKind::Concerns)
        .await
        .unwrap();
    assert_eq!(stored.version, 0, "nothing was saved by leaving");

    // "Opgeslagen" holds only until the next change; then leaving is asked again.
    press_save(&browser).await;
    browser.wait_text("Opgeslagen.").await;
    browser
        .type_into("#f-worries-0", "Tim slaapt slecht, en eet weinig")
        .await;
    for _ in 0..100 {
        if !text(&browser).await.contains("Opgeslagen.") {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert!(
        !text(&browser).await.contains("Opgeslagen."),
        "'Opgeslagen' is gone after new typing"
    );
    browser.click("#back-to-plan").await;
    browser.wait("#leave-question").await;
    browser.click("#leave-stay").await;
    press_save(&browser).await;
    browser.wait_text("Opgeslagen.").await;

    // Saved: leaving is no longer asked.
    browser.click("#back-to-plan").await;
    card_shows(&browser, "concerns", "Tim slaapt slecht, en eet weinig").await;
}

#[tokio::test]
async fn a_save_in_an_editor_opened_from_its_address_shows_on_the_overview() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    register_with_family(&app, &browser, "deeplink").await;

    // Straight to the editor's address: the app starts there.
    browser.goto(&app.url("/plan/concerns")).await;
    browser.wait("form.editor").await;
    add(&browser, 0).await;
    browser.type_into("#f-worries-0", "Geld voor de huur").await;
    press_save(&browser).await;
    browser.wait_text("Opgeslagen.").await;
    browser.click("#back-to-plan").await;
    card_shows(&browser, "concerns", "Geld voor de huur").await;
    browser
        .screenshot(&artifact("editing-deeplink-back.png"))
        .await;

    // A reload inside the editor, another save, and back.
    open(&browser, "concerns").await;
    browser.refresh().await;
    browser.wait("form.editor").await;
    browser
        .type_into("#f-worries-0", "Geld voor de huur en school")
        .await;
    press_save(&browser).await;
    browser.wait_text("Opgeslagen.").await;
    browser.click("#back-to-plan").await;
    card_shows(&browser, "concerns", "Geld voor de huur en school").await;
}

#[tokio::test]
async fn an_unknown_address_says_the_page_does_not_exist() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    browser.goto(&app.url("/deze/pagina/is/er/niet")).await;
    browser.wait_text("Deze pagina bestaat niet").await;
    for _ in 0..100 {
        let shell = browser
            .js(
                "return document.getElementById('shell') !== null",
                json!([]),
            )
            .await;
        if shell == json!(false) {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    let page = text(&browser).await;
    assert!(
        !page.contains("Even geduld"),
        "the loading screen gave way: {page}"
    );
    browser.screenshot(&artifact("editing-not-found.png")).await;

    // An address with a section or an id the app cannot read is not found either, logged in
    // or not: the router reads it, no screen has to.
    for path in [
        "/plan/onzin",
        "/plan/onzin/geschiedenis",
        "/versies/geen-versie",
        "/delen/iemand",
        "/hulpverlener/123/plan/concerns",
        "/alleen-ik/onzin",
    ] {
        browser.goto(&app.url(path)).await;
        browser.wait_text("Deze pagina bestaat niet").await;
    }
}

#[tokio::test]
async fn a_parent_brings_back_an_earlier_version_of_a_section() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let email = register_with_family(&app, &browser, "restore").await;
    let (parent, family) = parent_and_family(&app, &email).await;
    parent
        .write_first(SectionScope::Shared, family, concerns(&["Oude zorg"]))
        .await;
    let fixed = parent
        .client
        .fix_version(
            family,
            &FixVersionRequest {
                title: "Plan van maart".into(),
                agreed_on: NaiveDate::from_ymd_opt(2026, 3, 12).unwrap(),
            },
        )
        .await
        .unwrap();
    parent
        .client
        .save_section(
            SectionScope::Shared,
            family,
            SectionKind::Concerns,
            Some(1),
            &SaveSectionRequest {
                visibility: None,
                content: concerns(&["Nieuwe zorg"]),
            },
        )
        .await
        .unwrap();

    browser
        .goto(&app.url(&format!("/versies/{}", fixed.summary.id)))
        .await;
    browser.click("#restore-concerns").await;
    browser.wait("#restore-concerns-question").await;
    browser.wait_text("Pas als je op Opslaan drukt").await;
    browser
        .screenshot(&artifact("editing-restore-asked.png"))
        .await;
    browser.click("#restore-concerns-yes").await;

    // The editor shows the earlier text on top of what is stored now; saving brings it back.
    browser.wait("form.editor").await;
    browser
        .wait_text("Dit is de tekst uit de eerdere versie.")
        .await;
    assert_eq!(browser.value_of("#f-worries-0").await, "Oude zorg");
    browser
        .screenshot(&artifact("editing-restore-in-editor.png"))
        .await;
    press_save(&browser).await;
    browser.wait_text("Opgeslagen.").await;

    // A new save on top of the one in between: nothing is lost from the history.
    let mut now = parent
        .client
        .section(SectionScope::Shared, family, SectionKind::Concerns)
        .await
        .unwrap();
    for _ in 0..100 {
        if now.version == 3 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        now = parent
            .client
            .section(SectionScope::Shared, family, SectionKind::Concerns)
            .await
            .unwrap();
    }
    assert_eq!((now.version, now.content), (3, concerns(&["Oude zorg"])));
    let history = parent
        .client
        .revisions(SectionScope::Shared, family, SectionKind::Concerns)
        .await
        .unwrap();
    assert_eq!(history.len(), 3);

    browser.click("#back-to-plan").await;
    card_shows(&browser, "concerns", "Oude zorg").await;
}

#[tokio::test]
async fn the_first_save_asks_who_may_read_it_and_sensitive_sections_start_with_the_parents() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let email = register_with_family(&app, &browser, "firstsave").await;
    // Safe by default: the safety plan and the children's words start with the parents.
    card_shows(&browser, "safety", "Alleen ouders").await;
    card_shows(&browser, "children", "Alleen ouders").await;

    open(&browser, "goals").await;
    add(&browser, 0).await;
    browser.type_into("#f-goals-0-title", "Rust in huis").await;
    browser.click("#save").await;
    browser.wait("#first-save").await;
    browser.wait_text("Iedereen die meehelpt").await;
    browser.wait_text("Zoals oma").await;
    browser
        .wait_text("Jij en de andere ouder van dit gezin.")
        .await;
    browser
        .screenshot(&artifact("editing-first-save-question.png"))
        .await;
    browser.click("#first-vis-parents").await;
    browser.click("#first-save-yes").await;
    browser.wait_text("Opgeslagen.").await;

    let (parent, family) = parent_and_family(&app, &email).await;
    let saved = parent
        .client
        .section(SectionScope::Shared, family, SectionKind::Goals)
        .await
        .unwrap();
    assert_eq!((saved.version, saved.visibility), (1, Visibility::Parents));

    // Later saves are not asked again; the choice stays in the form.
    browser
        .type_into("#f-goals-0-title", "Rust in huis, ook 's avonds")
        .await;
    browser.click("#save").await;
    browser.wait_text("Opgeslagen.").await;
    assert!(!browser.html().await.contains("id=\"first-save\""));
    let mut again = saved;
    for _ in 0..100 {
        again = parent
            .client
            .section(SectionScope::Shared, family, SectionKind::Goals)
            .await
            .unwrap();
        if again.version == 2 {
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }
    assert_eq!((again.version, again.visibility), (2, Visibility::Parents));
}
