//! The comments on one shared section as a thread: who wrote each (with the organisation of a
//! professional) and when, and a form to react when the server says the reader may comment.
//! The server decides which comments are shown and whether the form is; the app only shows.

use dioxus::prelude::*;
use onsplan_shared::section::{CreateCommentRequest, SectionKind};
use uuid::Uuid;

use crate::api::use_session;
use crate::components::form::{Loading, Notice, TextInput};
use crate::components::outcome::{failure_key, run, Outcome, OutcomeNotice};
use crate::i18n::{fill, use_i18n, K};

/// The thread of `kind` in `family`, under the heading `title`.
#[component]
pub fn CommentThread(family: Uuid, kind: SectionKind, title: K) -> Element {
    let i = use_i18n();
    let session = use_session();
    let reload = use_signal(|| 0u32);
    let outcome = use_signal(|| None::<Outcome>);
    let text = use_signal(String::new);
    let mut problem = use_signal(|| None::<K>);
    let thread = use_resource(move || async move {
        reload();
        session
            .call(move |c| async move { c.comments(family, kind).await })
            .await
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
    let may_comment = matches!(&*thread.read(), Some(Ok(t)) if t.may_comment);
    rsx! {
        section { class: "block comments-block", aria_labelledby: "comments-title",
            h2 { id: "comments-title", {i.t(title)} }
            match &*thread.read() {
                None => rsx! { Loading {} },
                Some(Err(err)) => rsx! { Notice { text: failure_key(err), error: true } },
                Some(Ok(t)) if t.comments.is_empty() => rsx! { p { class: "no-comments", {i.t(K::NoComments)} } },
                Some(Ok(t)) => rsx! {
                    ul { class: "comments",
                        for comment in t.comments.clone() {
                            li { key: "{comment.id}",
                                p { class: "meta",
                                    match &comment.organisation {
                                        Some(org) => fill(i.t(K::CommentByOf), &[("name", &i.person(&comment.author.name)), ("organisation", org), ("date", &i.date(comment.created_at))]),
                                        None => fill(i.t(K::CommentBy), &[("name", &i.person(&comment.author.name)), ("date", &i.date(comment.created_at))]),
                                    }
                                }
                                p { class: "comment-text", "{comment.text}" }
                            }
                        }
                    }
                },
            }
            OutcomeNotice { outcome }
            if may_comment {
                form { novalidate: true, onsubmit: submit,
                    TextInput { id: "comment", label: K::FieldComment, value: text, multiline: true, error: problem() }
                    button { id: "comment-submit", class: "button primary", r#type: "submit", {i.t(K::ReactButton)} }
                }
            }
        }
    }
}
