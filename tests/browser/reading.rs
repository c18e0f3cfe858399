//! The plan read as sentences on a phone: a parent opens "Lees het hele plan" from the
//! overview and finds agreements said as "who: what, by when — done or not", days in words,
//! phone numbers that call, addresses that open maps, the goal's 0–10 steps with its earlier
//! steps, and no "(leeg)". Then the editors: the scale as eleven steps, "Wie doet het?" as a
//! choice of members, and an empty list ready to type in. Saves its screens at 360x740.

use chrono::{Datelike, Duration, Utc};
use onsplan_shared::auth::Locale;
use onsplan_shared::client::SectionScope;
use onsplan_shared::family::Role;
use onsplan_shared::section::SaveSectionRequest;
use onsplan_shared::section_content::{
    Agreement, AgreementStatus, Agreements, Assignee, Contact, Goal, Goals, SafePlace, SafetyPlan,
    SectionContent,
};
use serde_json::json;

use super::{artifact, open, parent_and_family, register_with_family, setup};

fn goals(scale_now: u8) -> SectionContent {
    SectionContent::Goals(Goals {
        goals: vec![Goal {
            id: "school".into(),
            title: "Tim gaat elke dag naar school".into(),
            scale_now,
            next_step: "Samen de wekker zetten".into(),
        }],
    })
}

