//! The first screen: what a familiegroepsplan is and who sees what, in three short
//! sentences (with "Lees voor"), and the way in.

use dioxus::prelude::*;

use crate::api::use_session;
use crate::components::reading::ReadAloud;
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
        p { class: "lead", id: "welcome-intro", {i.t(K::WelcomeIntro)} }
        ReadAloud { text: i.t(K::WelcomeIntro).to_string() }
        div { class: "actions",
            Link { class: "button primary", to: Route::Register {}, {i.t(K::WelcomeRegister)} }
            Link { class: "button", to: Route::Login { next: String::new() }, {i.t(K::WelcomeLogin)} }
        }
    }
}
