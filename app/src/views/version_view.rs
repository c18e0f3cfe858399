//! One fixed version of the plan: its sections as they were, who stands behind it, "Ik sta
//! achter dit plan" / "Toch niet" for members the server lets endorse (`may_endorse`), and
//! "Vergelijk met…" to see what changed between it and another version, and for parents
//! "PDF maken" of this version. Parents can bring a section's text from the version back
//! ("Deze versie terugzetten"): the editor opens with that text on the version stored now,
//! and saving it there is a new save like any other.

use dioxus::prelude::*;
use onsplan_shared::client::SectionScope;
use onsplan_shared::section::SectionKind;
use onsplan_shared::section_content::SectionContent;
use onsplan_shared::version::{PlanVersion, VersionSummary};
use uuid::Uuid;

use crate::api::{error_key, use_session};
use crate::components::choices::ConfirmButton;
use crate::components::comparison::Comparison;
use crate::components::form::{Loading, Notice};
use crate::components::outcome::{run, OutcomeNotice};
use crate::components::pdf::MakePdf;
use crate::components::view::ContentView;
use crate::drafts::{self, Draft, DraftKey};
use crate::i18n::{fill, format_day, use_i18n, K};
use crate::open_family::{family_id, is_relative};
use crate::schema::data_of;
use crate::{schema, Route};

#[component]
pub fn VersionView(version: Uuid) -> Element {
    let id = version;
    let i = use_i18n();
    let session = use_session();
    let family = family_id();
    let reload = use_signal(|| 0_u32);
    let outcome = use_signal(|| None);
    let shown = use_resource(move || async move {
        let _ = reload();
        session
            .call(move |c| async move { c.version(family, id).await })
            .await
    });
    let body = match &*shown.read() {
        None => rsx! { Loading {} },
        Some(Err(err)) => rsx! { Notice { text: error_key(err), error: true } },
        Some(Ok(version)) => rsx! {
            Header { version: version.summary.clone() }
            OutcomeNotice { outcome }
            Backers { version: version.summary.clone(), outcome, reload }
            CompareWith { version: version.summary.clone() }
            MakePdf { version: Some(version.summary.id) }
            Sections { version: version.clone() }
        },
    };
    rsx! {
        nav { class: "crumbs", Link { to: Route::Versions {}, "← " {i.t(K::VersionsTitle)} } }
        {body}
    }
}

#[component]
fn Header(version: VersionSummary) -> Element {
    let i = use_i18n();
    let agreed = format_day(i.lang(), version.agreed_on);
    let fixed = i.date(version.fixed_at);
    rsx! {
        h1 { id: "version-heading", "{version.title}" }
        p { class: "meta", {fill(i.t(K::VersionAgreedOn), &[("date", &agreed)])} }
        p { class: "meta", {fill(i.t(K::VersionFixedBy), &[("name", &version.fixed_by.name), ("date", &fixed)])} }
    }
}

/// Who stands behind the version, and the caller's own "yes" or "not after all".
#[component]
fn Backers(
    version: VersionSummary,
    outcome: Signal<Option<crate::components::outcome::Outcome>>,
    reload: Signal<u32>,
) -> Element {
    let i = use_i18n();
    let session = use_session();
    let family = family_id();
    let id = version.id;
    let endorse = move |_| {
        run(session, outcome, reload, K::Endorsed, move |c| async move {
            c.endorse_version(family, id).await
        })
    };
    let withdraw = move |_| {
        run(
            session,
            outcome,
            reload,
            K::Withdrawn,
            move |c| async move { c.withdraw_endorsement(family, id).await },
        )
    };
    rsx! {
        section { class: "backers", id: "backers",
            h2 { {i.t(K::BackersTitle)} }
            if version.endorsements.is_empty() {
                p { {i.t(K::VersionNoBackers)} }
            } else {
                ul {
                    for backer in version.endorsements.iter() {
                        li { key: "{backer.user_id}", class: "backer",
                            {fill(i.t(K::BackerOn), &[("name", &backer.name), ("date", &i.date(backer.endorsed_at))])}
                        }
                    }
                }
            }
            if version.may_endorse && version.endorsed_by_me {
                p { {i.t(K::YouEndorse)} }
                button { id: "withdraw", class: "button", onclick: withdraw, {i.t(K::WithdrawButton)} }
            } else if version.may_endorse {
                button { id: "endorse", class: "button primary", onclick: endorse, {i.t(K::EndorseButton)} }
            }
        }
    }
}

