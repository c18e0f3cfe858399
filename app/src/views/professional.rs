//! A professional's own screens: the guard in front of them, the families that linked them
//! with what each shares and until when, and one family's page with the shared sections
//! read-only, the state of their requests, and the way to ask for access. Where nothing is
//! shared, it says so plainly.

use dioxus::prelude::*;
use onsplan_shared::auth::AccountKind;
use onsplan_shared::consent::{AccessRequestStatus, GrantStatus, ProfessionalFamily};
use uuid::Uuid;

use crate::api::use_session;
use crate::components::choices::section_titles;
use crate::components::form::{Loading, Notice};
use crate::components::outcome::failure_key;
use crate::i18n::{fill, use_i18n, K};
use crate::views::read_plan::SharedSections;
use crate::{platform, Route};

/// Screens behind this need a professional's session; others are sent where they belong.
#[component]
pub fn ProOnly() -> Element {
    let session = use_session();
    let nav = use_navigator();
    let not_professional = session
        .me
        .read()
        .as_ref()
        .is_some_and(|me| me.kind != AccountKind::Professional);
    use_effect(move || {
        if (session.booting)() {
            return;
        }
        if session.client.read().is_none() {
            nav.replace(Route::Login {
                next: platform::current_path(),
            });
        } else if let Some(me) = session.me.read().as_ref() {
            if me.kind != AccountKind::Professional {
                nav.replace(crate::views::home::home_route(me));
            }
        }
    });
    if !session.logged_in() || not_professional {
        return rsx! { Loading {} };
    }
    rsx! { Outlet::<Route> {} }
}

/// The families that linked this professional, fetched fresh on every visit: a revoke or an
/// expiry shows at once.
fn use_my_families() -> Resource<Result<Vec<ProfessionalFamily>, onsplan_shared::ClientError>> {
    let session = use_session();
    use_resource(move || async move {
        session
            .call(|c| async move { c.professional_families().await })
            .await
    })
}

#[component]
pub fn ProHome() -> Element {
    let i = use_i18n();
    let families = use_my_families();
    let body = match &*families.read() {
        None => rsx! { Loading {} },
        Some(Err(err)) => rsx! { Notice { text: failure_key(err), error: true } },
        Some(Ok(list)) if list.is_empty() => rsx! { p { {i.t(K::ProNoFamilies)} } },
        Some(Ok(list)) => rsx! {
            ul { class: "cards",
                for family in list.clone() {
                    li { key: "{family.family_id}", class: "card pro-family", id: "family-{family.family_id}",
                        h2 { "{family.family_name}" }
                        ShareSummary { family: family.clone() }
                        Link { class: "button", to: Route::ProFamily { family: family.family_id }, {i.t(K::ProOpenFamily)} }
                    }
                }
            }
        },
    };
    rsx! {
        h1 { {i.t(K::ProHomeTitle)} }
        p { class: "lead", {i.t(K::ProHomeIntro)} }
        {body}
    }
}

/// What a family shares with me now and until when, what waits for the parents, and how my
/// requests stand; or, plainly, that nothing is shared.
#[component]
pub fn ShareSummary(family: ProfessionalFamily) -> Element {
    let i = use_i18n();
    let active: Vec<String> = family
        .grants
        .iter()
        .filter(|g| g.status == GrantStatus::Active)
        .map(|g| {
            fill(
                i.t(K::ProSharedUntil),
                &[
                    ("date", &i.last_day(g.valid_until)),
                    (
                        "sections",
                        &section_titles(i, g.sections.iter().map(|s| s.kind)),
                    ),
                ],
            )
        })
        .collect();
    let waiting: Vec<String> = family
        .grants
        .iter()
        .filter(|g| g.status == GrantStatus::Pending)
        .map(|g| {
            fill(
                i.t(K::ProWaiting),
                &[(
                    "sections",
                    &section_titles(i, g.sections.iter().map(|s| s.kind)),
                )],
            )
        })
        .collect();
    let requests: Vec<String> = family
        .requests
        .iter()
        .filter_map(|r| match r.status {
            AccessRequestStatus::Pending => Some(fill(
                i.t(K::ProRequestPending),
                &[("date", &i.day(r.created_at))],
            )),
            AccessRequestStatus::Declined => Some(fill(
                i.t(K::ProRequestDeclined),
                &[
                    ("date", &i.day(r.created_at)),
                    ("reason", r.decline_reason.as_deref().unwrap_or_default()),
                ],
            )),
            AccessRequestStatus::Approved => None,
        })
        .collect();
    rsx! {
        div { class: "share-summary",
            if active.is_empty() {
                p { class: "notice nothing-shared", {i.t(K::ProNothingShared)} }
            }
            for line in active {
                p { key: "{line}", class: "shared-now", "{line}" }
            }
            for line in waiting.into_iter().chain(requests) {
                p { key: "{line}", class: "meta", "{line}" }
            }
        }
    }
}

#[component]
pub fn ProFamily(family: Uuid) -> Element {
    let i = use_i18n();
    let session = use_session();
    let families = use_my_families();
    let plan = use_resource(move || async move {
        session
            .call(move |c| async move { c.plan(family).await })
            .await
    });
    let mine = match &*families.read() {
        None => return rsx! { Loading {} },
        Some(Err(err)) => return rsx! { Notice { text: failure_key(err), error: true } },
        Some(Ok(list)) => list.iter().find(|f| f.family_id == family).cloned(),
    };
    let Some(mine) = mine else {
        return rsx! { Notice { text: K::ProNoAccess, error: true } };
    };
    let shares = mine.grants.iter().any(|g| g.status == GrantStatus::Active);
    rsx! {
        nav { class: "crumbs", Link { to: Route::ProHome {}, "← " {i.t(K::ProHomeTitle)} } }
        h1 { "{mine.family_name}" }
        ShareSummary { family: mine.clone() }
        if shares {
            match &*plan.read() {
                None => rsx! { Loading {} },
                Some(Err(err)) => rsx! { Notice { text: failure_key(err), error: true } },
                Some(Ok(sections)) => rsx! { SharedSections { sections: sections.clone(), comments_in: Some(family) } },
            }
        } else {
            p { {i.t(K::ProNothingSharedNext)} }
        }
        Link { id: "ask-access", class: "button primary", to: Route::AskAccess { family }, {i.t(K::ProAskAccess)} }
    }
}
