//! The first screen: what Ons Plan is, and the way in.

use dioxus::prelude::*;

use crate::api::use_session;
use crate::i18n::{use_i18n, K};
use crate::Route;

#[component]
pub fn Welcome() -> Element {
    let i = use_i18n();
    let session = use_session();
    let nav = use_navigator();
    use_effect(move || {
        if !(session.booting)() && session.client.read().is_some() {
            nav.replace(Route::Plan {});
        }
    });
    rsx! {
        h1 { {i.t(K::WelcomeTitle)} }
        p { class: "lead", {i.t(K::WelcomeIntro)} }
        div { class: "actions",
            Link { class: "button primary", to: Route::Register {}, {i.t(K::WelcomeRegister)} }
            Link { class: "button", to: Route::Login { next: String::new() }, {i.t(K::WelcomeLogin)} }
        }
    }
}
