//! What a parent typed in an editor and did not save yet, kept in memory (never in storage)
//! while they move around the app, per person, family and section. While anything is kept,
//! the browser warns before the page is closed or reloaded; logging out forgets it all.

use dioxus::prelude::*;
use onsplan_shared::section::{SectionKind, Visibility};
use serde_json::Value;
use uuid::Uuid;

use crate::platform;

/// Which editor a draft belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct DraftKey {
    pub user: Uuid,
    pub family: Uuid,
    pub kind: SectionKind,
}

/// An unsaved draft and the stored version it was written on.
#[derive(Clone, Debug, PartialEq)]
pub struct Draft {
    pub data: Value,
    pub visibility: Visibility,
    /// The version the draft was based on, and what that version held.
    pub base: i64,
    pub stored: Value,
    pub stored_visibility: Visibility,
}

static DRAFTS: GlobalSignal<Vec<(DraftKey, Draft)>> = Signal::global(Vec::new);

/// The unsaved draft of this editor, if there is one.
pub fn find(key: DraftKey) -> Option<Draft> {
    DRAFTS
        .peek()
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, d)| d.clone())
}

/// Keeps `draft` for this editor, or forgets the editor's draft when it is `None` (saved, or
/// back to what is stored).
pub fn remember(key: DraftKey, draft: Option<Draft>) {
    let unchanged = DRAFTS
        .peek()
        .iter()
        .find(|(k, _)| *k == key)
        .map(|(_, d)| d)
        == draft.as_ref();
    if unchanged {
        return;
    }
    let mut drafts = DRAFTS.write();
    drafts.retain(|(k, _)| *k != key);
    if let Some(draft) = draft {
        drafts.push((key, draft));
    }
    platform::warn_before_leaving(!drafts.is_empty());
}

/// Forgets every draft (logging out).
pub fn forget_all() {
    DRAFTS.write().clear();
    platform::warn_before_leaving(false);
}
