//! Editing one field of a section's content, by its [`Field`] description: labelled inputs,
//! lists with add and remove, the 0–10 scale, dates and done/open. Values live in one JSON
//! draft; each field reads and writes its dotted path, which is also the path a validation
//! error names, so the error is said right next to its field.

use dioxus::prelude::*;
use serde_json::Value;

use crate::api::FieldProblem;
use crate::components::form::ErrorText;
use crate::i18n::{fill, use_i18n, K};
use crate::schema::{self, Field};

fn dom_id(path: &str) -> String {
    format!("f-{}", path.replace('.', "-"))
}

fn text_at(draft: &Signal<Value>, path: &str) -> String {
    schema::get(&draft.read(), path)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string()
}

/// The problem the last save found with the field at `path`, if any.
fn problem_at(problem: &Signal<Option<FieldProblem>>, path: &str) -> Option<K> {
    problem
        .read()
        .as_ref()
        .filter(|(field, _)| field == path)
        .map(|(_, key)| *key)
}

#[component]
pub fn FieldEditor(
    field: &'static Field,
    path: String,
    draft: Signal<Value>,
    problem: Signal<Option<FieldProblem>>,
) -> Element {
    let i = use_i18n();
    let mut draft = draft;
    let id = dom_id(&path);
    let error = problem_at(&problem, &path);
    let described = if error.is_some() {
        format!("{id}-err")
    } else {
        String::new()
    };
    let invalid = if error.is_some() { "true" } else { "false" };
    match field {
        Field::Text { label, long, .. } => {
            let value = text_at(&draft, &path);
            let write = {
                let path = path.clone();
                move |e: FormEvent| schema::set(&mut draft.write(), &path, Value::String(e.value()))
            };
            rsx! {
                div { class: "field",
                    label { r#for: "{id}", {i.t(*label)} }
                    if *long {
                        textarea { id: "{id}", rows: "3", value: "{value}", aria_invalid: invalid, aria_describedby: described, oninput: write }
                    } else {
                        input { id: "{id}", r#type: "text", value: "{value}", aria_invalid: invalid, aria_describedby: described, oninput: write }
                    }
                    ErrorText { id: "{id}-err", error }
                }
            }
        }
        Field::Person { label, .. } => {
            let name_path = schema::join(&path, "name");
            let value = text_at(&draft, &name_path);
            rsx! {
                div { class: "field",
                    label { r#for: "{id}", {i.t(*label)} }
                    input {
                        id: "{id}", r#type: "text", value: "{value}", aria_invalid: invalid, aria_describedby: described,
                        oninput: move |e: FormEvent| {
                            schema::set(&mut draft.write(), &path, serde_json::json!({"type": "person", "name": e.value()}))
                        },
                    }
                    ErrorText { id: "{id}-err", error }
                }
            }
        }
        Field::Scale { label, .. } => {
            let value = schema::get(&draft.read(), &path)
                .and_then(Value::as_u64)
                .unwrap_or(0);
            rsx! {
                div { class: "field",
                    label { r#for: "{id}", {i.t(*label)} }
                    div { class: "scale",
                        input {
                            id: "{id}", r#type: "range", min: "0", max: "10", step: "1", value: "{value}",
                            aria_valuetext: "{value} / 10",
                            oninput: move |e: FormEvent| {
                                let n = e.value().parse::<u64>().unwrap_or(0).min(10);
                                schema::set(&mut draft.write(), &path, Value::from(n));
                            },
                        }
                        output { "for": "{id}", class: "scale-value", "{value}" }
                    }
                    ErrorText { id: "{id}-err", error }
                }
            }
        }
        Field::Date { label, .. } => {
            let value = text_at(&draft, &path);
            rsx! {
                div { class: "field",
                    label { r#for: "{id}", {i.t(*label)} }
                    input {
                        id: "{id}", r#type: "date", value: "{value}", aria_invalid: invalid, aria_describedby: described,
                        oninput: move |e: FormEvent| {
                            let v = e.value();
                            let new = if v.is_empty() { Value::Null } else { Value::String(v) };
                            schema::set(&mut draft.write(), &path, new);
                        },
                    }
                    ErrorText { id: "{id}-err", error }
                }
            }
        }
        Field::Number { label, .. } => {
            let value = schema::get(&draft.read(), &path)
                .and_then(Value::as_u64)
                .map(|n| n.to_string())
                .unwrap_or_default();
            rsx! {
                div { class: "field",
                    label { r#for: "{id}", {i.t(*label)} }
                    input {
                        id: "{id}", r#type: "number", inputmode: "numeric", min: "0", max: "25", value: "{value}",
                        aria_invalid: invalid, aria_describedby: described,
                        oninput: move |e: FormEvent| {
                            let new = e.value().trim().parse::<u8>().map_or(Value::Null, Value::from);
                            schema::set(&mut draft.write(), &path, new);
                        },
                    }
                    ErrorText { id: "{id}-err", error }
                }
            }
        }
        Field::Done { label, .. } => {
            let done = text_at(&draft, &path) == "done";
            rsx! {
                div { class: "field check",
                    input {
                        id: "{id}", r#type: "checkbox", checked: done,
                        onchange: move |e: FormEvent| {
                            let status = if e.checked() { "done" } else { "open" };
                            schema::set(&mut draft.write(), &path, Value::String(status.into()));
                        },
                    }
                    label { r#for: "{id}", {i.t(*label)} }
                }
            }
        }
        Field::Group { label, fields, .. } => rsx! {
            fieldset { class: "group",
                legend { {i.t(*label)} }
                for sub in fields.iter() {
                    FieldEditor { key: "{sub.key()}", field: sub, path: schema::join(&path, sub.key()), draft, problem }
                }
            }
        },
        Field::Lines { label, item, .. } => {
            let count = count_at(&draft, &path);
            rsx! {
                fieldset { class: "list",
                    legend { {i.t(*label)} }
                    for n in 0..count {
                        LineEditor { key: "{n}", label: *item, path: schema::join(&path, &n.to_string()), list: path.clone(), index: n, draft, problem }
                    }
                    AddButton { list: path.clone(), item: *item, field, draft }
                    ErrorText { id: "{id}-err", error }
                }
            }
        }
        Field::List {
            label,
            item,
            fields,
            ..
        } => {
            let count = count_at(&draft, &path);
            rsx! {
                fieldset { class: "list",
                    legend { {i.t(*label)} }
                    for n in 0..count {
                        div { key: "{n}", class: "item",
                            p { class: "item-title", {fill(i.t(K::ItemNumber), &[("n", &(n + 1).to_string())])} }
                            for sub in fields.iter() {
                                FieldEditor { key: "{sub.key()}", field: sub, path: schema::join(&schema::join(&path, &n.to_string()), sub.key()), draft, problem }
                            }
                            RemoveButton { list: path.clone(), index: n, draft }
                        }
                    }
                    AddButton { list: path.clone(), item: *item, field, draft }
                    ErrorText { id: "{id}-err", error }
                }
            }
        }
    }
}

fn count_at(draft: &Signal<Value>, path: &str) -> usize {
    schema::get(&draft.read(), path)
        .and_then(Value::as_array)
        .map_or(0, Vec::len)
}

/// Adds an empty line or item to the list at `list`.
#[component]
fn AddButton(list: String, item: K, field: &'static Field, draft: Signal<Value>) -> Element {
    let i = use_i18n();
    let mut draft = draft;
    let add = move |_| {
        let new = match field {
            Field::List { fields, id, .. } => schema::new_item(fields, *id),
            _ => Value::String(String::new()),
        };
        let mut root = draft.write();
        let mut items = schema::get(&root, &list)
            .and_then(Value::as_array)
            .cloned()
            .unwrap_or_default();
        items.push(new);
        schema::set(&mut root, &list, Value::Array(items));
    };
    rsx! {
        button { class: "button add", r#type: "button", onclick: add,
            "+ " {i.t(K::Add)} ": " {i.t(item)}
        }
    }
}

fn remove(root: &mut Value, path: &str, index: usize) {
    let mut items = schema::get(root, path)
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if index < items.len() {
        items.remove(index);
    }
    schema::set(root, path, Value::Array(items));
}

#[component]
fn LineEditor(
    label: K,
    path: String,
    list: String,
    index: usize,
    draft: Signal<Value>,
    problem: Signal<Option<FieldProblem>>,
) -> Element {
    let i = use_i18n();
    let mut draft = draft;
    let id = dom_id(&path);
    let value = text_at(&draft, &path);
    let error = problem_at(&problem, &path);
    let number = (index + 1).to_string();
    rsx! {
        div { class: "field line",
            label { r#for: "{id}", {i.t(label)} " " "{number}" }
            textarea {
                id: "{id}", rows: "2", value: "{value}",
                aria_invalid: if error.is_some() { "true" } else { "false" },
                oninput: move |e: FormEvent| schema::set(&mut draft.write(), &path, Value::String(e.value())),
            }
            ErrorText { id: "{id}-err", error }
            RemoveButton { list, index, draft }
        }
    }
}

#[component]
fn RemoveButton(list: String, index: usize, draft: Signal<Value>) -> Element {
    let i = use_i18n();
    let mut draft = draft;
    let number = (index + 1).to_string();
    rsx! {
        button {
            class: "button remove", r#type: "button",
            aria_label: "{i.t(K::Remove)} {number}",
            onclick: move |_| remove(&mut draft.write(), &list, index),
            {i.t(K::Remove)}
        }
    }
}
