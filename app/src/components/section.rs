//! The editor of one section: its fields, who may read it, save with the version it was based
//! on, and what happens when saving fails (the text stays, retry) or someone else saved first
//! (412: the conflict screen).

use dioxus::prelude::*;
use onsplan_shared::client::SectionScope;
use onsplan_shared::section::{SaveSectionRequest, SectionKind, SectionResponse, Visibility};
use onsplan_shared::section_content::SectionContent;
use serde_json::Value;
use uuid::Uuid;

use crate::api::{
    error_field, error_key, field_problem, use_session, FieldProblem, KeptDraft, Session,
};
use crate::components::comments::CommentThread;
use crate::components::conflict::Conflict;
use crate::components::fields::FieldEditor;
use crate::components::form::Notice;
use crate::components::frame::{Loading, NotFound};
use crate::i18n::{use_i18n, K};
use crate::{schema, Route};

/// Where the editor is.
#[derive(Debug, Clone, PartialEq)]
pub enum EditState {
    Loading,
    LoadFailed(K),
    Ready,
    Saving,
    Saved,
    /// Saving failed; the draft is kept and the parent can retry.
    SaveFailed(K),
    /// Someone else saved first: this is their version.
    Conflict(Box<SectionResponse>),
    /// Both versions were combined into the draft; the parent checks and saves.
    Merged,
    /// The draft written before the session ended is back; the parent checks and saves.
    Restored,
}

/// The `data` part of a section's content.
///
/// Both conversions go through JSON text, as the API client sends and reads it (see
/// `SectionContent`'s `Deserialize`), rather than `serde_json::Value`'s own (de)serializer: the
/// wasm then carries one copy of each content type's serde code each way, not two.
pub fn data_of(content: &SectionContent) -> Value {
    serde_json::to_string(content)
        .ok()
        .and_then(|text| serde_json::from_slice::<Value>(text.as_bytes()).ok())
        .and_then(|v| v.get("data").cloned())
        .unwrap_or(Value::Null)
}

/// The typed content of `kind` from an editor's `data`.
pub fn content_of(kind: SectionKind, data: &Value) -> serde_json::Result<SectionContent> {
    SectionContent::from_data(kind, &data.to_string())
}

/// The editor's state, as copyable signal handles.
#[derive(Clone, Copy, PartialEq)]
pub struct Editor {
    pub kind: SectionKind,
    pub draft: Signal<Value>,
    pub base: Signal<i64>,
    pub visibility: Signal<Visibility>,
    pub state: Signal<EditState>,
    pub problem: Signal<Option<FieldProblem>>,
}

impl Editor {
    fn load(mut self, response: &SectionResponse) {
        self.draft.set(data_of(&response.content));
        self.base.set(response.version);
        self.visibility.set(response.visibility);
    }

    /// Puts back what was written before the session ended, on its old version: if someone
    /// saved in between, saving brings up the conflict screen as usual.
    fn restore(mut self, kept: KeptDraft) {
        self.draft.set(kept.data);
        self.base.set(kept.base);
        self.visibility.set(kept.visibility);
    }

    /// Remembers the draft in the session when a save found the session gone.
    fn keep_if_session_ended(self, session: Session, family: Uuid) {
        if *session.expired.peek() {
            session.keep(|user| KeptDraft {
                user,
                family,
                kind: self.kind,
                data: self.draft.peek().clone(),
                base: *self.base.peek(),
                visibility: *self.visibility.peek(),
            });
        }
    }

    /// Saves the draft based on `base`; on 412 fetches the other version for the conflict
    /// screen. The draft is never touched by a failed save.
    pub async fn save(mut self, session: Session, family: Uuid) {
        self.problem.set(None);
        let content = match content_of(self.kind, &self.draft.peek()) {
            Ok(content) => content,
            Err(_) => return self.state.set(EditState::SaveFailed(K::ErrInvalid)),
        };
        if let Err(err) = content.validate() {
            let (field, key) = field_problem(&err);
            self.problem.set(Some((
                field.trim_start_matches("content.").to_string(),
                key,
            )));
            return self.state.set(EditState::Ready);
        }
        self.state.set(EditState::Saving);
        let body = SaveSectionRequest {
            visibility: Some(*self.visibility.peek()),
            content,
        };
        let (kind, base) = (self.kind, *self.base.peek());
        let saved = session
            .call(move |c| {
                let body = body.clone();
                async move {
                    c.save_section(SectionScope::Shared, family, kind, Some(base), &body)
                        .await
                }
            })
            .await;
        match saved {
            Ok(saved) => {
                self.base.set(saved.version);
                self.state.set(EditState::Saved);
            }
            Err(err) if err.status() == Some(412) => {
                let theirs = session
                    .call(
                        move |c| async move { c.section(SectionScope::Shared, family, kind).await },
                    )
                    .await;
                match theirs {
                    Ok(theirs) => self.state.set(EditState::Conflict(Box::new(theirs))),
                    Err(err) => self.state.set(EditState::SaveFailed(error_key(&err))),
                }
            }
            Err(err) => {
                self.keep_if_session_ended(session, family);
                if let Some((field, key)) = error_field(&err) {
                    self.problem.set(Some((
                        field.trim_start_matches("content.").to_string(),
                        key,
                    )));
                }
                self.state.set(EditState::SaveFailed(error_key(&err)));
            }
        }
    }
}

