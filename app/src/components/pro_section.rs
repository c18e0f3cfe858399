//! One shared section for a professional (`/hulpverlener/{family}/plan/{kind}`): its content
//! read-only, its comments, and a comment form when the family's grant allows commenting.
//! Anything the server refuses is "you cannot view this", without saying why or whether it
//! exists.

use dioxus::prelude::*;
use onsplan_shared::client::SectionScope;
use onsplan_shared::consent::GrantStatus;
use onsplan_shared::section::{CreateCommentRequest, SectionKind};
use uuid::Uuid;

use crate::api::use_session;
use crate::components::form::{Notice, TextInput};
use crate::components::frame::Loading;
use crate::components::outcome::{failure_key, run, Outcome, OutcomeNotice};
use crate::components::section::data_of;
use crate::components::view::ContentView;
use crate::i18n::{fill, use_i18n, K};
use crate::{schema, Route};

#[component]
pub fn ProSection(family: String, kind: String) -> Element {
    match (family.parse::<Uuid>(), SectionKind::parse(&kind)) {
        (Ok(family), Some(kind)) => rsx! { ProSectionPage { family, kind } },
        _ => rsx! { Notice { text: K::ProNoAccess, error: true } },
    }
}

#[component]
fn ProSectionPage(family: Uuid, kind: SectionKind) -> Element {
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
            ContentView { kind, data: data_of(&section.content) }
            Comments { family, kind }
        },
    };
    rsx! {
        nav { class: "crumbs", Link { to: Route::ProFamily { family: family.to_string() }, "← " {i.t(K::Back)} } }
        h1 { {i.t(schema::title(kind).0)} }
        {body}
    }
}

#[component]
fn Comments(family: Uuid, kind: SectionKind) -> Element {
    let i = use_i18n();
    let session = use_session();
    let reload = use_signal(|| 0u32);
    let outcome = use_signal(|| None::<Outcome>);
    let text = use_signal(String::new);
    let mut problem = use_signal(|| None::<K>);
    let comments = use_resource(move || async move {
        reload();
        session
            .call(move |c| async move { c.comments(family, kind).await })
            .await
    });
    let may_comment = use_resource(move || async move {
        session
            .call(|c| async move { c.professional_families().await })
            .await
            .ok()
            .and_then(|list| list.into_iter().find(|f| f.family_id == family))
            .is_some_and(|f| {
                f.grants.iter().any(|g| {
                    g.status == GrantStatus::Active
                        && g.can_comment
                        && g.sections.iter().any(|s| s.kind == kind && !s.private)
                })
            })
    });
    let submit = move |e: FormEvent| {
        e.prevent_default();
        let body = CreateCommentRequest {
            text: text().trim().to_string(),
        };
        if body.validate().is_err() {
            problem.set(Some(K::ErrRequired));
            return;
        }
        problem.set(None);
        let mut text = text;
        text.set(String::new());
        run(session, outcome, reload, K::Saved, move |c| {
            let body = body.clone();
            async move { c.comment(family, kind, &body).await }
        });
    };
    rsx! {
        section { class: "block", aria_labelledby: "comments-title",
            h2 { id: "comments-title", {i.t(K::ProCommentsTitle)} }
            match &*comments.read() {
                None => rsx! { Loading {} },
                Some(Err(err)) => rsx! { Notice { text: failure_key(err), error: true } },
                Some(Ok(list)) if list.is_empty() => rsx! { p { {i.t(K::NoComments)} } },
                Some(Ok(list)) => rsx! {
                    ul { class: "comments",
                        for comment in list.clone() {
                            li { key: "{comment.id}",
                                p { class: "meta", {fill(i.t(K::CommentBy), &[("name", &comment.author.name), ("date", &i.date(comment.created_at))])} }
                                p { "{comment.text}" }
                            }
                        }
                    }
                },
            }
            OutcomeNotice { outcome }
            if matches!(*may_comment.read(), Some(true)) {
                form { novalidate: true, onsubmit: submit,
                    TextInput { id: "comment", label: K::FieldComment, value: text, multiline: true, error: problem() }
                    button { class: "button primary", r#type: "submit", {i.t(K::CommentButton)} }
                }
            }
        }
    }
}
