//! The conflict screen: another parent saved this section first. Both versions are shown side
//! by side; the parent keeps theirs, takes the other, or combines both. Nothing is dropped
//! silently: every choice goes back through a save based on the version now stored.

use dioxus::prelude::*;
use onsplan_shared::section::SectionResponse;
use uuid::Uuid;

use crate::api::use_session;
use crate::components::view::ContentView;
use crate::i18n::{fill, use_i18n, K};
use crate::merge::merge;
use crate::outbox;
use crate::schema::data_of;
use crate::views::section::{EditState, Editor};

#[component]
pub fn Conflict(editor: Editor, theirs: SectionResponse, family: Uuid) -> Element {
    let i = use_i18n();
    let session = use_session();
    let their_data = data_of(&theirs.content);
    let their_name = theirs
        .updated_by
        .as_ref()
        .map(|a| a.name.clone())
        .unwrap_or_default();
    let version = theirs.version;
    let (mut draft, mut base, mut state, mut visibility) =
        (editor.draft, editor.base, editor.state, editor.visibility);
    let keep_mine = move |_| {
        base.set(version);
        spawn(editor.save(session, family));
    };
    let take_theirs = {
        let their_data = their_data.clone();
        let their_visibility = theirs.visibility;
        move |_| {
            let their_data = their_data.clone();
            // A save of this parent's that waited on the phone is given up for the stored one,
            // before this screen goes away with the new state.
            spawn(async move {
                outbox::forget(editor.user, family, editor.kind).await;
                draft.set(their_data.clone());
                visibility.set(their_visibility);
                editor.stored_as(version, their_data, their_visibility);
                state.set(EditState::Saved);
            });
        }
    };
    let combine = {
        let their_data = their_data.clone();
        move |_| {
            let merged = merge(&draft.peek(), &their_data);
            draft.set(merged);
            base.set(version);
            state.set(EditState::Merged);
        }
    };
    rsx! {
        section { id: "conflict", class: "conflict", aria_labelledby: "conflict-title",
            h2 { id: "conflict-title", {i.t(K::ConflictTitle)} }
            p { {i.t(K::ConflictIntro)} }
            div { class: "compare",
                div { class: "version mine",
                    h3 { {i.t(K::ConflictMine)} }
                    ContentView { kind: editor.kind, data: draft() }
                }
                div { class: "version theirs",
                    h3 { {fill(i.t(K::ConflictTheirs), &[("name", &their_name)])} }
                    ContentView { kind: editor.kind, data: their_data }
                }
            }
            div { class: "actions",
                button { id: "merge", class: "button primary", r#type: "button", onclick: combine, {i.t(K::MergeBoth)} }
                button { id: "keep-mine", class: "button", r#type: "button", onclick: keep_mine, {i.t(K::KeepMine)} }
                button { id: "take-theirs", class: "button", r#type: "button", onclick: take_theirs, {i.t(K::TakeTheirs)} }
            }
        }
    }
}
