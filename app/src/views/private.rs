//! "Alleen ik": a parent's private sections, which no other member reads. The list says why they
//! exist and which are written; each opens in a plain editor (saved with the version it was
//! based on, unsaved text kept in memory while the parent is elsewhere and asked about before
//! leaving); a written one can be shared with a linked professional in a grant of its own.

use dioxus::prelude::*;
use onsplan_shared::client::SectionScope;
use onsplan_shared::consent::{CreateGrantRequest, GrantedSection};
use onsplan_shared::section::{SaveSectionRequest, SectionKind, Visibility};
use onsplan_shared::ClientError;
use serde_json::Value;

use crate::api::{error_field, error_key, field_problem, use_session, FieldProblem};
use crate::components::choices::SectionChoice;
use crate::components::fields::FieldEditor;
use crate::components::form::{Loading, Notice};
use crate::components::leave::{LeaveLink, LeaveQuestion};
use crate::components::outcome::{failure_key, run, Outcome, OutcomeNotice};
use crate::components::parent_nav::ParentNav;
use crate::drafts::{self, Draft, DraftKey};
use crate::i18n::{use_i18n, K};
use crate::open_family::family_id;
use crate::schema::{content_of, data_of};
use crate::{schema, Route};

#[component]
pub fn PrivateSections() -> Element {
    let i = use_i18n();
    let session = use_session();
    let family = family_id();
    let mine = use_resource(move || async move {
        session
            .call(move |c| async move { c.sections(SectionScope::Mine, family).await })
            .await
    });
    let written: Vec<SectionKind> = match &*mine.read() {
        Some(Ok(list)) => list.iter().map(|s| s.kind).collect(),
        Some(Err(err)) => return rsx! { Notice { text: failure_key(err), error: true } },
        None => return rsx! { Loading {} },
    };
    rsx! {
        ParentNav {}
        h1 { {i.t(K::PrivateTitle)} }
        p { class: "lead", {i.t(K::PrivateIntro)} }
        ul { class: "cards", id: "private-sections",
            for kind in SectionKind::ALL {
                li { key: "{kind}", class: "card",
                    Link { class: "card-link", id: "private-{kind}", to: Route::PrivateSection { kind },
                        h2 { {i.t(schema::title(kind).0)} }
                        p { class: "meta",
                            {i.t(if written.contains(&kind) { K::PrivateWritten } else { K::PrivateEmpty })}
                        }
                    }
                }
            }
        }
        SharePrivate { written }
    }
}

