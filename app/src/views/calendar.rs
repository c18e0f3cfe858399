//! "Afspraken in je telefoon" (`/agenda-in-je-telefoon`): every member can switch on a private
//! calendar address with their own commitments and the review dates, to subscribe to from the
//! phone's own calendar. The address is shown once, right after switching on or renewing
//! (copy it then); renewing makes the old address stop at once; switching off stops it too.

use dioxus::prelude::*;
use onsplan_shared::agenda::CalendarFeed;

use crate::api::use_session;
use crate::components::form::{Loading, Notice};
use crate::components::outcome::failure_key;
use crate::i18n::{use_i18n, K};
use crate::{platform, Route};

#[component]
pub fn PhoneCalendar() -> Element {
    let i = use_i18n();
    let session = use_session();
    // What the server said last: on load, or after switching on, renewing or off.
    let mut state = use_signal(|| None::<Result<CalendarFeedState, K>>);
    let note = use_signal(|| None::<K>);
    use_hook(move || {
        spawn(async move {
            let answer = session.call(|c| async move { c.calendar().await }).await;
            state.set(Some(
                answer
                    .map(CalendarFeedState::from)
                    .map_err(|e| failure_key(&e)),
            ));
        });
    });
    let change = move |switch_on: bool, done: K| {
        let (mut note, mut state) = (note, state);
        note.set(None);
        spawn(async move {
            let answer = if switch_on {
                session
                    .call(|c| async move { c.enable_calendar().await })
                    .await
            } else {
                session
                    .call(|c| async move { c.disable_calendar().await })
                    .await
            };
            match answer {
                Ok(feed) => {
                    state.set(Some(Ok(feed.into())));
                    note.set(Some(done));
                }
                Err(err) => note.set(Some(failure_key(&err))),
            }
        });
    };
    let body = match state() {
        None => rsx! { Loading {} },
        Some(Err(key)) => rsx! { Notice { text: key, error: true } },
        Some(Ok(feed)) => rsx! {
            if let Some(url) = feed.url.clone() {
                CalendarAddress { url }
            }
            if feed.enabled {
                p { id: "calendar-on", {i.t(K::CalendarOn)} }
                h2 { {i.t(K::CalendarRenewTitle)} }
                p { {i.t(K::CalendarRenewHint)} }
                button { id: "calendar-renew", class: "button", r#type: "button",
                    onclick: move |_| change(true, K::CalendarRenewed), {i.t(K::CalendarRenew)} }
                button { id: "calendar-off", class: "button", r#type: "button",
                    onclick: move |_| change(false, K::CalendarSwitchedOff), {i.t(K::CalendarDisable)} }
            } else {
                p { id: "calendar-off-state", {i.t(K::CalendarOff)} }
                button { id: "calendar-on-button", class: "button primary", r#type: "button",
                    onclick: move |_| change(true, K::CalendarSwitchedOn), {i.t(K::CalendarEnable)} }
            }
        },
    };
    rsx! {
        h1 { {i.t(K::CalendarTitle)} }
        p { class: "lead", {i.t(K::CalendarIntro)} }
        if let Some(text) = note() {
            Notice { text }
        }
        {body}
        h2 { {i.t(K::CalendarHowTitle)} }
        p { {i.t(K::CalendarHowIphone)} }
        p { {i.t(K::CalendarHowAndroid)} }
        p { Link { to: Route::Plan {}, {i.t(K::BackToPlan)} } }
    }
}

/// The state the screen shows (the address only right after it was made).
#[derive(Debug, Clone, PartialEq)]
struct CalendarFeedState {
    enabled: bool,
    url: Option<String>,
}

impl From<CalendarFeed> for CalendarFeedState {
    fn from(feed: CalendarFeed) -> Self {
        Self {
            enabled: feed.enabled,
            url: feed.url,
        }
    }
}

/// The new address, to copy now: it is not shown again.
#[component]
pub fn CalendarAddress(url: String) -> Element {
    let i = use_i18n();
    let mut copied = use_signal(|| false);
    let text = url.clone();
    rsx! {
        div { class: "field",
            label { r#for: "calendar-url", {i.t(K::CalendarAddress)} }
            input { id: "calendar-url", r#type: "text", readonly: true, value: "{url}",
                aria_describedby: "calendar-once" }
            p { class: "hint", id: "calendar-once", {i.t(K::CalendarOnce)} }
        }
        button { id: "calendar-copy", class: "button primary", r#type: "button",
            onclick: move |_| copied.set(platform::copy_text(&text)),
            {i.t(K::CalendarCopy)}
        }
        if copied() {
            p { role: "status", id: "calendar-copied", {i.t(K::CalendarCopied)} }
        }
    }
}
