//! Ons Plan's client: a parent writes the family's plan on a phone, brings in the network and
//! shares with professionals; relatives read along; professionals see what is shared.
//!
//! - [`api`]: the session (access token in memory, refresh cookie) and client glue
//! - [`i18n`]: the message catalogue (Dutch default, English)
//! - [`gist`]: the one-line gist of a section on its overview card
//! - [`words`]: a section said in sentences for reading; [`aloud`]: speech and printing
//! - [`schema`]: how each section kind is edited; [`merge`]: combining versions after a conflict
//! - [`dates`]: days picked in date fields and the periods they stand for
//! - [`drafts`]: what was typed in an editor and not saved yet, kept while moving around
//! - [`device`]: the plan kept on the person's own phone, to read without a signal;
//!   [`outbox`]: saves made there without a signal, sent when it returns
//! - [`platform`]: what differs between the browser and other targets
//! - [`views`]: one module per screen (the targets of [`Route`]); [`components`]: the parts
//!   screens are built from; [`open_family`]: the family a person has open

// With `split`, the router generates a loader function per route, named after the route.
#![cfg_attr(feature = "split", allow(non_snake_case))]

pub mod aloud;
pub mod api;
pub mod components;
pub mod dates;
pub mod device;
pub mod drafts;
pub mod gist;
pub mod i18n;
pub mod merge;
pub mod open_family;
pub mod outbox;
pub mod platform;
pub mod schema;
pub mod views;
pub mod words;

use dioxus::prelude::*;
use onsplan_shared::section::SectionKind;
use uuid::Uuid;

use views::auth::{Login, Register};
use views::calendar::PhoneCalendar;
use views::commitments::Commitments;
use views::confirm::ConfirmRegistration;
use views::erasure::{DeleteAccount, DeleteFamily};
use views::family::CreateFamily;
use views::frame::{Authed, Frame, NotFound};
use views::history::SectionHistory;
use views::section::EditSection;
use views::welcome::Welcome;
// The network, consent, the access log, emailed links, professionals
use views::accept::AcceptInvite;
use views::access_log::AccessLog;
use views::ask_access::AskAccess;
use views::home::Plan;
use views::network::Network;
use views::notifications::Notifications;
use views::org_home::{OrgHome, OrgOnly};
use views::password::{ActivateAccount, ForgotPassword, ResetPassword};
use views::private::{PrivateSection, PrivateSections};
use views::pro_section::ProSection;
use views::professional::{ProFamily, ProHome, ProOnly};
use views::read_plan::WholePlan;
use views::requests::Requests;
use views::share::Share;
use views::version_view::VersionView;
use views::versions::Versions;

/// Every screen, by address. Dutch paths: parents share and read them. With the `split`
/// feature each screen's code is a module of its own, fetched when the screen first opens.
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
        // Pages emailed links open; the token stays in the fragment.
        #[route("/uitnodiging#:token")]
        AcceptInvite { token: String },
        #[route("/wachtwoord-vergeten")]
        ForgotPassword {},
        #[route("/wachtwoord-herstellen#:token")]
        ResetPassword { token: String },
        #[route("/account-activeren#:token")]
        ActivateAccount { token: String },
        #[route("/account-bevestigen#:token")]
        ConfirmRegistration { token: String },
        // Any account, with or without a family.
        #[route("/account-verwijderen")]
        DeleteAccount {},
        #[layout(Authed)]
            #[route("/gezin-maken")]
            CreateFamily {},
            #[route("/plan")]
            Plan {},
            // Every member: the whole plan in sentences, to read, hear and print.
            #[route("/plan/lezen")]
            WholePlan {},
            #[route("/plan/:kind")]
            EditSection { kind: SectionKind },
            #[route("/plan/:kind/geschiedenis")]
            SectionHistory { kind: SectionKind },
            // The family's network, consent and log (parents).
            #[route("/wie-helpt-mee")]
            Network {},
            #[route("/delen/:professional")]
            Share { professional: Uuid },
            #[route("/verzoeken")]
            Requests {},
            #[route("/logboek")]
            AccessLog {},
            // A parent's own private sections ("Alleen ik").
            #[route("/alleen-ik")]
            PrivateSections {},
            #[route("/alleen-ik/:kind")]
            PrivateSection { kind: SectionKind },
            // Fixed versions of the plan (every member).
            #[route("/versies")]
            Versions {},
            #[route("/versies/:version")]
            VersionView { version: Uuid },
            // Every member: who does which agreement ("Mijn afspraken").
            #[route("/afspraken")]
            Commitments {},
            // Every member: their agreements in the phone's own calendar.
            #[route("/agenda-in-je-telefoon")]
            PhoneCalendar {},
            // A parent deletes the family (or answers another parent's deletion).
            #[route("/gezin-verwijderen")]
            DeleteFamily {},
            // Every member: which emails they get.
            #[route("/berichten")]
            Notifications {},
        #[end_layout]
        #[layout(ProOnly)]
            #[route("/hulpverlener")]
            ProHome {},
            #[route("/hulpverlener/:family")]
            ProFamily { family: Uuid },
            #[route("/hulpverlener/:family/vragen")]
            AskAccess { family: Uuid },
            #[route("/hulpverlener/:family/plan/:kind")]
            ProSection { family: Uuid, kind: SectionKind },
        #[end_layout]
        // An organisation admin's home: their professionals, no family screens.
        #[layout(OrgOnly)]
            #[route("/organisatie")]
            OrgHome {},
        #[end_layout]
    #[end_layout]
    #[route("/:..segments")]
    NotFound { segments: Vec<String> },
}

/// The root: provides the language and the session, restores a session from the refresh
/// cookie, counts the connection's returns, then shows the route.
#[component]
pub fn App() -> Element {
    let lang = use_signal(api::initial_lang);
    use_context_provider(|| i18n::I18n(lang));
    let session = use_context_provider(|| api::Session::new(lang));
    use_hook(|| {
        platform::set_lang_attribute(lang.peek().as_str());
        spawn(session.boot());
        // Once per page: each time the connection comes back, the session counts it.
        let mut back_online = session.back_online;
        platform::on_online(move || back_online += 1);
    });
    rsx! { Router::<Route> {} }
}
