//! The plan read-only, with content: a relative reads the `network` sections, a professional
//! the sections a grant covers. The server decides what is listed; nothing else is shown. A
//! relative's page of one section (`/plan/{kind}`) adds the family's comments on it.

use dioxus::prelude::*;
use onsplan_shared::client::SectionScope;
use onsplan_shared::section::{SectionKind, SectionResponse};
use uuid::Uuid;

use crate::api::use_session;
use crate::components::comments::CommentThread;
use crate::components::form::Notice;
use crate::components::frame::Loading;
use crate::components::home::family_id;
use crate::components::outcome::failure_key;
use crate::components::section::data_of;
use crate::components::view::ContentView;
use crate::i18n::{fill, use_i18n, K};
use crate::{schema, Route};

/// A relative's `/plan`.
#[component]
pub fn ReadPlan() -> Element {
    let i = use_i18n();
    let session = use_session();
    let family = family_id();
    let plan = use_resource(move || async move {
        session
            .call(move |c| async move { c.plan(family).await })
            .await
    });
    let name = session
        .family
        .read()
        .as_ref()
        .map(|f| f.name.clone())
        .unwrap_or_default();
    rsx! {
        h1 { {i.t(K::PlanTitle)} }
        p { class: "family-name", "{name}" }
        Link { id: "to-versions", class: "button", to: Route::Versions {}, {i.t(K::VersionsTitle)} }
        p { class: "lead", {fill(i.t(K::ReadPlanIntro), &[("family", &name)])} }
        Link { id: "nav-commitments", class: "button", to: Route::Commitments {}, {i.t(K::MyCommitments)} }
        match &*plan.read() {
            Some(Ok(sections)) if sections.is_empty() => rsx! { p { id: "nothing-shared", {i.t(K::ReadPlanEmpty)} } },
            Some(Ok(sections)) => rsx! { SharedSections { sections: sections.clone(), family_comments: true } },
            Some(Err(err)) => rsx! { Notice { text: failure_key(err), error: true } },
            None => rsx! { Loading {} },
        }
    }
}

/// Each section with its title and content. With `comments_in`, a professional's link to the
/// section's own page (with its comments) follows each; with `family_comments`, a relative's.
#[component]
pub fn SharedSections(
    sections: Vec<SectionResponse>,
    #[props(default)] comments_in: Option<Uuid>,
    #[props(default)] family_comments: bool,
) -> Element {
    let i = use_i18n();
    rsx! {
        div { class: "shared-sections",
            for section in sections {
                article { key: "{section.kind}", class: "shared-section", id: "shared-{section.kind}",
                    h2 { {i.t(schema::title(section.kind).0)} }
                    ContentView { kind: section.kind, data: data_of(&section.content) }
                    if let Some(family) = comments_in {
                        Link {
                            class: "button",
                            to: Route::ProSection { family: family.to_string(), kind: section.kind.as_str().to_string() },
                            {i.t(K::ProCommentsTitle)}
                        }
                    }
                    if family_comments {
                        Link {
                            class: "button",
                            id: "comments-{section.kind}",
                            to: Route::EditSection { kind: section.kind.as_str().to_string() },
                            {i.t(K::ToComments)}
                        }
                    }
                }
            }
        }
    }
}

/// A relative's `/plan/{kind}`: one section they may read, and the family's comments on it.
/// A section they may not read is "you cannot view this", without saying whether it exists.
#[component]
pub fn RelativeSection(kind: SectionKind) -> Element {
    let i = use_i18n();
    let session = use_session();
    let family = family_id();
    let section = use_resource(move || async move {
        session
            .call(move |c| async move { c.section(SectionScope::Shared, family, kind).await })
            .await
    });
    let body = match &*section.read() {
        None => rsx! { Loading {} },
        Some(Err(err)) if err.status() == Some(404) || err.status() == Some(403) => {
            rsx! { Notice { text: K::ProNoAccess, error: true } }
        }
        Some(Err(err)) => rsx! { Notice { text: failure_key(err), error: true } },
        Some(Ok(section)) => rsx! {
            ContentView { kind, data: data_of(&section.content) }
            CommentThread { family, kind, title: K::FamilyCommentsTitle }
        },
    };
    rsx! {
        nav { class: "crumbs", Link { to: Route::Plan {}, "← " {i.t(K::BackToPlan)} } }
        h1 { {i.t(schema::title(kind).0)} }
        {body}
    }
}
