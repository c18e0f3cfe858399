//! Editing one field of a section's content, by its [`Field`] description: labelled inputs,
//! lists with add and remove (an empty list shows one empty item ready to type in), the 0–10
//! scale as steps, dates and done/open. Values live in one JSON draft; each field reads and
//! writes its dotted path, which is also the path a validation error names, so the error is
//! said right next to its field. A long section is folded into parts with a progress hint.

use dioxus::prelude::*;
use serde_json::Value;

use crate::api::FieldProblem;
use crate::components::form::ErrorText;
use crate::components::pickers::{GoalPicker, WhoPicker};
use crate::components::reading::ReadAloud;
use crate::components::scale::ScalePicker;
use crate::i18n::{fill, use_i18n, K};
use crate::platform;
use crate::schema::{self, Field};

/// The list an empty item belongs to while it is not in the draft yet: the first write puts
/// a new item (or line) there, so a list starts with one item ready to type in.
#[derive(Clone, PartialEq)]
pub struct Seed {
    list: String,
    field: &'static Field,
}

/// Writes `new` at `path`, first adding the seeded item when its list is still empty.
pub fn put(draft: &mut Signal<Value>, seed: &Option<Seed>, path: &str, new: Value) {
    let mut root = draft.write();
    if let Some(Seed { list, field }) = seed {
        if schema::get(&root, list)
            .and_then(Value::as_array)
            .is_none_or(Vec::is_empty)
        {
            let item = match field {
                Field::List { fields, id, .. } => schema::new_item(fields, *id),
                _ => Value::String(String::new()),
            };
            schema::set(&mut root, list, Value::Array(vec![item]));
        }
    }
    schema::set(&mut root, path, new);
}

/// Rows a text box needs for `value`, so it grows with the text (for browsers without
/// `field-sizing`).
fn rows_for(value: &str, least: usize) -> usize {
    let lines: usize = value.split('\n').map(|l| l.chars().count() / 36 + 1).sum();
    lines.clamp(least, 20)
}

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
    #[props(default)] seed: Option<Seed>,
) -> Element {
    let i = use_i18n();
    let at_top = path == field.key();
    let place = if at_top { schema::place(field) } else { None };
    let inner = rsx! { FieldInput { field, path: path.clone(), draft, problem, seed } };
    let Some((kind, at, total)) = place else {
        return inner;
    };
    let example = (at == 0).then(|| i.t(schema::example(kind)));
    let help = example.map(|e| rsx! {
        div { class: "example",
            p { class: "hint", "{e}" }
            ReadAloud { compact: true, text: format!("{}. {}. {e}", i.t(schema::title(kind).1), i.t(field.label())) }
        }
    });
    if total < 3 {
        return rsx! { {help} {inner} };
    }
    // A long section: each part folds; the first, the started ones and one with a problem
    // are open.
    let value = schema::get(&draft.read(), &path)
        .cloned()
        .unwrap_or(Value::Null);
    let count = schema::filled(&value);
    // A list with an item (even an empty one just added) is being worked on: keep it open.
    let started = count > 0 || value.as_array().is_some_and(|items| !items.is_empty());
    let troubled = problem
        .read()
        .as_ref()
        .is_some_and(|(p, _)| p == &path || p.starts_with(&format!("{path}.")));
    let open = at == 0 || started || troubled;
    let step = fill(
        i.t(K::PartOf),
        &[("n", &(at + 1).to_string()), ("total", &total.to_string())],
    );
    let filled = fill(i.t(K::ItemsCount), &[("n", &count.to_string())]);
    rsx! {
        {help}
        details { class: "part", open,
            summary {
                span { class: "part-title", {i.t(field.label())} }
                span { class: "hint", " · {step} · {filled}" }
            }
            {inner}
        }
    }
}

