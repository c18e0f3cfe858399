//! Earlier versions of a section: who saved what, and when, newest first.

use dioxus::prelude::*;
use onsplan_shared::client::SectionScope;
use onsplan_shared::section::SectionKind;

use crate::api::{error_key, use_session};
use crate::components::form::{Loading, Notice};
use crate::components::view::ContentView;
use crate::i18n::{fill, use_i18n, K};
use crate::open_family::family_id;
use crate::schema::data_of;
use crate::{schema, Route};

#[component]
pub fn SectionHistory(kind: SectionKind) -> Element {
    let i = use_i18n();
    let session = use_session();
    let family = family_id();
    let revisions = use_resource(move || async move {
        session
            .call(move |c| async move { c.revisions(SectionScope::Shared, family, kind).await })
            .await
    });
    let (title, _) = schema::title(kind);
    let body = match &*revisions.read() {
        None => rsx! { Loading {} },
        Some(Err(err)) => rsx! { Notice { text: error_key(err), error: true } },
        Some(Ok(list)) if list.is_empty() => rsx! { p { {i.t(K::HistoryEmpty)} } },
        Some(Ok(list)) => {
            let mut list = list.clone();
            list.sort_by_key(|r| std::cmp::Reverse(r.version));
            rsx! {
                ol { class: "history",
                    for revision in list {
                        li { key: "{revision.version}",
                            h2 { {fill(i.t(K::VersionBy), &[("n", &revision.version.to_string()), ("date", &i.date(revision.saved_at)), ("name", &i.person(&revision.saved_by.name))])} }
                            ContentView { kind, data: data_of(&revision.content) }
                        }
                    }
                }
            }
        }
    };
    rsx! {
        nav { class: "crumbs", Link { to: Route::EditSection { kind }, "← " {i.t(K::Back)} } }
        h1 { {i.t(K::HistoryTitle)} ": " {i.t(title)} }
        {body}
    }
}