/// Sharing written private sections with one linked professional.
#[component]
fn SharePrivate(written: Vec<SectionKind>) -> Element {
    let i = use_i18n();
    let session = use_session();
    let family = family_id();
    let outcome = use_signal(|| None::<Outcome>);
    let reload = use_signal(|| 0u32);
    let chosen = use_signal(Vec::<SectionKind>::new);
    let mut pro = use_signal(String::new);
    let mut error = use_signal(|| None::<K>);
    let linked = use_resource(move || async move {
        session
            .call(move |c| async move { c.professionals(family).await })
            .await
    });
    let pros = match &*linked.read() {
        Some(Ok(list)) => list.clone(),
        _ => Vec::new(),
    };
    let submit = move |e: FormEvent| {
        e.prevent_default();
        let picked = chosen();
        let Ok(professional_id) = pro().parse() else {
            error.set(Some(K::PrivatePickPro));
            return;
        };
        if picked.is_empty() {
            error.set(Some(K::ErrPickSection));
            return;
        }
        error.set(None);
        let body = CreateGrantRequest {
            professional_id,
            sections: picked.into_iter().map(GrantedSection::private).collect(),
            can_comment: false,
            can_export: false,
            valid_from: None,
            valid_until: None,
        };
        run(session, outcome, reload, K::Shared, move |c| {
            let body = body.clone();
            async move { c.create_grant(family, &body).await }
        });
    };
    rsx! {
        section { class: "block", aria_labelledby: "private-share-title",
            h2 { id: "private-share-title", {i.t(K::PrivateShareTitle)} }
            p { class: "hint", {i.t(K::PrivateShareIntro)} }
            if written.is_empty() {
                p { {i.t(K::PrivateNothingWritten)} }
            } else if pros.is_empty() {
                p { {i.t(K::PrivateNoPros)} }
            } else {
                form { id: "private-share", novalidate: true, onsubmit: submit,
                    div { class: "field",
                        label { r#for: "private-pro", {i.t(K::PrivateSharePro)} }
                        select { id: "private-pro", onchange: move |e| pro.set(e.value()),
                            option { value: "", "" }
                            for p in pros {
                                option { key: "{p.id}", value: "{p.id}", "{p.name} ({p.organisation})" }
                            }
                        }
                    }
                    SectionChoice { id: "private-share-kinds", legend: i.t(K::PrivateShareWhat).to_string(), kinds: written, chosen }
                    if let Some(text) = error() {
                        Notice { text, error: true }
                    }
                    OutcomeNotice { outcome }
                    button { id: "private-share-submit", class: "button primary", r#type: "submit", {i.t(K::ShareButton)} }
                }
            }
        }
    }
}

#[component]
pub fn PrivateSection(kind: SectionKind) -> Element {
    rsx! { PrivateEditor { kind } }
}

/// Where the private editor is.
#[derive(Debug, Clone, Copy, PartialEq)]
enum State {
    Loading,
    LoadFailed(K),
    Ready,
    /// The unsaved text from earlier in this visit is back.
    Resumed,
    Saving,
    Saved,
    Failed(K),
}

/// The private editor's text and the stored version it is based on.
#[derive(Clone, Copy, PartialEq)]
struct Own {
    draft: Signal<Value>,
    base: Signal<i64>,
    stored: Signal<Value>,
}

impl Own {
    fn unsaved(&self) -> bool {
        *self.draft.read() != *self.stored.read()
    }

    /// Takes `data` as what version `version` holds.
    fn stored_as(mut self, version: i64, data: Value) {
        self.base.set(version);
        self.stored.set(data);
    }

    /// The text to keep while the parent is elsewhere, if it is not saved.
    fn unsaved_draft(&self) -> Option<Draft> {
        self.unsaved().then(|| Draft {
            data: self.draft.read().clone(),
            visibility: Visibility::Parents,
            base: *self.base.read(),
            stored: self.stored.read().clone(),
            stored_visibility: Visibility::Parents,
            brought_back: false,
        })
    }
}

#[component]
fn PrivateEditor(kind: SectionKind) -> Element {
    let i = use_i18n();
    let session = use_session();
    let family = family_id();
    let user = session
        .me
        .read()
        .as_ref()
        .map(|me| me.id)
        .unwrap_or_default();
    let key = DraftKey {
        user,
        family,
        kind,
        scope: SectionScope::Mine,
    };
    let empty = schema::new_item(schema::fields(kind), false);
    let own = Own {
        draft: use_signal(|| empty.clone()),
        base: use_signal(|| 0i64),
        stored: use_signal(|| empty),
    };
    let mut state = use_signal(|| State::Loading);
    let mut problem = use_signal(|| None::<FieldProblem>);
    use_hook(move || {
        spawn(async move {
            let found = session
                .call(move |c| async move { c.section(SectionScope::Mine, family, kind).await })
                .await;
            let mut draft = own.draft;
            match (found, drafts::find(key)) {
                (Ok(_) | Err(ClientError::Api { status: 404, .. }), Some(kept)) => {
                    own.stored_as(kept.base, kept.stored);
                    draft.set(kept.data);
                    state.set(State::Resumed);
                }
                (Ok(found), None) => {
                    let data = data_of(&found.content);
                    own.stored_as(found.version, data.clone());
                    draft.set(data);
                    state.set(State::Ready);
                }
                // Never written: start empty.
                (Err(err), None) if err.status() == Some(404) => state.set(State::Ready),
                (Err(err), _) => state.set(State::LoadFailed(error_key(&err))),
            }
        });
    });
    // Keep unsaved text in memory while the parent is elsewhere; forget it once saved.
    use_effect(move || {
        if matches!(state(), State::Loading | State::LoadFailed(_)) {
            return;
        }
        drafts::remember(key, own.unsaved_draft());
    });
    let unsaved = use_memo(move || own.unsaved());
    let leaving = use_signal(|| None::<Route>);
    let submit = move |e: FormEvent| {
        e.prevent_default();
        problem.set(None);
        let sent = own.draft.peek().clone();
        let Ok(content) = content_of(kind, &sent) else {
            return state.set(State::Failed(K::ErrInvalid));
        };
        if let Err(err) = content.validate() {
            let (field, key) = field_problem(&err);
            problem.set(Some((
                field.trim_start_matches("content.").to_string(),
                key,
            )));
            return;
        }
        state.set(State::Saving);
        let body = SaveSectionRequest {
            visibility: None,
            content,
        };
        let based_on = *own.base.peek();
        spawn(async move {
            let saved = session
                .call(move |c| {
                    let body = body.clone();
                    async move {
                        c.save_section(SectionScope::Mine, family, kind, Some(based_on), &body)
                            .await
                    }
                })
                .await;
            match saved {
                Ok(saved) => {
                    own.stored_as(saved.version, sent);
                    state.set(State::Saved);
                }
                Err(err) => {
                    if let Some((field, key)) = error_field(&err) {
                        problem.set(Some((
                            field.trim_start_matches("content.").to_string(),
                            key,
                        )));
                    }
                    state.set(State::Failed(error_key(&err)));
                }
            }
        });
    };
    let (title, about) = schema::title(kind);
    // "Opgeslagen" holds only until the next change.
    let saved = state() == State::Saved && !unsaved();
    rsx! {
        nav { class: "crumbs",
            LeaveLink { id: "back-to-private", unsaved, leaving, to: Route::PrivateSections {}, "← " {i.t(K::PrivateTitle)} }
        }
        LeaveQuestion { leaving }
        h1 { {i.t(title)} }
        p { class: "badge", {i.t(K::NavPrivate)} }
        p { class: "lead", {i.t(about)} }
        match state() {
            State::Loading => rsx! { Loading {} },
            State::LoadFailed(text) => rsx! { Notice { text, error: true } },
            current => rsx! {
                form { class: "editor", id: "private-editor", novalidate: true, onsubmit: submit,
                    if current == State::Resumed {
                        Notice { text: K::DraftResumed }
                    }
                    for field in schema::fields(kind).iter() {
                        FieldEditor { key: "{field.key()}", field, path: field.key().to_string(), draft: own.draft, problem }
                    }
                    div { class: "save-bar",
                        match current {
                            State::Saving => rsx! { Notice { text: K::Saving } },
                            State::Saved if saved => rsx! { Notice { text: K::Saved } },
                            State::Failed(text) => rsx! { Notice { text, error: true } },
                            _ => rsx! {},
                        }
                        button { id: "save", class: "button primary", r#type: "submit", disabled: current == State::Saving, {i.t(K::Save)} }
                    }
                }
            },
        }
    }
}
