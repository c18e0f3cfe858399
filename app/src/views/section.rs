//! The editor of one section: its fields, who may read it (asked in words at the first save),
//! save with the version it was based on, and what happens when saving fails (the text stays,
//! retry) or someone else saved first (412: the conflict screen). What is typed and not saved
//! stays in memory while the parent moves around the app ([`crate::drafts`]), and leaving the
//! editor with unsaved text is asked first.

use dioxus::prelude::*;
use onsplan_shared::client::SectionScope;
use onsplan_shared::section::{SaveSectionRequest, SectionKind, SectionResponse, Visibility};
use onsplan_shared::ClientError;
use serde_json::Value;
use uuid::Uuid;

use crate::api::{
    error_field, error_key, field_problem, use_session, FieldProblem, KeptDraft, Session,
};
use crate::components::comments::CommentThread;
use crate::components::conflict::Conflict;
use crate::components::fields::FieldEditor;
use crate::components::form::{Loading, Notice};
use crate::components::leave::{LeaveLink, LeaveQuestion};
use crate::device;
use crate::drafts::{self, Draft, DraftKey};
use crate::i18n::{use_i18n, K};
use crate::open_family::family_id;
use crate::outbox::{self, Sent, Waiting};
use crate::schema::{self, content_of, data_of};
use crate::Route;

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
    /// The unsaved draft from earlier in this visit is back.
    Resumed,
    /// A section's text from an earlier version of the plan is in the draft; saving brings it
    /// back.
    BroughtBack,
    /// Saved without a connection on the person's own phone: it waits there to be sent.
    Queued,
}

/// The editor's state, as copyable signal handles.
#[derive(Clone, Copy, PartialEq)]
pub struct Editor {
    /// Whose editor it is (what waits on the phone is per person).
    pub user: Uuid,
    pub kind: SectionKind,
    pub draft: Signal<Value>,
    pub base: Signal<i64>,
    pub visibility: Signal<Visibility>,
    pub state: Signal<EditState>,
    pub problem: Signal<Option<FieldProblem>>,
    /// What version `base` holds, to tell whether the draft has unsaved changes.
    pub stored: Signal<Value>,
    pub stored_visibility: Signal<Visibility>,
}

impl Editor {
    fn load(mut self, response: &SectionResponse) {
        let data = data_of(&response.content);
        self.stored.set(data.clone());
        self.stored_visibility.set(response.visibility);
        self.draft.set(data);
        self.base.set(response.version);
        self.visibility.set(response.visibility);
    }

    /// Takes `data` (with `visibility`) as what version `version` holds: saved, or chosen.
    pub fn stored_as(mut self, version: i64, data: Value, visibility: Visibility) {
        self.base.set(version);
        self.stored.set(data);
        self.stored_visibility.set(visibility);
    }

    /// Whether the draft differs from the version it is based on.
    pub fn unsaved(&self) -> bool {
        *self.draft.read() != *self.stored.read()
            || *self.visibility.read() != *self.stored_visibility.read()
    }

    /// Whether the section was never saved: its first save asks who may read it.
    pub fn first_save(&self) -> bool {
        (self.base)() == 0
    }

    /// Puts back the unsaved draft from earlier in this visit.
    fn resume(mut self, draft: Draft) {
        self.draft.set(draft.data);
        self.visibility.set(draft.visibility);
        self.stored_as(draft.base, draft.stored, draft.stored_visibility);
    }

    /// The draft to keep while the parent is elsewhere, if it holds unsaved changes.
    fn unsaved_draft(&self) -> Option<Draft> {
        self.unsaved().then(|| Draft {
            data: self.draft.read().clone(),
            visibility: (self.visibility)(),
            base: (self.base)(),
            stored: self.stored.read().clone(),
            stored_visibility: (self.stored_visibility)(),
            brought_back: false,
        })
    }

    /// Puts back what was written before the session ended, on its old version: if someone
    /// saved in between, saving brings up the conflict screen as usual.
    fn restore(mut self, kept: KeptDraft) {
        self.draft.set(kept.data);
        self.base.set(kept.base);
        self.visibility.set(kept.visibility);
    }

    /// Opens on a save made offline and refused when sent: `current` is the section as stored
    /// now. Someone saved after it was written: the merge screen with both texts; else the
    /// text is back to be saved again.
    fn take_back(mut self, save: Waiting, current: SectionResponse) {
        self.load(&current);
        self.draft.set(save.data);
        self.visibility.set(save.visibility);
        if save.base < current.version {
            self.base.set(save.base);
            self.state.set(EditState::Conflict(Box::new(current)));
        } else {
            self.state.set(EditState::Restored);
        }
    }

