//! The plan read-only, with content, in sentences ([`crate::words`]): every member's "Het
//! hele plan" (`/plan/lezen`, printable, with the goals' steps over time), a relative's
//! `/plan`, and a professional's shared sections. The server decides what is listed; nothing
//! else is shown. A relative's page of one section (`/plan/{kind}`) adds the family's
//! comments on it.

use chrono::{DateTime, Utc};
use dioxus::prelude::*;
use onsplan_shared::client::SectionScope;
use onsplan_shared::section::{Revision, SectionKind, SectionResponse};
use onsplan_shared::section_content::SectionContent;
use uuid::Uuid;

use crate::api::use_session;
use crate::components::comments::CommentThread;
use crate::components::form::{Loading, Notice};
use crate::components::outcome::failure_key;
use crate::components::own_device::OwnDevice;
use crate::components::reading::{
    blocks_of, today, use_family, Loaded, Names, ReadAloud, SectionText,
};
use crate::i18n::{fill, format_moment, use_i18n, K};
use crate::open_family::family_id;
use crate::open_family::family_name;
use crate::words::{self, Say};
use crate::{aloud, device, platform, schema, Route};

/// `/plan/lezen`: the whole plan the viewer may read, as sentences, to read, hear and print;
/// without a connection, the plan kept on the person's own phone, with when it was read.
#[component]
pub fn WholePlan() -> Element {
    let i = use_i18n();
    let mut loaded = use_family(true, true, true);
    let name = family_name();
    let body = match &*loaded.read() {
        None => rsx! { Loading {} },
        Some(Loaded { plan: Err(err), .. }) => {
            rsx! { Notice { text: failure_key(err), error: true } }
        }
        Some(Loaded {
            plan: Ok(sections),
            names,
            goal_saves,
            offline_since,
        }) => rsx! {
            if let Some(at) = *offline_since {
                OfflineNote { at }
            }
            PlanInSentences { sections: sections.clone(), names: names.clone(), goal_saves: goal_saves.clone() }
        },
    };
    rsx! {
        nav { class: "crumbs no-print", Link { to: Route::Plan {}, "← " {i.t(K::BackToPlan)} } }
        h1 { {i.t(K::ReadTitle)} }
        p { class: "family-name", "{name}" }
        p { class: "lead no-print", {i.t(K::ReadIntro)} }
        {body}
        OwnDevice { on_own: move |_| loaded.restart() }
    }
}

