//! "Wat staat er deze week?" on a phone: a relative logs in and finds their commitments above
//! the plan, marks an overdue one done right there, then opens the agreements page the way a
//! reminder email links to it (`/afspraken`) and marks the other one done; the agenda is then
//! empty. Saves its screens at 360x740.

use chrono::{Duration, Utc};
use onsplan_shared::client::SectionScope;
use onsplan_shared::commitment::TakeAgreementRequest;
use onsplan_shared::dutch_time::dutch_time;
use onsplan_shared::family::Role;
use onsplan_shared::routes::APP_COMMITMENTS_PAGE;
use onsplan_shared::section::{SaveSectionRequest, SectionKind, Visibility};
use onsplan_shared::section_content::{Agreement, Agreements, SectionContent};
use serde_json::json;

use super::{artifact, setup, submit_login};

#[tokio::test]
async fn a_relative_sees_this_weeks_commitment_and_marks_it_done_from_the_reminder_link() {
    let Some((app, phone)) = setup().await else {
        return;
    };
    let parent = app.register("Sanne").await;
    let family = app.family_of(&parent, "Familie de Vries").await.id;
    let relative = app.register("Oma Els").await;
    app.add_member(family, &relative, Role::Relative).await;
    let item = |id: &str, what: &str| Agreement {
        id: id.into(),
        what: what.into(),
        ..Default::default()
    };
    parent
        .client
        .save_section(
            SectionScope::Shared,
            family,
            SectionKind::Agreements,
            Some(0),
            &SaveSectionRequest {
                visibility: Some(Visibility::Network),
                content: SectionContent::Agreements(Agreements {
                    items: vec![
                        item("boodschappen", "Boodschappen doen op zaterdag"),
                        item("koken", "Koken op woensdag"),
                    ],
                }),
            },
        )
        .await
        .unwrap();
    let today = dutch_time(Utc::now()).date_naive();
    for (id, due) in [("boodschappen", 2), ("koken", -2)] {
        relative
            .client
            .take_agreement(
                family,
                id,
                &TakeAgreementRequest {
                    due: Some(today + Duration::days(due)),
                },
            )
            .await
            .unwrap();
    }

    phone.goto(&app.url("/inloggen")).await;
    submit_login(&phone, &relative.me.email).await;
    phone.wait("#agenda-overdue #agenda-done-koken").await;
    phone.wait_text("Wat staat er deze week?").await;
    phone.wait_text("Boodschappen doen op zaterdag").await;
    phone.wait("#agenda-week").await;
    let width = phone
        .js("return document.documentElement.scrollWidth", json!([]))
        .await
        .as_u64()
        .unwrap_or_default();
    assert!(width <= 360, "the page is {width} px wide");
    phone.screenshot(&artifact("agenda-relative.png")).await;

    // Done right from the agenda.
    phone.click("#agenda-done-koken").await;
    phone.wait_text("Top, het staat op gedaan.").await;
    // The agenda reloads: nothing is overdue any more.
    let mut tries = 0;
    while phone
        .js(
            "return !!document.querySelector('#agenda-overdue')",
            json!([]),
        )
        .await
        == json!(true)
    {
        tries += 1;
        assert!(tries < 200, "the overdue commitment stays on the agenda");
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
    }

    // The reminder's link opens the agreements page; "Gedaan" there.
    phone.goto(&app.url(APP_COMMITMENTS_PAGE)).await;
    phone.wait("#my-commitments #done-boodschappen").await;
    phone
        .screenshot(&artifact("agenda-from-reminder.png"))
        .await;
    phone.click("#done-boodschappen").await;
    phone.wait_text("Top, het staat op gedaan.").await;
    phone.wait_text("Gedaan door Oma Els").await;

    phone.goto(&app.url("/plan")).await;
    phone.wait("#agenda-empty").await;
    phone.screenshot(&artifact("agenda-empty.png")).await;
    let agenda = relative.client.agenda().await.unwrap();
    assert_eq!(agenda.total, 0);

    // The calendar screen: switch on, see the address once, switch off.
    phone.click("#to-calendar").await;
    phone.click("#calendar-on-button").await;
    let address = phone.value_of("#calendar-url").await;
    assert!(
        address.contains("/api/v1/calendar/") && address.ends_with(".ics"),
        "{address}"
    );
    phone.screenshot(&artifact("agenda-calendar-on.png")).await;
    phone.click("#calendar-off").await;
    phone
        .wait_text("De agenda-link staat uit. Je telefoon krijgt geen afspraken meer.")
        .await;
    assert!(!relative.client.calendar().await.unwrap().enabled);
}
