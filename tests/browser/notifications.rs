//! "Berichten" on a phone: a parent finds the email settings in the menu and switches the
//! weekly word off; the server keeps it off. Saves the screen at 360x740.

use onsplan_shared::notification::NotificationKind;
use serde_json::json;

use super::{artifact, parent_and_family, register_with_family, setup};

#[tokio::test]
async fn a_parent_switches_the_weekly_word_off() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    let email = register_with_family(&app, &browser, "berichten").await;
    let (parent, _) = parent_and_family(&app, &email).await;
    assert!(parent
        .client
        .notifications()
        .await
        .unwrap()
        .enabled(NotificationKind::WeeklyWord));

    browser.click("#nav-notifications").await;
    browser.wait("#notice-weekly_word").await;
    let checked = browser
        .js(
            "return document.querySelector('#notice-weekly_word').checked",
            json!([]),
        )
        .await;
    assert_eq!(checked, json!(true));
    browser.click("#notice-weekly_word").await;
    browser.wait_text("Opgeslagen.").await;
    let width = browser
        .js("return document.documentElement.scrollWidth", json!([]))
        .await
        .as_u64()
        .unwrap_or_default();
    assert!(width <= 360, "the page is {width} px wide");
    browser
        .screenshot(&artifact("notifications-weekly-off.png"))
        .await;

    let settings = parent.client.notifications().await.unwrap();
    assert!(!settings.enabled(NotificationKind::WeeklyWord));
    assert!(settings.enabled(NotificationKind::Commitments));
    browser.refresh().await;
    browser.wait("#notice-weekly_word").await;
    let checked = browser
        .js(
            "return document.querySelector('#notice-weekly_word').checked",
            json!([]),
        )
        .await;
    assert_eq!(checked, json!(false));
}