/// The page when it started without a connection: the plan kept on this phone, if any.
#[component]
pub fn OfflinePlan() -> Element {
    let i = use_i18n();
    let kept = use_resource(|| device::kept(None));
    let plan = kept.read().clone();
    match plan {
        None => rsx! { Loading {} },
        Some(None) => rsx! {
            h1 { {i.t(K::OfflineTitle)} }
            p { id: "offline-nothing", {i.t(K::OfflineNothing)} }
            button { class: "button primary", r#type: "button", onclick: |_| platform::reload(), {i.t(K::TryAgain)} }
        },
        Some(Some(plan)) => rsx! {
            h1 { {i.t(K::ReadTitle)} }
            p { class: "family-name", "{plan.family_name}" }
            OfflineNote { at: plan.at }
            PlanInSentences { sections: plan.sections, names: plan.names, goal_saves: plan.goal_saves }
        },
    }
}

/// "Je bent offline — je ziet het plan van 30 november om 14:05", with a way to try again.
#[component]
fn OfflineNote(at: DateTime<Utc>) -> Element {
    let i = use_i18n();
    let moment = format_moment(i.lang(), at, Utc::now());
    rsx! {
        div { id: "offline-note", class: "notice no-print", role: "status",
            p { {fill(i.t(K::OfflineSeen), &[("moment", &moment)])} }
            button { id: "offline-retry", class: "button small", r#type: "button", onclick: |_| platform::reload(), {i.t(K::TryAgain)} }
        }
    }
}

/// The plan's sections as sentences, each under its title, the goals with their steps over
/// time, and which sections are still empty.
#[component]
fn PlanInSentences(
    sections: Vec<SectionResponse>,
    names: Names,
    goal_saves: Vec<Revision>,
) -> Element {
    let i = use_i18n();
    let saves: Vec<_> = goal_saves
        .iter()
        .map(|r| (r.version, r.saved_at.date_naive(), &r.content))
        .collect();
    let name_of = |_: Uuid| None::<String>;
    let say = Say {
        lang: i.lang(),
        today: today(),
        name_of: &name_of,
    };
    let history = sections
        .iter()
        .find(|s| s.kind == SectionKind::Goals)
        .map(|s| words::scale_history(&say, &saves, &s.content))
        .unwrap_or_default();
    let read: Vec<_> = sections
        .iter()
        .map(|s| (s.kind, blocks_of(i.lang(), &s.content, &names)))
        .collect();
    let empty: Vec<SectionKind> = read
        .iter()
        .filter(|(_, b)| b.is_empty())
        .map(|(k, _)| *k)
        .collect();
    let written = read.len() - empty.len();
    let all: Vec<String> = read
        .iter()
        .filter(|(_, b)| !b.is_empty())
        .map(|(kind, blocks)| words::spoken(i.t(schema::title(*kind).0), blocks))
        .collect();
    let all = all.join(".\n");
    rsx! {
        div { class: "actions no-print",
            if !all.is_empty() {
                ReadAloud { text: all }
            }
            button { id: "print", class: "button", r#type: "button", onclick: |_| aloud::print(), {i.t(K::PrintButton)} }
        }
        if written == 0 {
            p { id: "nothing-yet", {i.t(K::ReadNothing)} }
        }
        for (kind, blocks) in read.into_iter().filter(|(_, b)| !b.is_empty()) {
            article { key: "{kind}", class: "shared-section", id: "read-{kind}",
                h2 { {i.t(schema::title(kind).0)} }
                SectionText { blocks, history: if kind == SectionKind::Goals { history.clone() } else { Vec::new() } }
            }
        }
        if !empty.is_empty() && written > 0 {
            p { id: "not-yet", class: "hint",
                {fill(i.t(K::ReadNotYet), &[("sections", &crate::components::choices::section_titles(i, empty))])}
            }
        }
    }
}

/// A relative's `/plan`.
#[component]
pub fn ReadPlan() -> Element {
    let i = use_i18n();
    let mut loaded = use_family(true, true, false);
    let name = family_name();
    let offline_since = loaded.read().as_ref().and_then(|l| l.offline_since);
    rsx! {
        h1 { {i.t(K::PlanTitle)} }
        p { class: "family-name", "{name}" }
        Link { id: "to-versions", class: "button", to: Route::Versions {}, {i.t(K::VersionsTitle)} }
        Link { id: "to-reading", class: "button", to: Route::WholePlan {}, {i.t(K::ReadLink)} }
        p { class: "lead", {fill(i.t(K::ReadPlanIntro), &[("family", &name)])} }
        Link { id: "nav-commitments", class: "button", to: Route::Commitments {}, {i.t(K::MyCommitments)} }
        match &*loaded.read() {
            Some(Loaded { plan: Ok(sections), .. }) if sections.is_empty() => rsx! { p { id: "nothing-shared", {i.t(K::ReadPlanEmpty)} } },
            Some(Loaded { plan: Ok(sections), names, .. }) => rsx! { SharedSections { sections: sections.clone(), names: names.clone(), family_comments: true } },
            Some(Loaded { plan: Err(err), .. }) => rsx! { Notice { text: failure_key(err), error: true } },
            None => rsx! { Loading {} },
        }
        if let Some(at) = offline_since {
            OfflineNote { at }
        }
        OwnDevice { on_own: move |_| loaded.restart() }
    }
}

/// Each section with its title and content, in sentences (`names`: the members, to say who
/// does an agreement). With `comments_in`, a professional's link to the
/// section's own page (with its comments) follows each; with `family_comments`, a relative's.
#[component]
pub fn SharedSections(
    sections: Vec<SectionResponse>,
    #[props(default)] comments_in: Option<Uuid>,
    #[props(default)] family_comments: bool,
    #[props(default)] names: Names,
) -> Element {
    let i = use_i18n();
    rsx! {
        div { class: "shared-sections",
            for section in sections {
                article { key: "{section.kind}", class: "shared-section", id: "shared-{section.kind}",
                    h2 { {i.t(schema::title(section.kind).0)} }
                    SectionBody { kind: section.kind, content: section.content, names: names.clone() }
                    if let Some(family) = comments_in {
                        Link {
                            class: "button",
                            to: Route::ProSection { family, kind: section.kind },
                            {i.t(K::ProCommentsTitle)}
                        }
                    }
                    if family_comments {
                        Link {
                            class: "button",
                            id: "comments-{section.kind}",
                            to: Route::EditSection { kind: section.kind },
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
    let loaded = use_family(false, true, false);
    let names = loaded
        .read()
        .as_ref()
        .map(|l| l.names.clone())
        .unwrap_or_default();
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
            SectionBody { kind, content: section.content.clone(), names: names.clone() }
            CommentThread { family, kind, title: K::FamilyCommentsTitle }
        },
    };
    rsx! {
        nav { class: "crumbs", Link { to: Route::Plan {}, "← " {i.t(K::BackToPlan)} } }
        h1 { {i.t(schema::title(kind).0)} }
        {body}
    }
}

/// One section in sentences with its "Lees voor", or a plain "nothing written yet".
#[component]
pub fn SectionBody(kind: SectionKind, content: SectionContent, names: Names) -> Element {
    let i = use_i18n();
    let blocks = blocks_of(i.lang(), &content, &names);
    if blocks.is_empty() {
        return rsx! { p { class: "hint", {i.t(K::NeverChanged)} } };
    }
    let text = words::spoken(i.t(schema::title(kind).0), &blocks);
    rsx! {
        ReadAloud { text }
        SectionText { blocks }
    }
}
