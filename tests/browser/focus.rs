//! Keyboard and screen-reader users follow a move to another screen: the focus goes to the new
//! screen's heading, not left on a link of the screen that is gone.

use serde_json::json;

use crate::webdriver::Browser;
use crate::{open, register_with_family, setup};

/// The focused element's tag and text, once it is a heading (waiting up to 5 s for the app
/// to move it), or whatever has the focus then.
async fn focused(browser: &Browser) -> (String, String) {
    let found = browser
        .js(
            "return new Promise(done => {
                const started = Date.now();
                const look = () => {
                    const e = document.activeElement;
                    if ((e && e.tagName === 'H1') || Date.now() - started > 5000) {
                        done([e ? e.tagName : '', e ? e.textContent : '']);
                    } else {
                        setTimeout(look, 50);
                    }
                };
                look();
            })",
            json!([]),
        )
        .await;
    (
        found[0].as_str().unwrap_or_default().to_string(),
        found[1].as_str().unwrap_or_default().to_string(),
    )
}

#[tokio::test]
async fn moving_to_another_screen_puts_the_focus_on_its_heading() {
    let Some((app, browser)) = setup().await else {
        return;
    };
    register_with_family(&app, &browser, "focus").await;
    open(&browser, "concerns").await;
    let heading = browser
        .js(
            "return document.querySelector('#content h1').textContent",
            json!([]),
        )
        .await;
    assert_eq!(
        focused(&browser).await,
        (
            "H1".to_string(),
            heading.as_str().unwrap_or_default().to_string()
        )
    );
    browser.click("nav.crumbs a").await;
    browser.wait(".cards").await;
    assert_eq!(focused(&browser).await.0, "H1");
}