/// The input (or inputs) of one field.
#[component]
fn FieldInput(
    field: &'static Field,
    path: String,
    draft: Signal<Value>,
    problem: Signal<Option<FieldProblem>>,
    seed: Option<Seed>,
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
    // After "+ Toevoegen" the new item's first box gets the focus, once it is on the page.
    let focus_new = use_signal(|| None::<String>);
    use_effect(move || {
        if let Some(selector) = focus_new() {
            platform::focus_first(&selector);
        }
    });
    match field {
        Field::Text { label, long, .. } => {
            let value = text_at(&draft, &path);
            let rows = rows_for(&value, 3).to_string();
            let write = {
                let path = path.clone();
                move |e: FormEvent| put(&mut draft, &seed, &path, Value::String(e.value()))
            };
            rsx! {
                div { class: "field",
                    label { r#for: "{id}", {i.t(*label)} }
                    if *long {
                        textarea { id: "{id}", rows, value: "{value}", aria_invalid: invalid, aria_describedby: described, oninput: write }
                    } else {
                        input { id: "{id}", r#type: "text", value: "{value}", aria_invalid: invalid, aria_describedby: described, oninput: write }
                    }
                    ErrorText { id: "{id}-err", error }
                }
            }
        }
        Field::Person { label, .. } => rsx! {
            WhoPicker { id, label: *label, path, draft, seed, error }
        },
        Field::Goal { label, .. } => rsx! {
            GoalPicker { id, label: *label, path, draft, seed }
        },
        Field::Phone { label, .. } => {
            let value = text_at(&draft, &path);
            rsx! {
                div { class: "field",
                    label { r#for: "{id}", {i.t(*label)} }
                    input {
                        id: "{id}", r#type: "tel", inputmode: "tel", autocomplete: "tel", value: "{value}",
                        aria_invalid: invalid, aria_describedby: described,
                        oninput: move |e: FormEvent| put(&mut draft, &seed, &path, Value::String(e.value())),
                    }
                    ErrorText { id: "{id}-err", error }
                }
            }
        }
        Field::Scale { label, .. } => {
            let value = schema::get(&draft.read(), &path)
                .and_then(Value::as_u64)
                .unwrap_or(0)
                .min(10) as u8;
            rsx! {
                ScalePicker {
                    id: "{id}", label: *label, value,
                    on_pick: move |n: u8| put(&mut draft, &seed, &path, Value::from(n)),
                }
                ErrorText { id: "{id}-err", error }
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
                            put(&mut draft, &seed, &path, new);
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
                            put(&mut draft, &seed, &path, new);
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
                            put(&mut draft, &seed, &path, Value::String(status.into()));
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
            let first = (count == 0).then(|| Seed {
                list: path.clone(),
                field,
            });
            rsx! {
                fieldset { class: "list",
                    legend { {i.t(*label)} }
                    for n in 0..count.max(1) {
                        LineEditor { key: "{n}", label: *item, path: schema::join(&path, &n.to_string()), list: path.clone(), index: n, draft, problem, seed: first.clone() }
                    }
                    AddButton { list: path.clone(), item: *item, field, draft, focus_new }
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
            let first = (count == 0).then(|| Seed {
                list: path.clone(),
                field,
            });
            rsx! {
                fieldset { class: "list",
                    legend { {i.t(*label)} }
                    for n in 0..count.max(1) {
                        div { key: "{n}", id: "{dom_id(&schema::join(&path, &n.to_string()))}", class: "item",
                            p { class: "item-title", "{i.t(*item)} {n + 1}" }
                            for sub in fields.iter() {
                                FieldEditor { key: "{sub.key()}", field: sub, path: schema::join(&schema::join(&path, &n.to_string()), sub.key()), draft, problem, seed: first.clone() }
                            }
                            if count > 0 {
                                RemoveButton { list: path.clone(), index: n, item: *item, draft }
                            }
                        }
                    }
                    AddButton { list: path.clone(), item: *item, field, draft, focus_new }
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

/// Adds an empty line or item to the list at `list` and asks for the focus in it. An empty
/// list already shows one empty item ready to type in: the first add keeps that one (now in
/// the draft) and puts the focus there.
#[component]
fn AddButton(
    list: String,
    item: K,
    field: &'static Field,
    draft: Signal<Value>,
    focus_new: Signal<Option<String>>,
) -> Element {
    let i = use_i18n();
    let mut draft = draft;
    let mut focus_new = focus_new;
    let add_id = format!("{}-add", dom_id(&list));
    let add = move |_| {
        let count = count_at(&draft, &list);
        let new = match field {
            Field::List { fields, id, .. } => schema::new_item(fields, *id),
            _ => Value::String(String::new()),
        };
        {
            let mut root = draft.write();
            let mut items = schema::get(&root, &list)
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default();
            items.push(new);
            schema::set(&mut root, &list, Value::Array(items));
        }
        let at = dom_id(&schema::join(&list, &count.to_string()));
        focus_new.set(Some(match field {
            Field::List { .. } => format!("#{at} input, #{at} textarea, #{at} select"),
            _ => format!("#{at}"),
        }));
    };
    rsx! {
        button { id: "{add_id}", class: "button add", r#type: "button", onclick: add,
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
    seed: Option<Seed>,
) -> Element {
    let i = use_i18n();
    let mut draft = draft;
    let id = dom_id(&path);
    let value = text_at(&draft, &path);
    let rows = rows_for(&value, 2).to_string();
    let error = problem_at(&problem, &path);
    let number = (index + 1).to_string();
    let seeded = seed.is_some();
    rsx! {
        div { class: "field line",
            label { r#for: "{id}", {i.t(label)} " " "{number}" }
            textarea {
                id: "{id}", rows, value: "{value}",
                aria_invalid: if error.is_some() { "true" } else { "false" },
                oninput: move |e: FormEvent| put(&mut draft, &seed, &path, Value::String(e.value())),
            }
            ErrorText { id: "{id}-err", error }
            if !seeded {
                RemoveButton { list, index, item: label, draft }
            }
        }
    }
}

/// Removes one item; its name says which ("Weghalen: zorg 2"). The focus moves to the
/// list's add button.
#[component]
fn RemoveButton(list: String, index: usize, item: K, draft: Signal<Value>) -> Element {
    let i = use_i18n();
    let mut draft = draft;
    let what = format!("{} {}", i.t(item).to_lowercase(), index + 1);
    rsx! {
        button {
            class: "button remove", r#type: "button",
            aria_label: fill(i.t(K::RemoveNamed), &[("what", &what)]),
            onclick: move |_| {
                remove(&mut draft.write(), &list, index);
                // The button that had the focus is gone: go on from the list's add button.
                platform::focus_first(&format!("#{}-add", dom_id(&list)));
            },
            {i.t(K::Remove)}
        }
    }
}
