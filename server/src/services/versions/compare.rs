//! Comparing two versions of the plan, section by section: which sections were added,
//! removed, changed or left alone, and for a changed one which fields differ; in a list, the
//! items added, removed or changed, named by their text. Pure: the service decides first
//! which sections the caller may read.

use std::collections::BTreeMap;

use onsplan_shared::section::SectionKind;
use onsplan_shared::version::{FieldChange, SectionChange, SectionChangeKind, VersionSection};
use serde_json::{Map, Value};

/// A section of a version as the caller may know it. A section that was never written (or
/// does not exist) is left out of the map.
#[derive(Debug, Clone, Copy)]
pub enum Seen<'a> {
    Readable(&'a VersionSection),
    /// There, but not for this caller: the kind is left out of the comparison.
    Hidden,
}

/// What changed from `from` to `to`, in plan order, over the sections the caller may read in
/// both (or in one, where the other version does not have it).
pub fn compare(
    from: &BTreeMap<SectionKind, Seen<'_>>,
    to: &BTreeMap<SectionKind, Seen<'_>>,
) -> Vec<SectionChange> {
    SectionKind::ALL
        .into_iter()
        .filter_map(|kind| {
            let change = |change, fields| SectionChange {
                kind,
                change,
                fields,
            };
            match (from.get(&kind), to.get(&kind)) {
                (Some(Seen::Readable(old)), Some(Seen::Readable(new))) => {
                    let fields = field_changes(old, new);
                    Some(if fields.is_empty() {
                        change(SectionChangeKind::Unchanged, fields)
                    } else {
                        change(SectionChangeKind::Changed, fields)
                    })
                }
                (None, Some(Seen::Readable(_))) => Some(change(SectionChangeKind::Added, vec![])),
                (Some(Seen::Readable(_)), None) => Some(change(SectionChangeKind::Removed, vec![])),
                _ => None,
            }
        })
        .collect()
}

/// The fields of the content that differ, in the order the newer content has them.
fn field_changes(old: &VersionSection, new: &VersionSection) -> Vec<FieldChange> {
    let (old, new) = (data_of(old), data_of(new));
    let mut changes = Vec::new();
    diff_objects("", &old, &new, 0, &mut changes);
    changes
}

fn data_of(section: &VersionSection) -> Map<String, Value> {
    match serde_json::to_value(&section.content) {
        Ok(Value::Object(mut wire)) => match wire.remove("data") {
            Some(Value::Object(data)) => data,
            _ => Map::new(),
        },
        _ => Map::new(),
    }
}

fn diff_objects(
    prefix: &str,
    old: &Map<String, Value>,
    new: &Map<String, Value>,
    depth: usize,
    out: &mut Vec<FieldChange>,
) {
    let keys = new
        .keys()
        .chain(old.keys().filter(|key| !new.contains_key(*key)));
    for key in keys {
        let field = if prefix.is_empty() {
            key.clone()
        } else {
            format!("{prefix}.{key}")
        };
        let (a, b) = (
            old.get(key).unwrap_or(&Value::Null),
            new.get(key).unwrap_or(&Value::Null),
        );
        if a == b {
            continue;
        }
        match (a, b) {
            (Value::Object(a), Value::Object(b)) if depth == 0 => {
                diff_objects(&field, a, b, depth + 1, out);
            }
            (Value::Array(_) | Value::Null, Value::Array(_) | Value::Null) => {
                let empty = Vec::new();
                let as_list = |v: &'_ Value| match v {
                    Value::Array(items) => items.clone(),
                    _ => empty.clone(),
                };
                out.push(diff_lists(field, &as_list(a), &as_list(b)));
            }
            _ => out.push(FieldChange {
                field,
                added: vec![],
                removed: vec![],
                changed: vec![],
            }),
        }
    }
}

/// Items are matched by their `id` when they have one, otherwise by their text.
fn diff_lists(field: String, old: &[Value], new: &[Value]) -> FieldChange {
    let mut used = vec![false; old.len()];
    let (mut added, mut changed) = (Vec::new(), Vec::new());
    for item in new {
        let key = key_of(item);
        let matched = old
            .iter()
            .enumerate()
            .find(|(i, candidate)| !used[*i] && key_of(candidate) == key);
        match matched {
            Some((i, before)) => {
                used[i] = true;
                if before != item {
                    changed.push(label_of(item));
                }
            }
            None => added.push(label_of(item)),
        }
    }
    let removed = old
        .iter()
        .zip(used)
        .filter(|(_, used)| !used)
        .map(|(item, _)| label_of(item))
        .collect();
    FieldChange {
        field,
        added,
        removed,
        changed,
    }
}