#[tokio::test]
async fn a_parent_reads_the_whole_plan_in_sentences_with_links_that_call_and_open_maps() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let email = register_with_family(&app, &browser, "reading").await;
    let (parent, family) = parent_and_family(&app, &email).await;
    let riet = app.register("Oma Riet").await;
    app.add_member(family, &riet, Role::Relative).await;

    // Two weeks from now: said as "15 december" (with the year only in another year).
    let due = Utc::now().date_naive() + Duration::days(14);
    let mut due_words = format!(
        "{} {}",
        due.day(),
        onsplan_shared::dutch_time::month_name(Locale::Nl, due.month0())
    );
    if due.year() != Utc::now().year() {
        due_words = format!("{due_words} {}", due.year());
    }
    parent
        .write_first(
            SectionScope::Shared,
            family,
            SectionContent::Agreements(Agreements {
                items: vec![
                    Agreement {
                        id: "ophalen".into(),
                        what: "haalt Tim op, elke woensdag".into(),
                        who: Assignee::Member { user_id: riet.id() },
                        ..Default::default()
                    },
                    Agreement {
                        id: "wekker".into(),
                        what: "Wekker zetten".into(),
                        by_when: Some(due),
                        status: AgreementStatus::Done,
                        goal_id: Some("school".into()),
                        ..Default::default()
                    },
                ],
            }),
        )
        .await;
    parent
        .write_first(
            SectionScope::Shared,
            family,
            SectionContent::Safety(SafetyPlan {
                warning_signs: vec!["Mark drinkt weer".into()],
                whom_we_call: vec![Contact {
                    name: "Buurvrouw Ans".into(),
                    relation: "buren".into(),
                    phone: "06-12 34 56 78".into(),
                }],
                safe_places: vec![SafePlace {
                    name: "Bij opa en oma".into(),
                    address: "Dorpsstraat 1, Ede".into(),
                    note: String::new(),
                }],
                ..Default::default()
            }),
        )
        .await;
    // The goal moves from 3 to 6: the earlier step shows under the steps.
    let first = parent
        .write_first(SectionScope::Shared, family, goals(3))
        .await;
    parent
        .client
        .save_section(
            SectionScope::Shared,
            family,
            first.kind,
            Some(first.version),
            &SaveSectionRequest {
                visibility: None,
                content: goals(6),
            },
        )
        .await
        .unwrap();

    browser.refresh().await;
    browser.click("#to-reading").await;
    browser.wait("#read-agreements").await;
    browser.wait("#read-goals .steps li.here").await;
    let html = browser.html().await;
    for words in [
        "Oma Riet: haalt Tim op, elke woensdag — nog niet gedaan",
        &format!("Wekker zetten, uiterlijk {due_words} — gedaan"),
        "Hieraan merken we dat het mis gaat",
        "Mark drinkt weer",
        "Volgende stap: Samen de wekker zetten",
        "Nu: 6 van 10",
        "0 = het gaat helemaal niet",
        "10 = het gaat zoals wij willen",
        "Eerder: 3 op",
        "Nog niet ingevuld:",
    ] {
        assert!(html.contains(words), "{words:?} missing");
    }
    for never in ["(leeg)", "Wie doet het?", "Telefoonnummer", "Signalen"] {
        assert!(!html.contains(never), "{never:?} shown");
    }
    assert!(html.contains("href=\"tel:0612345678\""), "no tap-to-call");
    assert!(
        html.contains("maps/search/?api=1&amp;query=Dorpsstraat+1%2C+Ede"),
        "no maps link"
    );
    let steps = browser
        .js(
            "return [...document.querySelectorAll('#read-goals .steps li')].map(li => li.textContent)",
            json!([]),
        )
        .await;
    assert_eq!(
        steps,
        json!(["0", "1", "2", "3", "4", "5", "6", "7", "8", "9", "10"])
    );
    let here = browser
        .js(
            "return document.querySelector('#read-goals .steps li.here').textContent",
            json!([]),
        )
        .await;
    assert_eq!(here, json!("6"));
    let width = browser
        .js("return document.documentElement.scrollWidth", json!([]))
        .await
        .as_u64()
        .unwrap_or_default();
    assert!(width <= 360, "the page is {width} px wide");
    browser
        .screenshot(&artifact("reading-whole-plan.png"))
        .await;
    browser
        .js(
            "document.querySelector('#read-safety').scrollIntoView()",
            json!([]),
        )
        .await;
    browser
        .screenshot(&artifact("reading-whole-plan-safety.png"))
        .await;
    // Printing leaves out the menu and buttons.
    let print_hidden = browser
        .js(
            "return [...document.styleSheets].flatMap(s => [...s.cssRules])
                .some(r => r.media && r.media.mediaText === 'print' && r.cssText.includes('.no-print'))",
            json!([]),
        )
        .await;
    assert_eq!(print_hidden, json!(true));

    // The editors: the scale as eleven steps, who does it chosen from the members.
    browser.click("nav.crumbs a").await;
    browser.wait(".cards").await;
    open(&browser, "goals").await;
    browser.wait("#f-goals-0-scale_now-10").await;
    let picked = browser
        .js(
            "return document.querySelector('#f-goals-0-scale_now input:checked').value",
            json!([]),
        )
        .await;
    assert_eq!(picked, json!("6"));
    browser.click("label[for='f-goals-0-scale_now-7']").await;
    browser
        .screenshot(&artifact("reading-scale-editor.png"))
        .await;
    browser.click("#save").await;
    browser.wait_text("Opgeslagen.").await;
    browser.click("nav.crumbs a").await;
    browser.wait(".cards").await;

    open(&browser, "agreements").await;
    browser.wait("#f-items-0-who option[value^='m:']").await;
    assert_eq!(
        browser.value_of("#f-items-0-who").await,
        format!("m:{}", riet.id())
    );
    assert_eq!(browser.value_of("#f-items-1-goal_id").await, "school");
    browser
        .screenshot(&artifact("reading-who-editor.png"))
        .await;
    browser.click("nav.crumbs a").await;
    browser.wait(".cards").await;

    // An empty list starts with one line ready to type in.
    open(&browser, "concerns").await;
    browser
        .wait_text("Bijvoorbeeld: Ik word boos als ik moe ben.")
        .await;
    browser.type_into("#f-worries-0", "Tim slaapt slecht").await;
    // Concerns were never saved: the editor first asks who may read them.
    super::press_save(&browser).await;
    browser.wait_text("Opgeslagen.").await;
    let saved = parent
        .client
        .plan(family)
        .await
        .unwrap()
        .into_iter()
        .find_map(|s| match s.content {
            SectionContent::Concerns(c) => Some(c.worries),
            SectionContent::Goals(g) => {
                assert_eq!(g.goals[0].scale_now, 7, "the step picked was saved");
                None
            }
            _ => None,
        });
    assert_eq!(saved, Some(vec!["Tim slaapt slecht".to_string()]));
    browser.assert_no_csp_violations().await;
}