    /// What happened to this editor's save that waited on the phone, now it was sent.
    async fn hear(mut self, session: Session, family: Uuid, sent: Sent) {
        match sent {
            Sent::Saved { save, version } => {
                let still_same = *self.draft.peek() == save.data;
                self.stored_as(version, save.data, save.visibility);
                if still_same || *self.state.peek() == EditState::Queued {
                    self.state.set(EditState::Saved);
                }
            }
            Sent::Back { save } => {
                let kind = self.kind;
                let current = session
                    .call(
                        move |c| async move { c.section(SectionScope::Shared, family, kind).await },
                    )
                    .await;
                match current {
                    Ok(current) => self.take_back(save, current),
                    Err(err) => self.state.set(EditState::SaveFailed(error_key(&err))),
                }
            }
        }
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
        let (sent, sent_visibility) = (self.draft.peek().clone(), *self.visibility.peek());
        let body = SaveSectionRequest {
            visibility: Some(sent_visibility),
            content,
        };
        let (kind, base) = (self.kind, *self.base.peek());
        let saved = session.save_shared(family, kind, base, body).await;
        match saved {
            Ok(saved) => {
                // First: the screen that started this save may go away with the new state.
                outbox::forget(self.user, family, kind).await;
                self.stored_as(saved.version, sent, sent_visibility);
                plan_changed(session);
                self.state.set(EditState::Saved);
            }
            // Without a connection on the person's own phone the save waits there.
            Err(err @ ClientError::Transport(_)) if device::is_own() => {
                let waiting = Waiting {
                    user: self.user,
                    family,
                    kind,
                    base,
                    data: sent,
                    visibility: sent_visibility,
                    back: false,
                };
                if outbox::keep(waiting).await {
                    self.state.set(EditState::Queued);
                } else {
                    self.state.set(EditState::SaveFailed(error_key(&err)));
                }
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

/// After a save the overview must not show the list fetched when the app started.
pub fn plan_changed(session: Session) {
    let (mut prefetched, mut used) = (session.prefetched, session.prefetch_used);
    used.set(true);
    prefetched.set(None);
}

#[component]
pub fn EditSection(kind: SectionKind) -> Element {
    // Relatives never write: a link to an editor shows them the section read-only with the
    // family's comments (or that they may not read it).
    if crate::open_family::is_relative() {
        return rsx! { crate::views::read_plan::RelativeSection { kind } };
    }
    rsx! { SectionEditor { kind } }
}

#[component]
pub fn SectionEditor(kind: SectionKind) -> Element {
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
        scope: SectionScope::Shared,
    };
    let empty = schema::new_item(schema::fields(kind), false);
    let editor = Editor {
        user,
        kind,
        draft: use_signal(|| empty.clone()),
        base: use_signal(|| 0),
        visibility: use_signal(|| kind.default_visibility()),
        state: use_signal(|| EditState::Loading),
        problem: use_signal(|| None),
        stored: use_signal(|| empty),
        stored_visibility: use_signal(|| kind.default_visibility()),
    };
    use_hook(move || {
        spawn(async move {
            let mut state = editor.state;
            let refused = outbox::refused(user, family, kind).await;
            match session
                .call(move |c| async move { c.section(SectionScope::Shared, family, kind).await })
                .await
            {
                // A save made offline here was refused when sent: the editor opens on it, and
                // the note about it is done with.
                Ok(response) if refused.is_some() => {
                    let mut sent = session.sent;
                    sent.with_mut(|list| list.retain(|s| !s.save().is_of(user, family, kind)));
                    if let Some(save) = refused {
                        editor.take_back(save, response);
                    }
                }
                Ok(response) => match (session.take_kept(family, kind), drafts::find(key)) {
                    (Some(kept), _) => {
                        editor.load(&response);
                        editor.restore(kept);
                        state.set(EditState::Restored);
                    }
                    (None, Some(draft)) if draft.brought_back => {
                        editor.load(&response);
                        let mut text = editor.draft;
                        text.set(draft.data);
                        state.set(EditState::BroughtBack);
                    }
                    (None, Some(draft)) => {
                        editor.resume(draft);
                        state.set(EditState::Resumed);
                    }
                    (None, None) => {
                        editor.load(&response);
                        state.set(EditState::Ready);
                    }
                },
                Err(err) => state.set(EditState::LoadFailed(error_key(&err))),
            }
        })
    });
    // A save that waited on the phone was sent: this editor hears how it went.
    use_effect(move || {
        let mine: Vec<Sent> = (session.sent)()
            .into_iter()
            .filter(|sent| sent.save().is_of(user, family, kind))
            .collect();
        if mine.is_empty() || *editor.state.peek() == EditState::Loading {
            return;
        }
        let mut all = session.sent;
        all.with_mut(|list| list.retain(|sent| !mine.contains(sent)));
        for sent in mine {
            spawn(editor.hear(session, family, sent));
        }
    });
    // Keep unsaved text in memory while the parent is elsewhere; forget it once saved.
    use_effect(move || {
        if matches!(
            (editor.state)(),
            EditState::Loading | EditState::LoadFailed(_)
        ) {
            return;
        }
        drafts::remember(key, editor.unsaved_draft());
    });
    let leaving = use_signal(|| None::<Route>);
    let unsaved = use_memo(move || editor.unsaved());
    let (title, about) = schema::title(kind);
    let state = (editor.state)();
    let body = match state.clone() {
        EditState::Loading => rsx! { Loading {} },
        EditState::LoadFailed(text) => rsx! { Notice { text, error: true } },
        EditState::Conflict(theirs) => rsx! { Conflict { editor, theirs: *theirs, family } },
        _ => rsx! {
            EditorForm { editor, family, leaving, unsaved }
            CommentThread { family, kind, title: K::FamilyCommentsTitle }
        },
    };
    rsx! {
        nav { class: "crumbs",
            LeaveLink { id: "back-to-plan", unsaved, leaving, to: Route::Plan {}, "← " {i.t(K::BackToPlan)} }
        }
        LeaveQuestion { leaving }
        h1 { {i.t(title)} }
        p { class: "lead", {i.t(about)} }
        {body}
    }
}

#[component]
fn EditorForm(
    editor: Editor,
    family: Uuid,
    leaving: Signal<Option<Route>>,
    unsaved: Memo<bool>,
) -> Element {
    let i = use_i18n();
    let session = use_session();
    let state = (editor.state)();
    let first = editor.first_save();
    let mut asking_who = use_signal(|| false);
    let submit = move |e: FormEvent| {
        e.prevent_default();
        if editor.first_save() && !asking_who() {
            asking_who.set(true);
            return;
        }
        asking_who.set(false);
        spawn(editor.save(session, family));
    };
    let retry = move |_| {
        spawn(editor.save(session, family));
    };
    let kind = editor.kind;
    // "Opgeslagen" holds only until the next change.
    let saved = state == EditState::Saved && !editor.unsaved();
    rsx! {
        form { class: "editor", novalidate: true, onsubmit: submit, "data-first-save": "{first}",
            if state == EditState::Merged {
                Notice { text: K::MergedCheck }
            }
            if state == EditState::Restored {
                Notice { text: K::DraftRestored }
            }
            if state == EditState::Resumed {
                Notice { text: K::DraftResumed }
            }
            if state == EditState::BroughtBack {
                Notice { text: K::VersionBroughtBack }
            }
            for field in schema::fields(editor.kind).iter() {
                FieldEditor { key: "{field.key()}", field, path: field.key().to_string(), draft: editor.draft, problem: editor.problem }
            }
            if !first {
                VisibilityChoice { visibility: editor.visibility, legend: K::WhoMaySee, id: "vis" }
            } else if asking_who() {
                div { id: "first-save", class: "confirm", role: "group", aria_labelledby: "first-save-intro",
                    p { id: "first-save-intro", {i.t(K::FirstSaveIntro)} }
                    VisibilityChoice { visibility: editor.visibility, legend: K::WhoMaySee, id: "first-vis" }
                    div { class: "actions",
                        button { id: "first-save-yes", class: "button primary", r#type: "submit", {i.t(K::Save)} }
                        button { id: "first-save-no", class: "button", r#type: "button", onclick: move |_| asking_who.set(false), {i.t(K::FirstSaveNotYet)} }
                    }
                }
            }
            if !asking_who() {
                div { class: "save-bar",
                    match state {
                        EditState::Saving => rsx! { Notice { text: K::Saving } },
                        EditState::Saved if saved => rsx! { Notice { text: K::Saved } },
                        EditState::Queued => rsx! { Notice { text: K::SavedOnDevice } },
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
        }
        p {
            LeaveLink { id: "to-history", class: "button", unsaved, leaving, to: Route::SectionHistory { kind }, {i.t(K::History)} }
        }
    }
}

/// Who may read the section, each choice with an example of who that is.
#[component]
fn VisibilityChoice(visibility: Signal<Visibility>, legend: K, id: String) -> Element {
    let i = use_i18n();
    let mut visibility = visibility;
    rsx! {
        fieldset { class: "visibility",
            legend { {i.t(legend)} }
            for (choice, label, explain) in [(Visibility::Network, K::WhoEveryone, K::WhoEveryoneExample), (Visibility::Parents, K::VisibleToParents, K::WhoParentsExample)] {
                div { key: "{choice.as_str()}", class: "field check",
                    input {
                        id: "{id}-{choice.as_str()}", r#type: "radio", name: "{id}",
                        checked: visibility() == choice,
                        aria_describedby: "{id}-{choice.as_str()}-explain",
                        onchange: move |_| visibility.set(choice),
                    }
                    label { r#for: "{id}-{choice.as_str()}", {i.t(label)} }
                    p { id: "{id}-{choice.as_str()}-explain", class: "hint", {i.t(explain)} }
                }
            }
        }
    }
}
