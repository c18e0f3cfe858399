//! The plan overview: every section as a card with what it is about, the gist of what is
//! written in it, who may read it, and when it was last changed and by whom; for parents,
//! "PDF maken" of the plan as it is now.

use dioxus::prelude::*;
use onsplan_shared::section::{SectionKind, SectionResponse, SectionSummary, Visibility};

use crate::api::{error_key, use_session};
use crate::components::form::{Loading, Notice};
use crate::components::pdf::MakePdf;
use crate::i18n::{fill, use_i18n, K};
use crate::open_family::family_name;
use crate::{gist, platform, schema, Route};

#[component]
pub fn Plan() -> Element {
    let i = use_i18n();
    let session = use_session();
    let sections = use_resource(move || async move {
        (session.back_online)();
        let family = session.family.read().as_ref().map(|f| f.id);
        let family = family?;
        // Use the list fetched during boot once; later visits fetch it fresh.
        let early = session.prefetched.read().clone();
        let mut used = session.prefetch_used;
        if let Some((_, list)) = early.filter(|(id, _)| *id == family && !*used.peek()) {
            used.set(true);
            return Some(Ok(list));
        }
        Some(
            session
                .call(move |c| async move { c.plan(family).await })
                .await,
        )
    });
    let family_name = family_name();
    let result = sections.read();
    let body = match &*result {
        Some(Some(Ok(list))) => {
            platform::mark("onsplan-plan-painted");
            let gists = list
                .iter()
                .filter_map(|s| Some((s.kind, gist::gist(i.lang(), &s.content)?)))
                .collect();
            rsx! { PlanCards { sections: list.iter().map(summary_of).collect(), gists } }
        }
        Some(Some(Err(err))) => rsx! { Notice { text: error_key(err), error: true } },
        _ => rsx! { Loading {} },
    };
    rsx! {
        h1 { {i.t(K::PlanTitle)} }
        p { class: "family-name", "{family_name}" }
        Link { id: "to-versions", class: "button", to: Route::Versions {}, {i.t(K::VersionsTitle)} }
        Link { id: "to-reading", class: "button", to: Route::WholePlan {}, {i.t(K::ReadLink)} }
        {body}
        MakePdf { version: None }
    }
}

fn summary_of(section: &SectionResponse) -> SectionSummary {
    SectionSummary {
        kind: section.kind,
        visibility: section.visibility,
        version: section.version,
        updated_at: section.updated_at,
        updated_by: section.updated_by.clone(),
    }
}

/// The cards, in the plan's order; kinds the server did not list are shown empty. `gists`
/// holds the one-line gist of each section that has content.
#[component]
pub fn PlanCards(
    sections: Vec<SectionSummary>,
    #[props(default)] gists: Vec<(SectionKind, String)>,
) -> Element {
    rsx! {
        ul { class: "cards",
            for kind in SectionKind::ALL {
                SectionCard {
                    key: "{kind}",
                    kind,
                    summary: sections.iter().find(|s| s.kind == kind).cloned(),
                    gist: gists.iter().find(|(k, _)| *k == kind).map(|(_, g)| g.clone()),
                }
            }
        }
    }
}

pub fn visibility_key(visibility: Visibility) -> K {
    match visibility {
        Visibility::Parents => K::VisibleToParents,
        Visibility::Network => K::VisibleToNetwork,
        Visibility::OnlyMe => K::VisibleToMe,
    }
}

#[component]
pub fn SectionCard(
    kind: SectionKind,
    summary: Option<SectionSummary>,
    #[props(default)] gist: Option<String>,
) -> Element {
    let i = use_i18n();
    let (title, about) = schema::title(kind);
    let visibility = summary
        .as_ref()
        .map_or(kind.default_visibility(), |s| s.visibility);
    let changed = match summary
        .as_ref()
        .and_then(|s| Some((s.updated_at?, s.updated_by.clone()?)))
    {
        Some((at, by)) => fill(
            i.t(K::ChangedOnBy),
            &[("date", &i.date(at)), ("name", &by.name)],
        ),
        None => i.t(K::NeverChanged).to_string(),
    };
    rsx! {
        li { class: "card", id: "card-{kind}",
            Link { class: "card-link", to: Route::EditSection { kind },
                h2 { {i.t(title)} }
                if let Some(gist) = gist {
                    p { class: "gist", "{gist}" }
                } else {
                    p { class: "about", {i.t(about)} }
                }
                p { class: "meta",
                    span { class: "badge", {i.t(visibility_key(visibility))} }
                    " "
                    span { class: "changed", "{changed}" }
                }
            }
        }
    }
}
