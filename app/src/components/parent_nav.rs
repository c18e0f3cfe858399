//! The parents' menu: the plan, agreements, who helps, requests, the log, emails and what is
//! only theirs.

use dioxus::prelude::*;

use crate::i18n::{use_i18n, K};
use crate::Route;

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
                        crate::views::requests::WaitingCount {}
                    }
                }
            }
        }
    }
}
