//! Journeys through fixed versions of the plan: a parent fixes the plan, members stand behind
//! it, and the parent sees who does.

use chrono::NaiveDate;
use onsplan_shared::client::SectionScope;
use onsplan_shared::family::Role;
use onsplan_shared::section_content::{Goal, Goals, SectionContent};
use onsplan_shared::version::FixVersionRequest;

use super::webdriver::Browser;
use super::{artifact, parent_and_family, register_with_family, setup, submit_login};

/// Logs out and logs in as someone else.
async fn switch_to(app: &onsplan_tests::TestApp, browser: &Browser, email: &str) {
    browser.click("#logout").await;
    browser.wait("a[href='/registreren']").await;
    browser.goto(&app.url("/inloggen")).await;
    submit_login(browser, email).await;
}

#[tokio::test]
async fn a_parent_fixes_a_version_two_members_endorse_it_and_the_parent_sees_both_names() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let email = register_with_family(&app, &browser, "versions").await;
    let (_, family) = parent_and_family(&app, &email).await;
    let relative = app.register("Oma").await;
    app.add_member(family, &relative, Role::Relative).await;

    // The parent fixes the plan from the overview and stands behind it.
    browser.click("#to-versions").await;
    browser
        .wait_text("Er is nog geen versie van het plan.")
        .await;
    browser
        .type_into("#version-title", "Plan na de familiebijeenkomst")
        .await;
    browser.set_value("#version-date", "2026-03-12").await;
    browser.screenshot(&artifact("versions-fix.png")).await;
    browser.click("#fix-version").await;
    browser.wait("#version-heading").await;
    browser.wait_text("Afgesproken op 12 maart 2026").await;
    browser.click("#endorse").await;
    browser.wait_text("Gelukt. Je staat achter dit plan.").await;
    browser.wait("#withdraw").await;

    // The relative finds the version from the plan they read along with, and endorses it.
    switch_to(&app, &browser, &relative.me.email).await;
    browser.click("#to-versions").await;
    browser.click(".versions a.card-link").await;
    browser.wait("#version-heading").await;
    browser.click("#endorse").await;
    browser.wait_text("Gelukt. Je staat achter dit plan.").await;
    assert!(
        !browser.html().await.contains("id=\"fix-version\""),
        "a relative is not offered to fix a version"
    );
    browser.screenshot(&artifact("versions-relative.png")).await;

    // The parent sees both names, in the list and on the version.
    switch_to(&app, &browser, &email).await;
    browser.click("#to-versions").await;
    browser.wait_text("Staan achter dit plan: Sanne, Oma").await;
    browser.click(".versions a.card-link").await;
    browser.wait("li.backer").await;
    let html = browser.html().await;
    assert!(html.contains("Sanne, op"), "{html}");
    assert!(html.contains("Oma, op"), "{html}");
    browser.screenshot(&artifact("versions-backers.png")).await;

    // After the next meeting the plan has a goal; the new version says so next to the first.
    // (A fresh API session: logging out in the browser ended the earlier one.)
    let parent = app.login(&email).await;
    parent
        .write_first(
            SectionScope::Shared,
            family,
            SectionContent::Goals(Goals {
                goals: vec![Goal {
                    id: "g1".into(),
                    title: "Rust in huis".into(),
                    scale_now: 4,
                    next_step: String::new(),
                }],
            }),
        )
        .await;
    let first = parent.client.versions(family).await.unwrap().versions[0].id;
    let second = parent
        .client
        .fix_version(
            family,
            &FixVersionRequest {
                title: "Plan van juni".into(),
                agreed_on: NaiveDate::from_ymd_opt(2026, 6, 1).unwrap(),
            },
        )
        .await
        .unwrap();
    browser
        .goto(&app.url(&format!("/versies/{}", second.summary.id)))
        .await;
    browser.wait("#compare-with").await;
    browser.set_value("#compare-with", &first.to_string()).await;
    browser.wait("#change-goals").await;
    browser.wait_text("Nieuw in het plan.").await;
    browser.screenshot(&artifact("versions-compare.png")).await;
}
