//! Where each person starts: every member at what is due this week, above the plan; parents at
//! the plan overview with their menu; relatives at the plan they read along with;
//! professionals at their families; organisation admins at their professionals.

use dioxus::prelude::*;
use onsplan_shared::auth::{AccountKind, Me};

use crate::components::agenda::WeekAgenda;
use crate::components::parent_nav::ParentNav;
use crate::i18n::{use_i18n, K};
use crate::open_family::is_relative;
use crate::views::read_plan::ReadPlan;
use crate::Route;

/// The first screen after logging in.
pub fn home_route(me: &Me) -> Route {
    match me.kind {
        AccountKind::Professional => Route::ProHome {},
        AccountKind::OrgAdmin => Route::OrgHome {},
        _ => Route::Plan {},
    }
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
