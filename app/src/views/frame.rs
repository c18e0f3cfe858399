//! The frame around every screen (title bar, language switch, log out), the guard in front of
//! the screens that need a session, and the page for unknown addresses.

use dioxus::prelude::*;
use onsplan_shared::auth::{AccountKind, Locale};
use onsplan_shared::family::Role;

use crate::api::use_session;
use crate::components::form::Loading;
use crate::components::sent_notes::SentNotes;
use crate::i18n::{use_i18n, K};
use crate::open_family::is_relative;
use crate::outbox;
use crate::platform;
use crate::views::home::home_route;
use crate::views::read_plan::OfflinePlan;
use crate::Route;

#[component]
pub fn Frame() -> Element {
    let i = use_i18n();
    let session = use_session();
    let nav = use_navigator();
    use_effect(move || {
        if !(session.booting)() {
            platform::remove_shell();
        }
    });
    // After a move to another screen, focus goes to its heading, so a screen reader starts
    // reading there and the keyboard continues from there (not on the first page load).
    let path = use_route::<Route>().to_string();
    let mut shown = use_signal(|| path.clone());
    use_effect(use_reactive((&path,), move |(path,)| {
        if *shown.peek() != path {
            shown.set(path);
            platform::focus_heading();
        }
    }));
    // A new version waits for the next start; the app only says so, it never reloads.
    let mut new_version = use_signal(|| false);
    use_hook(move || platform::on_new_version(move || new_version.set(true)));
    let switch = move |_| {
        let other = match i.lang() {
            Locale::Nl => Locale::En,
            Locale::En => Locale::Nl,
        };
        spawn(session.remember_lang(other));
    };
    // Saves that wait on the phone for the connection go with logging out: asked first.
    let mut asking = use_signal(|| false);
    let leave = move || {
        spawn(async move {
            session.logout().await;
            nav.replace(Route::Welcome {});
        });
    };
    let logout = move |_| {
        spawn(async move {
            match session.user_id() {
                Some(user) if outbox::waits(user).await => asking.set(true),
                _ => leave(),
            }
        });
    };
    rsx! {
        a { class: "skip", href: "#content", {i.t(K::SkipToContent)} }
        header { class: "bar",
            span { class: "brand", {i.t(K::AppName)} }
            button {
                class: "button small",
                r#type: "button",
                lang: if i.lang() == Locale::Nl { "en" } else { "nl" },
                aria_label: i.t(K::SwitchLanguageLabel),
                onclick: switch,
                {i.t(K::SwitchLanguage)}
            }
            if session.logged_in() {
                button { id: "logout", class: "button small", r#type: "button", onclick: logout, {i.t(K::LogoutButton)} }
            }
        }
        main { id: "content", tabindex: "-1",
            if asking() {
                div { id: "logout-question", class: "confirm", role: "alertdialog",
                    aria_labelledby: "logout-question-text",
                    p { id: "logout-question-text", strong { {i.t(K::LogoutWaiting)} } }
                    div { class: "actions",
                        button {
                            id: "logout-stay",
                            class: "button primary",
                            r#type: "button",
                            onmounted: move |e: MountedEvent| async move {
                                let _ = e.set_focus(true).await;
                            },
                            onclick: move |_| asking.set(false),
                            {i.t(K::LogoutStay)}
                        }
                        button {
                            id: "logout-anyway",
                            class: "button",
                            r#type: "button",
                            onclick: move |_| {
                                asking.set(false);
                                leave();
                            },
                            {i.t(K::LogoutAnyway)}
                        }
                    }
                }
            }
            if new_version() {
                p { id: "new-version", class: "update-note", role: "status", {i.t(K::NewVersion)} }
            }
            if (session.booting)() {
                Loading {}
            } else if (session.offline)() && !session.logged_in() {
                OfflinePlan {}
            } else {
                if session.logged_in() {
                    SentNotes {}
                }
                // A screen opened for the first time waits here while its code arrives.
                SuspenseBoundary { fallback: |_| rsx! { Loading {} },
                    Outlet::<Route> {}
                }
            }
        }
    }
}

/// Screens behind this need a session and a family. Without a session the parent goes to the
/// login screen, which brings them back here afterwards.
#[component]
pub fn Authed() -> Element {
    let session = use_session();
    let nav = use_navigator();
    let route = use_route::<Route>();
    let creating = matches!(route, Route::CreateFamily {});
    let relative = is_relative();
    use_effect(move || {
        if !(session.booting)() && session.client.read().is_none() {
            nav.replace(Route::Login {
                next: platform::current_path(),
            });
        }
    });
    // Find the family once per session.
    use_resource(move || async move {
        if session.client.read().is_none() || session.family.read().is_some() {
            return;
        }
        // Professionals and organisation admins belong to no family: each has a home of
        // their own (the families that linked them; the organisation's professionals).
        let elsewhere = session
            .me
            .read()
            .as_ref()
            .filter(|me| me.kind != AccountKind::Person)
            .map(home_route);
        if let Some(home) = elsewhere {
            nav.replace(home);
            return;
        }
        if let Ok(list) = session.call(|c| async move { c.families().await }).await {
            let family = list
                .iter()
                .find(|f| f.my_role == Role::Parent)
                .or(list.first())
                .cloned();
            match family {
                Some(family) => session.choose_family(family),
                None => {
                    nav.replace(Route::CreateFamily {});
                }
            }
        }
    });
    if !session.logged_in() || (session.family.read().is_none() && !creating) {
        return rsx! { Loading {} };
    }
    if relative && parents_only(&route) {
        return rsx! { ParentsOnly {} };
    }
    rsx! { Outlet::<Route> {} }
}

/// The family screens only parents use; a relative who types their address is told so.
fn parents_only(route: &Route) -> bool {
    matches!(
        route,
        Route::Requests {}
            | Route::AccessLog {}
            | Route::Share { .. }
            | Route::PrivateSections {}
            | Route::PrivateSection { .. }
    )
}

/// "Dit is alleen voor ouders", with the way back to the plan.
#[component]
fn ParentsOnly() -> Element {
    let i = use_i18n();
    rsx! {
        h1 { id: "parents-only", {i.t(K::ParentsOnly)} }
        p { {i.t(K::ParentsOnlyText)} }
        p { Link { class: "button", to: Route::Plan {}, {i.t(K::BackToPlan)} } }
    }
}

#[component]
pub fn NotFound(segments: Vec<String>) -> Element {
    let i = use_i18n();
    let _ = segments;
    // Outside the frame nothing else takes the loading shell away.
    use_effect(platform::remove_shell);
    rsx! {
        main { id: "content",
            h1 { {i.t(K::NotFoundTitle)} }
            Link { class: "button", to: Route::Welcome {}, {i.t(K::Back)} }
        }
    }
}
