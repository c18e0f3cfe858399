//! Combining two versions of a section after a conflict, so that no text is dropped: texts
//! that differ are both kept, lists keep the items of both (items with the same `id` are
//! combined), and for anything else the parent's own version wins. Who took an agreement
//! (`commitment`, `handed_back`) is not the parent's text but the server's record: the newer
//! version's stays, present or not.

use serde_json::Value;

/// Marks where the other parent's text starts inside a combined text.
pub const SEPARATOR: &str = "\n—\n";

/// Values that are choices rather than text (ids, dates, done/open): the parent's own stays.
const CHOICES: &[&str] = &[
    "id",
    "type",
    "status",
    "by_when",
    "held_on",
    "next_review",
    "goal_id",
];

/// Keys the server writes (commitments on agreements): the newer version's value stays.
const RECORDS: &[&str] = &["commitment", "handed_back"];

pub fn merge(mine: &Value, theirs: &Value) -> Value {
    match (mine, theirs) {
        (Value::String(a), Value::String(b)) => Value::String(merge_text(a, b)),
        (Value::Object(a), Value::Object(b)) => {
            let mut out = a.clone();
            for (key, their_value) in b {
                let merged = match a.get(key) {
                    Some(my_value) if CHOICES.contains(&key.as_str()) && !my_value.is_null() => {
                        my_value.clone()
                    }
                    Some(my_value) => merge(my_value, their_value),
                    None => their_value.clone(),
                };
                out.insert(key.clone(), merged);
            }
            for key in RECORDS {
                match b.get(*key) {
                    Some(value) => out.insert(key.to_string(), value.clone()),
                    None => out.remove(*key),
                };
            }
            Value::Object(out)
        }
        (Value::Array(a), Value::Array(b)) => Value::Array(merge_lists(a, b)),
        (Value::Null, other) => other.clone(),
        (mine, _) => mine.clone(),
    }
}

fn merge_text(a: &str, b: &str) -> String {
    if a == b || b.trim().is_empty() || a.contains(b) {
        a.to_string()
    } else if a.trim().is_empty() || b.contains(a) {
        b.to_string()
    } else {
        format!("{a}{SEPARATOR}{b}")
    }
}

fn id_of(value: &Value) -> Option<&str> {
    value.get("id").and_then(Value::as_str)
}

fn merge_lists(mine: &[Value], theirs: &[Value]) -> Vec<Value> {
    let mut out: Vec<Value> = mine.to_vec();
    for item in theirs {
        if let Some(id) = id_of(item) {
            if let Some(existing) = out.iter_mut().find(|v| id_of(v) == Some(id)) {
                *existing = merge(existing, item);
                continue;
            }
        }
        if !out.contains(item) {
            out.push(item.clone());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn both_texts_survive_and_lists_are_joined() {
        let mine = json!({"worries": ["slapen", "school"], "note": "mijn tekst"});
        let theirs = json!({"worries": ["slapen", "geld"], "note": "hun tekst"});
        let merged = merge(&mine, &theirs);
        assert_eq!(merged["worries"], json!(["slapen", "school", "geld"]));
        assert_eq!(
            merged["note"],
            json!(format!("mijn tekst{SEPARATOR}hun tekst"))
        );
    }

    #[test]
    fn items_with_the_same_id_are_combined() {
        let mine = json!({"items": [{"id": "a", "what": "boodschappen", "status": "done"}]});
        let theirs = json!({"items": [{"id": "a", "what": "boodschappen doen", "status": "open"},
                                      {"id": "b", "what": "bellen", "status": "open"}]});
        let merged = merge(&mine, &theirs);
        let items = merged["items"].as_array().unwrap();
        assert_eq!(items.len(), 2);
        assert_eq!(items[0]["what"], "boodschappen doen");
        assert_eq!(items[0]["status"], "done");
        assert_eq!(items[1]["id"], "b");
    }

    #[test]
    fn who_took_an_agreement_comes_from_the_newer_version() {
        let mine = json!({"items": [{"id": "a", "what": "koken", "commitment": {"taker": "x", "due": "2026-12-01"}},
                                    {"id": "b", "what": "bellen"}]});
        let theirs = json!({"items": [{"id": "a", "what": "koken"},
                                      {"id": "b", "what": "bellen", "commitment": {"taker": "y", "due": "2026-12-24"}}]});
        let merged = merge(&mine, &theirs);
        let items = merged["items"].as_array().unwrap();
        assert!(items[0].get("commitment").is_none(), "handed back since");
        assert_eq!(items[1]["commitment"]["due"], "2026-12-24");
    }
}
