//! What a parent typed in an editor and did not save yet, kept in memory (never in storage)
//! while they move around the app, per person, family and section. While anything is kept,
//! the browser warns before the page is closed or reloaded; logging out forgets it all.

use std::cell::RefCell;

use onsplan_shared::client::SectionScope;
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
    /// The shared plan's section, or the person's own ("Alleen ik").
    pub scope: SectionScope,
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
    /// Text brought back from an earlier version of the plan: the editor puts it on the
    /// version stored when it opens, and saving it is the normal save (If-Match, 412).
    pub brought_back: bool,
}

impl Draft {
    /// `data` from an earlier version, to be saved over what is stored now.
    pub fn brought_back(data: Value) -> Self {
        Draft {
            data,
            visibility: Visibility::Parents,
            base: 0,
            stored: Value::Null,
            stored_visibility: Visibility::Parents,
            brought_back: true,
        }
    }
}

thread_local! {
    // Plain memory, not a signal: nothing on screen follows it; editors read it when they
    // open and write it as the parent types.
    static DRAFTS: RefCell<Vec<(DraftKey, Draft)>> = const { RefCell::new(Vec::new()) };
}

/// The unsaved draft of this editor, if there is one.
pub fn find(key: DraftKey) -> Option<Draft> {
    DRAFTS.with_borrow(|drafts| {
        drafts
            .iter()
            .find(|(k, _)| *k == key)
            .map(|(_, d)| d.clone())
    })
}

/// Keeps `draft` for this editor, or forgets the editor's draft when it is `None` (saved, or
/// back to what is stored).
pub fn remember(key: DraftKey, draft: Option<Draft>) {
    let any = DRAFTS.with_borrow_mut(|drafts| {
        drafts.retain(|(k, _)| *k != key);
        if let Some(draft) = draft {
            drafts.push((key, draft));
        }
        !drafts.is_empty()
    });
    platform::warn_before_leaving(any);
}

/// Forgets every draft (logging out).
pub fn forget_all() {
    DRAFTS.with_borrow_mut(Vec::clear);
    platform::warn_before_leaving(false);
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn draft(text: &str) -> Draft {
        Draft {
            data: json!({ "worries": [text] }),
            visibility: Visibility::Parents,
            base: 0,
            stored: json!({ "worries": [] }),
            stored_visibility: Visibility::Parents,
            brought_back: false,
        }
    }

    #[test]
    fn a_draft_is_kept_per_person_family_and_section_until_saved() {
        let key = DraftKey {
            user: Uuid::from_u128(1),
            family: Uuid::from_u128(2),
            kind: SectionKind::Concerns,
            scope: SectionScope::Shared,
        };
        let other_person = DraftKey {
            user: Uuid::from_u128(3),
            ..key
        };
        let other_section = DraftKey {
            kind: SectionKind::Safety,
            ..key
        };
        let own_section = DraftKey {
            scope: SectionScope::Mine,
            ..key
        };
        remember(key, Some(draft("Tim slaapt slecht")));
        assert_eq!(find(key), Some(draft("Tim slaapt slecht")));
        assert_eq!(find(other_person), None);
        assert_eq!(find(own_section), None);
        assert_eq!(find(other_section), None);
        remember(key, Some(draft("Tim slaapt slecht, en eet weinig")));
        assert_eq!(find(key), Some(draft("Tim slaapt slecht, en eet weinig")));
        remember(key, None);
        assert_eq!(find(key), None);
        remember(other_section, Some(draft("Bij oma")));
        forget_all();
        assert_eq!(find(other_section), None);
    }
}
