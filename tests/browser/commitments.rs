//! Commitments on a phone: a relative takes an agreement ("Ik doe dit") and marks it done;
//! the parent sees who did it, and gives the relative another one, which the relative then
//! finds under "Mijn afspraken". Saves its screens at 360x740.

use onsplan_shared::client::SectionScope;
use onsplan_shared::family::Role;
use onsplan_shared::section_content::{Agreement, Agreements, SectionContent};
use serde_json::json;

use super::webdriver::Browser;
use super::{artifact, parent_and_family, register_with_family, setup, submit_login};

#[tokio::test]
async fn a_relative_takes_an_agreement_marks_it_done_and_the_parent_sees_who_did_it() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let email = register_with_family(&app, &browser, "commitments").await;
    let (parent, family) = parent_and_family(&app, &email).await;
    let content = SectionContent::Agreements(Agreements {
        items: vec![
            Agreement {
                id: "boodschappen".into(),
                what: "Boodschappen doen op zaterdag".into(),
                by_when: chrono::NaiveDate::from_ymd_opt(2026, 12, 19),
                ..Default::default()
            },
            Agreement {
                id: "koken".into(),
                what: "Koken op woensdag".into(),
                ..Default::default()
            },
        ],
    });
    parent
        .write_first(SectionScope::Shared, family, content)
        .await;
    let relative = app.register("Oma Els").await;
    app.add_member(family, &relative, Role::Relative).await;

    let phone = Browser::start().await;
    phone.goto(&app.url("/inloggen")).await;
    submit_login(&phone, &relative.me.email).await;
    phone.click("#nav-commitments").await;
    phone.wait("#take-boodschappen").await;
    phone.screenshot(&artifact("commitments-open.png")).await;
    phone.click("#take-boodschappen").await;
    phone
        .wait_text("Fijn! Iedereen ziet nu dat jij dit doet.")
        .await;
    phone.wait("#my-commitments #done-boodschappen").await;
    phone.screenshot(&artifact("commitments-taken.png")).await;
    phone.click("#done-boodschappen").await;
    phone.wait_text("Top, het staat op gedaan.").await;
    phone.wait_text("Gedaan door Oma Els").await;
    let width = phone
        .js("return document.documentElement.scrollWidth", json!([]))
        .await
        .as_u64()
        .unwrap_or_default();
    assert!(width <= 360, "the page is {width} px wide");
    phone.screenshot(&artifact("commitments-done.png")).await;

    browser.click("#nav-commitments").await;
    browser.wait("#agreement-boodschappen").await;
    browser.wait_text("Gedaan door Oma Els").await;
    browser
        .screenshot(&artifact("commitments-parent-sees.png"))
        .await;

    browser
        .set_value("#assign-koken-member", &relative.id().to_string())
        .await;
    browser.click("#assign-koken").await;
    browser
        .wait_text("Die persoon ziet de afspraak nu bij 'Mijn afspraken'.")
        .await;
    phone.refresh().await;
    phone.wait("#my-commitments #done-koken").await;
    phone.wait_text("Oma Els doet dit.").await;
}