fn key_of(item: &Value) -> String {
    match item.get("id").and_then(Value::as_str) {
        Some(id) if !id.is_empty() => format!("id:{id}"),
        _ => format!("text:{}", label_of(item)),
    }
}

/// The fields that name an item, most telling first.
const NAMING_FIELDS: [&str; 7] = [
    "title",
    "what",
    "name",
    "child_name",
    "words",
    "outcome",
    "relation",
];

/// An item's text: a line itself, or the field that names an item.
fn label_of(item: &Value) -> String {
    match item {
        Value::String(text) => text.clone(),
        Value::Object(fields) => NAMING_FIELDS
            .iter()
            .filter_map(|name| fields.get(*name).and_then(Value::as_str))
            .chain(fields.values().filter_map(Value::as_str))
            .find(|text| !text.trim().is_empty())
            .map(str::to_string)
            .unwrap_or_else(|| item.to_string()),
        other => other.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use onsplan_shared::section::Visibility;
    use onsplan_shared::section_content::{
        Concerns, Domain, Goal, Goals, LifeDomains, SectionContent,
    };

    use super::*;

    fn section(content: SectionContent) -> VersionSection {
        VersionSection {
            kind: content.kind(),
            visibility: Visibility::Parents,
            version: 1,
            content,
        }
    }

    fn goal(id: &str, title: &str, scale_now: u8) -> Goal {
        Goal {
            id: id.into(),
            title: title.into(),
            scale_now,
            next_step: String::new(),
        }
    }

    fn one(section: &VersionSection) -> BTreeMap<SectionKind, Seen<'_>> {
        BTreeMap::from([(section.kind, Seen::Readable(section))])
    }

    #[test]
    fn list_items_are_named_as_added_removed_or_changed() {
        let old = section(SectionContent::Goals(Goals {
            goals: vec![goal("g1", "Rust in huis", 4), goal("g2", "Schulden weg", 2)],
        }));
        let new = section(SectionContent::Goals(Goals {
            goals: vec![goal("g1", "Rust in huis", 6), goal("g3", "Werk vinden", 1)],
        }));
        let changes = compare(&one(&old), &one(&new));
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0].change, SectionChangeKind::Changed);
        assert_eq!(
            changes[0].fields,
            vec![FieldChange {
                field: "goals".into(),
                added: vec!["Werk vinden".into()],
                removed: vec!["Schulden weg".into()],
                changed: vec!["Rust in huis".into()],
            }]
        );
    }

    #[test]
    fn lines_without_ids_are_matched_by_their_text() {
        let old = section(SectionContent::Concerns(Concerns {
            worries: vec!["Schulden".into(), "Slapen".into()],
        }));
        let new = section(SectionContent::Concerns(Concerns {
            worries: vec!["Slapen".into(), "School".into()],
        }));
        let fields = &compare(&one(&old), &one(&new))[0].fields;
        assert_eq!(fields[0].added, vec!["School".to_string()]);
        assert_eq!(fields[0].removed, vec!["Schulden".to_string()]);
        assert!(fields[0].changed.is_empty());
    }

    #[test]
    fn nested_text_fields_are_named_one_level_down() {
        let mut domains = LifeDomains::default();
        let old = section(SectionContent::LifeDomains(domains.clone()));
        domains.money = Domain {
            how_it_goes: "Beter".into(),
            what_is_needed: String::new(),
        };
        let new = section(SectionContent::LifeDomains(domains));
        let fields = &compare(&one(&old), &one(&new))[0].fields;
        assert_eq!(fields.len(), 1);
        assert_eq!(fields[0].field, "money.how_it_goes");
    }

    #[test]
    fn sections_in_one_version_only_are_added_or_removed_and_hidden_ones_left_out() {
        let goals = section(SectionContent::Goals(Goals::default()));
        let none = BTreeMap::new();
        let added = compare(&none, &one(&goals));
        assert_eq!(added[0].change, SectionChangeKind::Added);
        let removed = compare(&one(&goals), &none);
        assert_eq!(removed[0].change, SectionChangeKind::Removed);
        let hidden = BTreeMap::from([(SectionKind::Goals, Seen::Hidden)]);
        assert!(compare(&hidden, &one(&goals)).is_empty());
        assert!(compare(&one(&goals), &hidden).is_empty());
        let same = compare(&one(&goals), &one(&goals));
        assert_eq!(same[0].change, SectionChangeKind::Unchanged);
    }
}