/// "Vergelijk met…": pick another version; the comparison runs from the older to the newer.
#[component]
fn CompareWith(version: VersionSummary) -> Element {
    let i = use_i18n();
    let session = use_session();
    let family = family_id();
    let mut chosen = use_signal(String::new);
    let list = use_resource(move || async move {
        session
            .call(move |c| async move { c.versions(family).await })
            .await
    });
    let others: Vec<VersionSummary> = match &*list.read() {
        Some(Ok(list)) => list
            .versions
            .iter()
            .filter(|v| v.id != version.id)
            .cloned()
            .collect(),
        _ => Vec::new(),
    };
    if others.is_empty() {
        return rsx! {};
    }
    let other = others
        .iter()
        .find(|v| v.id.to_string() == chosen())
        .cloned();
    rsx! {
        section { class: "version-compare",
            div { class: "field",
                label { r#for: "compare-with", {i.t(K::CompareWith)} }
                select { id: "compare-with", onchange: move |e| chosen.set(e.value()),
                    option { value: "", {i.t(K::CompareChoose)} }
                    for v in others.iter() {
                        option { key: "{v.id}", value: "{v.id}", selected: chosen() == v.id.to_string(),
                            {format!("{} ({})", v.title, format_day(i.lang(), v.agreed_on))}
                        }
                    }
                }
            }
            if let Some(other) = other {
                if other.fixed_at <= version.fixed_at {
                    Comparison { key: "{other.id}", from: other.clone(), to: version.clone() }
                } else {
                    Comparison { key: "{other.id}", from: version.clone(), to: other.clone() }
                }
            }
        }
    }
}

/// The sections of the version the caller may read that hold something, in plan order.
#[component]
fn Sections(version: PlanVersion) -> Element {
    let i = use_i18n();
    let may_restore = !is_relative();
    let written: Vec<_> = version
        .sections
        .iter()
        .filter(|s| s.version > 0)
        .cloned()
        .collect();
    if written.is_empty() {
        return rsx! { p { id: "version-empty", {i.t(K::VersionNothingToRead)} } };
    }
    rsx! {
        div { class: "shared-sections",
            for section in written {
                article { key: "{section.kind}", class: "shared-section", id: "version-{section.kind}",
                    h2 { {i.t(schema::title(section.kind).0)} }
                    ContentView { kind: section.kind, data: data_of(&section.content) }
                    if may_restore {
                        RestoreSection { kind: section.kind, content: section.content.clone() }
                    }
                }
            }
        }
    }
}

/// "Deze versie terugzetten" for one section: asked first in words, then the editor opens
/// with that text on top of what is stored now; the parent saves it there (the normal save,
/// with its version check and conflict screen).
#[component]
fn RestoreSection(kind: SectionKind, content: SectionContent) -> Element {
    let i = use_i18n();
    let session = use_session();
    let nav = use_navigator();
    let family = family_id();
    let section = i.t(schema::title(kind).0);
    let restore = move |_| {
        let user = session.user_id().unwrap_or_default();
        let key = DraftKey {
            user,
            family,
            kind,
            scope: SectionScope::Shared,
        };
        drafts::remember(key, Some(Draft::brought_back(data_of(&content))));
        nav.push(Route::EditSection { kind });
    };
    rsx! {
        div { class: "restore",
            ConfirmButton {
                id: "restore-{kind}",
                label: K::RestoreVersion,
                question: fill(i.t(K::RestoreQuestion), &[("section", section)]),
                confirm: K::RestoreYes,
                on_confirm: restore,
            }
        }
    }
}