#[component]
pub fn EditSection(kind: String) -> Element {
    // Relatives never write: a link to an editor shows them the plan they may read, or
    // With a section it may read, the section read-only with the family's comments.
    if crate::components::home::is_relative() {
        return match SectionKind::parse(&kind) {
            Some(kind) => rsx! { crate::components::read_plan::RelativeSection { kind } },
            None => rsx! { crate::components::read_plan::ReadPlan {} },
        };
    }
    match SectionKind::parse(&kind) {
        Some(kind) => rsx! { SectionEditor { kind } },
        None => rsx! { NotFound { segments: vec![kind] } },
    }
}

#[component]
pub fn SectionEditor(kind: SectionKind) -> Element {
    let i = use_i18n();
    let session = use_session();
    let family = session
        .family
        .read()
        .as_ref()
        .map(|f| f.id)
        .unwrap_or_default();
    let editor = Editor {
        kind,
        draft: use_signal(|| schema::new_item(schema::fields(kind), false)),
        base: use_signal(|| 0),
        visibility: use_signal(|| kind.default_visibility()),
        state: use_signal(|| EditState::Loading),
        problem: use_signal(|| None),
    };
    use_hook(move || {
        spawn(async move {
            let mut state = editor.state;
            match session
                .call(move |c| async move { c.section(SectionScope::Shared, family, kind).await })
                .await
            {
                Ok(response) => match session.take_kept(family, kind) {
                    Some(kept) => {
                        editor.restore(kept);
                        state.set(EditState::Restored);
                    }
                    None => {
                        editor.load(&response);
                        state.set(EditState::Ready);
                    }
                },
                Err(err) => state.set(EditState::LoadFailed(error_key(&err))),
            }
        })
    });
    let (title, about) = schema::title(kind);
    let state = (editor.state)();
    let body = match state.clone() {
        EditState::Loading => rsx! { Loading {} },
        EditState::LoadFailed(text) => rsx! { Notice { text, error: true } },
        EditState::Conflict(theirs) => rsx! { Conflict { editor, theirs: *theirs, family } },
        _ => rsx! {
            EditorForm { editor, family }
            CommentThread { family, kind, title: K::FamilyCommentsTitle }
        },
    };
    rsx! {
        nav { class: "crumbs", Link { to: Route::Plan {}, "← " {i.t(K::BackToPlan)} } }
        h1 { {i.t(title)} }
        p { class: "lead", {i.t(about)} }
        {body}
    }
}

#[component]
fn EditorForm(editor: Editor, family: Uuid) -> Element {
    let i = use_i18n();
    let session = use_session();
    let state = (editor.state)();
    let submit = move |e: FormEvent| {
        e.prevent_default();
        spawn(editor.save(session, family));
    };
    let retry = move |_| {
        spawn(editor.save(session, family));
    };
    let mut visibility = editor.visibility;
    let kind = editor.kind;
    rsx! {
        form { class: "editor", novalidate: true, onsubmit: submit,
            if state == EditState::Merged {
                Notice { text: K::MergedCheck }
            }
            if state == EditState::Restored {
                Notice { text: K::DraftRestored }
            }
            for field in schema::fields(editor.kind).iter() {
                FieldEditor { key: "{field.key()}", field, path: field.key().to_string(), draft: editor.draft, problem: editor.problem }
            }
            fieldset { class: "visibility",
                legend { {i.t(K::WhoMaySee)} }
                for (choice, label, explain) in [(Visibility::Parents, K::VisibleToParents, K::VisParentsExplain), (Visibility::Network, K::VisibleToNetwork, K::VisNetworkExplain)] {
                    div { key: "{choice.as_str()}", class: "field check",
                        input {
                            id: "vis-{choice.as_str()}", r#type: "radio", name: "visibility",
                            checked: visibility() == choice,
                            aria_describedby: "vis-{choice.as_str()}-explain",
                            onchange: move |_| visibility.set(choice),
                        }
                        label { r#for: "vis-{choice.as_str()}", {i.t(label)} }
                        p { id: "vis-{choice.as_str()}-explain", class: "hint", {i.t(explain)} }
                    }
                }
            }
            div { class: "save-bar",
                match state {
                    EditState::Saving => rsx! { Notice { text: K::Saving } },
                    EditState::Saved => rsx! { Notice { text: K::Saved } },
                    EditState::SaveFailed(text) => rsx! {
                        Notice { text: K::SaveFailed, error: true }
                        if text != K::SaveFailed {
                            p { class: "hint", {i.t(text)} }
                        }
                        button { id: "retry", class: "button", r#type: "button", onclick: retry, {i.t(K::Retry)} }
                    },
                    _ => rsx! {},
                }
                button { id: "save", class: "button primary", r#type: "submit", disabled: (editor.state)() == EditState::Saving, {i.t(K::Save)} }
            }
        }
        p { Link { class: "button", to: Route::SectionHistory { kind: kind.as_str().to_string() }, {i.t(K::History)} } }
    }
}
