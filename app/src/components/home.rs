//! Where each person starts and finds their way: every member at what is due this week, above
//! the plan; parents at the plan overview with a menu to
//! the network, the requests and the log; relatives at the plan they read along with;
//! professionals at their families.

use dioxus::prelude::*;
use onsplan_shared::auth::{AccountKind, Me};
use onsplan_shared::family::Role;
use uuid::Uuid;

use crate::api::use_session;
use crate::components::agenda::WeekAgenda;
use crate::components::read_plan::ReadPlan;
use crate::i18n::{use_i18n, K};
use crate::Route;

/// The first screen after logging in.
pub fn home_route(me: &Me) -> Route {
    match me.kind {
        AccountKind::Professional => Route::ProHome {},
        AccountKind::OrgAdmin => Route::OrgHome {},
        _ => Route::Plan {},
    }
}

/// The id of the family the screens behind `Authed` show.
pub fn family_id() -> Uuid {
    use_session()
        .family
        .read()
        .as_ref()
        .map(|f| f.id)
        .unwrap_or_default()
}

/// Whether the family shown is one the viewer reads along with as a relative.
pub fn is_relative() -> bool {
    use_session()
        .family
        .read()
        .as_ref()
        .is_some_and(|f| f.my_role == Role::Relative)
}

/// `/plan`: what is due this week, above the overview a parent edits or the plan a relative
/// reads along with.
#[component]
pub fn Plan() -> Element {
    if is_relative() {
        let i = use_i18n();
        return rsx! {
            WeekAgenda {}
            ReadPlan {}
            p { Link { id: "to-members", to: Route::Network {}, {i.t(K::WhoTakesPart)} } }
            p { Link { id: "to-notifications", to: Route::Notifications {}, {i.t(K::NavNotifications)} } }
        };
    }
    rsx! {
        ParentNav {}
        WeekAgenda {}
        crate::components::overview::Plan {}
    }
}

/// The parents' menu: the plan, who helps, requests, and who looked at what.
#[component]
pub fn ParentNav() -> Element {
    let i = use_i18n();
    let here = use_route::<Route>();
    let links = [
        (Route::Plan {}, K::NavPlan, "nav-plan"),
        (Route::Commitments {}, K::NavCommitments, "nav-commitments"),
        (Route::Network {}, K::NavNetwork, "nav-network"),
        (Route::Requests {}, K::NavRequests, "nav-requests"),
        (Route::AccessLog {}, K::NavLog, "nav-log"),
        (
            Route::Notifications {},
            K::NavNotifications,
            "nav-notifications",
        ),
        (Route::PrivateSections {}, K::NavPrivate, "nav-private"),
    ]
    .map(|(to, label, id)| (here == to, to, label, id));
    rsx! {
        nav { class: "tabs", aria_label: i.t(K::NavLabel),
            for (current, to, label, id) in links {
                Link {
                    key: "{id}",
                    id,
                    class: if current { "tab current" } else { "tab" },
                    aria_current: if current { "page" } else { "false" },
                    to,
                    {i.t(label)}
                    if id == "nav-requests" {
                        crate::components::requests::WaitingCount {}
                    }
                }
            }
        }
    }
}
