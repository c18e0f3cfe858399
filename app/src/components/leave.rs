//! Leaving an editor with unsaved text: links out of it ask first, and the question offers to
//! stay or to go with the text kept for later ([`crate::drafts`]).

use dioxus::prelude::*;

use crate::i18n::{use_i18n, K};
use crate::Route;

/// A link out of the editor that first asks when there is unsaved text.
#[component]
pub fn LeaveLink(
    id: String,
    unsaved: Memo<bool>,
    leaving: Signal<Option<Route>>,
    to: Route,
    #[props(default)] class: String,
    children: Element,
) -> Element {
    let nav = use_navigator();
    let mut leaving = leaving;
    let href = to.to_string();
    rsx! {
        a {
            id,
            class,
            href,
            onclick: move |e: MouseEvent| {
                e.prevent_default();
                if unsaved() {
                    leaving.set(Some(to.clone()));
                } else {
                    nav.push(to.clone());
                }
            },
            {children}
        }
    }
}

/// "Je hebt dit nog niet opgeslagen": stay, or leave with the text kept for later.
#[component]
pub fn LeaveQuestion(leaving: Signal<Option<Route>>) -> Element {
    let i = use_i18n();
    let nav = use_navigator();
    let mut leaving = leaving;
    let Some(to) = leaving() else {
        return rsx! {};
    };
    rsx! {
        div { id: "leave-question", class: "confirm", role: "alertdialog",
            aria_labelledby: "leave-title", aria_describedby: "leave-explain",
            p { id: "leave-title", strong { {i.t(K::LeaveTitle)} } }
            p { id: "leave-explain", {i.t(K::LeaveExplain)} }
            div { class: "actions",
                button {
                    id: "leave-stay",
                    class: "button primary",
                    r#type: "button",
                    onmounted: move |e: MountedEvent| async move {
                        let _ = e.set_focus(true).await;
                    },
                    onclick: move |_| leaving.set(None),
                    {i.t(K::LeaveStay)}
                }
                button {
                    id: "leave-go",
                    class: "button",
                    r#type: "button",
                    onclick: move |_| {
                        leaving.set(None);
                        nav.push(to.clone());
                    },
                    {i.t(K::LeaveGo)}
                }
            }
        }
    }
}
