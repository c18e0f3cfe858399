//! The family's file (`onsplan_shared::family_file`): [`export`] writes everything a family
//! holds as a parent may read it, [`import`] makes a new family from such a file in one
//! transaction. This module owns the file's digest and the walk over person ids in content.

pub mod check;
pub mod export;
pub mod import;

use std::collections::HashSet;

use onsplan_shared::family_file::FileFamily;
use sha2::{Digest, Sha256};
use uuid::Uuid;

use crate::errors::{AppError, AppResult};

/// `sha256:` and the hex SHA-256 of `family` as compact JSON.
pub fn digest_of(family: &serde_json::Value) -> String {
    let bytes = serde_json::to_vec(family).unwrap_or_default();
    let hash = Sha256::digest(&bytes);
    let hex: String = hash.iter().map(|b| format!("{b:02x}")).collect();
    format!("sha256:{hex}")
}

/// The digest of a file's `family` part as the file will carry it.
pub fn digest_of_family(family: &FileFamily) -> AppResult<String> {
    let value = serde_json::to_value(family).map_err(|err| AppError::Internal(err.into()))?;
    Ok(digest_of(&value))
}

/// Every string in `value` that reads as an id (the candidates for a person in content: a
/// taker, an assignee, who handed an agreement back).
pub fn ids_in(value: &serde_json::Value, found: &mut HashSet<Uuid>) {
    match value {
        serde_json::Value::String(text) => {
            if let Ok(id) = text.parse::<Uuid>() {
                found.insert(id);
            }
        }
        serde_json::Value::Array(items) => items.iter().for_each(|item| ids_in(item, found)),
        serde_json::Value::Object(fields) => fields.values().for_each(|v| ids_in(v, found)),
        _ => {}
    }
}

/// Replaces, in `value`, every string that is an id `rename` knows by what it answers.
pub fn rename_ids(
    value: &mut serde_json::Value,
    rename: &mut dyn FnMut(Uuid) -> AppResult<Option<String>>,
) -> AppResult<()> {
    match value {
        serde_json::Value::String(text) => {
            if let Ok(id) = text.parse::<Uuid>() {
                if let Some(new) = rename(id)? {
                    *text = new;
                }
            }
        }
        serde_json::Value::Array(items) => {
            for item in items {
                rename_ids(item, rename)?;
            }
        }
        serde_json::Value::Object(fields) => {
            for item in fields.values_mut() {
                rename_ids(item, rename)?;
            }
        }
        _ => {}
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_digest_changes_with_any_change_of_the_family() {
        let a = serde_json::json!({"name": "Jansen", "sections": []});
        let b = serde_json::json!({"name": "Jansens", "sections": []});
        assert_eq!(digest_of(&a), digest_of(&a.clone()));
        assert_ne!(digest_of(&a), digest_of(&b));
        assert!(digest_of(&a).starts_with("sha256:"));
    }

    #[test]
    fn ids_in_content_are_found_and_renamed_and_other_text_is_left_alone() {
        let old = Uuid::new_v4();
        let mut content = serde_json::json!({
            "kind": "agreements",
            "data": {"items": [{"id": "a1", "what": "koken", "who": {"type": "member", "user_id": old.to_string()}}]}
        });
        let mut found = HashSet::new();
        ids_in(&content, &mut found);
        assert_eq!(found, HashSet::from([old]));
        rename_ids(&mut content, &mut |id| {
            Ok((id == old).then(|| "new".to_string()))
        })
        .unwrap();
        assert_eq!(content["data"]["items"][0]["who"]["user_id"], "new");
        assert_eq!(content["data"]["items"][0]["what"], "koken");
    }
}
