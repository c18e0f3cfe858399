//! Ons Plan's client: a parent writes the family's plan on a phone.
//!
//! - [`api`]: the session (access token in memory, refresh cookie) and client glue
//! - [`i18n`]: the message catalogue (Dutch default, English)
//! - [`gist`]: the one-line gist of a section on its overview card
//! - [`schema`]: how each section kind is edited; [`merge`]: combining versions after a conflict
//! - [`platform`]: what differs between the browser and other targets
//! - [`components`]: one module per screen or editor part

pub mod api;
pub mod components;
pub mod gist;
pub mod i18n;
pub mod merge;
pub mod platform;
pub mod schema;

use dioxus::prelude::*;

use components::auth::{Login, Register};
use components::family::CreateFamily;
use components::frame::{Authed, Frame, NotFound};
use components::history::SectionHistory;
use components::overview::Plan;
use components::section::EditSection;
use components::welcome::Welcome;

/// Every screen, by address. Dutch paths: parents share and read them.
#[derive(Clone, Debug, PartialEq, Routable)]
#[rustfmt::skip]
pub enum Route {
    #[layout(Frame)]
        #[route("/")]
        Welcome {},
        #[route("/registreren")]
        Register {},
        #[route("/inloggen?:next")]
        Login { next: String },
        #[layout(Authed)]
            #[route("/gezin-maken")]
            CreateFamily {},
            #[route("/plan")]
            Plan {},
            #[route("/plan/:kind")]
            EditSection { kind: String },
            #[route("/plan/:kind/geschiedenis")]
            SectionHistory { kind: String },
        #[end_layout]
    #[end_layout]
    #[route("/:..segments")]
    NotFound { segments: Vec<String> },
}

/// The root: provides the language and the session, restores a session from the refresh
/// cookie, then shows the route.
#[component]
pub fn App() -> Element {
    let lang = use_signal(api::initial_lang);
    use_context_provider(|| i18n::I18n(lang));
    let session = use_context_provider(|| api::Session::new(lang));
    use_hook(|| {
        platform::set_lang_attribute(lang.peek().as_str());
        spawn(session.boot());
    });
    rsx! { Router::<Route> {} }
}
