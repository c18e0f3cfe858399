//! A section's content shown read-only, field by field with its label: used to compare two
//! versions after a conflict and to show earlier versions.

use dioxus::prelude::*;
use onsplan_shared::section::SectionKind;
use serde_json::Value;

use crate::i18n::{use_i18n, K};
use crate::schema::{self, Field};

#[component]
pub fn ContentView(kind: SectionKind, data: Value) -> Element {
    rsx! {
        dl { class: "content-view",
            for field in schema::fields(kind).iter() {
                FieldView { key: "{field.key()}", field, value: schema::get(&data, field.key()).cloned().unwrap_or(Value::Null) }
            }
        }
    }
}

/// The words of one value, as lines.
fn lines(field: &Field, value: &Value, done: &str) -> Vec<String> {
    match (field, value) {
        (Field::Done { .. }, Value::String(s)) if s == "done" => vec![done.to_string()],
        (Field::Done { .. }, _) | (Field::Goal { .. }, _) => Vec::new(),
        (Field::Person { .. }, v) => v
            .get("name")
            .and_then(Value::as_str)
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .into_iter()
            .collect(),
        (Field::Scale { .. }, Value::Number(n)) => vec![format!("{n} / 10")],
        (_, Value::String(s)) if !s.trim().is_empty() => vec![s.clone()],
        (_, Value::Number(n)) => vec![n.to_string()],
        (Field::Lines { .. }, Value::Array(items)) => items
            .iter()
            .filter_map(Value::as_str)
            .filter(|s| !s.trim().is_empty())
            .map(str::to_string)
            .collect(),
        _ => Vec::new(),
    }
}

#[component]
fn FieldView(field: &'static Field, value: Value) -> Element {
    let i = use_i18n();
    let nested: Option<&'static [Field]> = match field {
        Field::List { fields, .. } | Field::Group { fields, .. } => Some(fields),
        _ => None,
    };
    let body = match (nested, &value) {
        // An empty list reads "empty" like any empty field: a term always has a description.
        (Some(fields), Value::Array(items)) if !items.is_empty() => rsx! {
            for (n, item) in items.iter().enumerate() {
                dd { key: "{n}", class: "item",
                    dl {
                        for sub in fields.iter() {
                            FieldView { key: "{sub.key()}", field: sub, value: item.get(sub.key()).cloned().unwrap_or(Value::Null) }
                        }
                    }
                }
            }
        },
        (Some(fields), Value::Object(_)) => rsx! {
            dd { dl {
                for sub in fields.iter() {
                    FieldView { key: "{sub.key()}", field: sub, value: value.get(sub.key()).cloned().unwrap_or(Value::Null) }
                }
            } }
        },
        _ => {
            let words = lines(field, &value, i.t(K::FDone));
            if words.is_empty() {
                rsx! { dd { class: "empty", {i.t(K::Empty)} } }
            } else {
                rsx! { for (n, line) in words.into_iter().enumerate() { dd { key: "{n}", "{line}" } } }
            }
        }
    };
    rsx! {
        dt { {i.t(field.label())} }
        {body}
    }
}
