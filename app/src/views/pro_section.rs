//! One shared section for a professional (`/hulpverlener/{family}/plan/{kind}`): its content
//! read-only, and the professional's own thread with the family (a form when the server says
//! the grant allows commenting).
//! Anything the server refuses is "you cannot view this", without saying why or whether it
//! exists.

use dioxus::prelude::*;
use onsplan_shared::client::SectionScope;
use onsplan_shared::section::SectionKind;
use uuid::Uuid;

use crate::api::use_session;
use crate::components::comments::CommentThread;
use crate::components::form::{Loading, Notice};
use crate::components::outcome::failure_key;
use crate::i18n::{use_i18n, K};
use crate::views::read_plan::SectionBody;
use crate::{schema, Route};

#[component]
pub fn ProSection(family: Uuid, kind: SectionKind) -> Element {
    let i = use_i18n();
    let session = use_session();
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
            SectionBody { kind, content: section.content.clone(), names: Vec::new() }
            CommentThread { family, kind, title: K::ProCommentsTitle }
        },
    };
    rsx! {
        nav { class: "crumbs", Link { to: Route::ProFamily { family }, "← " {i.t(K::Back)} } }
        h1 { {i.t(schema::title(kind).0)} }
        {body}
    }
}
