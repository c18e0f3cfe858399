//! Choosing in an agreement: who does it (a member of the family, someone from the network
//! list, or anyone else named in words) and the goal it serves (from the goals section).

use dioxus::prelude::*;
use onsplan_shared::section::SectionKind;
use onsplan_shared::section_content::SectionContent;
use serde_json::{json, Value};
use uuid::Uuid;

use crate::components::fields::{put, Seed};
use crate::components::form::ErrorText;
use crate::components::reading::{use_family, Loaded};
use crate::i18n::{use_i18n, K};
use crate::schema;

/// The plan's content of `kind`, from what the loader brought.
fn content_of(loaded: &Option<Loaded>, kind: SectionKind) -> Option<SectionContent> {
    let sections = loaded.as_ref()?.plan.as_ref().ok()?;
    sections
        .iter()
        .find(|s| s.kind == kind)
        .map(|s| s.content.clone())
}

/// The members (id, name) and the names on the network list that are not members.
fn people(loaded: &Option<Loaded>) -> (Vec<(Uuid, String)>, Vec<String>) {
    let members = loaded.as_ref().map(|l| l.names.clone()).unwrap_or_default();
    let mut others: Vec<String> = match content_of(loaded, SectionKind::Network) {
        Some(SectionContent::Network(n)) => n
            .people
            .iter()
            .map(|p| p.name.trim().to_string())
            .filter(|name| !name.is_empty() && !members.iter().any(|(_, m)| m == name))
            .collect(),
        _ => Vec::new(),
    };
    others.dedup();
    (members, others)
}

/// The value of the select for an assignee: `m:<id>`, `p:<name>`, `other` or empty.
fn choice_of(who: &Value, network: &[String], other: bool) -> String {
    let name = who.get("name").and_then(Value::as_str).unwrap_or_default();
    match who.get("user_id").and_then(Value::as_str) {
        Some(id) => format!("m:{id}"),
        None if other => "other".into(),
        None if name.is_empty() => String::new(),
        None if network.iter().any(|n| n == name) => format!("p:{name}"),
        None => "other".into(),
    }
}

/// The assignee a select value stands for.
fn assignee_of(choice: &str) -> Value {
    match choice.split_once(':') {
        Some(("m", id)) => json!({"type": "member", "user_id": id}),
        Some(("p", name)) => json!({"type": "person", "name": name}),
        _ => json!({"type": "person", "name": ""}),
    }
}

/// "Wie doet het?": a select of members and network people, or a name typed in.
#[component]
pub fn WhoPicker(
    id: String,
    label: K,
    path: String,
    draft: Signal<Value>,
    seed: Option<Seed>,
    error: Option<K>,
) -> Element {
    let i = use_i18n();
    let mut draft = draft;
    let loaded = use_family(true, true, false);
    let (members, network) = people(&loaded.read());
    let who = schema::get(&draft.read(), &path)
        .cloned()
        .unwrap_or(Value::Null);
    let mut other = use_signal(|| false);
    let choice = choice_of(&who, &network, other());
    let name = who
        .get("name")
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    let (pick_path, pick_seed) = (path.clone(), seed.clone());
    rsx! {
        div { class: "field",
            label { r#for: "{id}", {i.t(label)} }
            select {
                id: "{id}",
                aria_invalid: if error.is_some() { "true" } else { "false" },
                onchange: move |e: FormEvent| {
                    let value = e.value();
                    other.set(value == "other");
                    put(&mut draft, &pick_seed, &pick_path, assignee_of(&value));
                },
                option { value: "", selected: choice.is_empty(), {i.t(K::WhoChoose)} }
                if !members.is_empty() {
                    optgroup { label: i.t(K::WhoMembers),
                        for (user, member) in members {
                            option { key: "{user}", value: "m:{user}", selected: choice == format!("m:{user}"), "{member}" }
                        }
                    }
                }
                if !network.is_empty() {
                    optgroup { label: i.t(K::WhoNetwork),
                        for person in network {
                            option { key: "{person}", value: "p:{person}", selected: choice == format!("p:{person}"), "{person}" }
                        }
                    }
                }
                option { value: "other", selected: choice == "other", {i.t(K::WhoOther)} }
            }
            if choice == "other" {
                label { r#for: "{id}-name", class: "sub-label", {i.t(K::WhoName)} }
                input {
                    id: "{id}-name", r#type: "text", value: "{name}", autocomplete: "off",
                    oninput: move |e: FormEvent| {
                        put(&mut draft, &seed, &path, json!({"type": "person", "name": e.value()}))
                    },
                }
            }
            ErrorText { id: "{id}-err", error }
        }
    }
}

/// "Voor welk doel?": one of the goals, or none.
#[component]
pub fn GoalPicker(
    id: String,
    label: K,
    path: String,
    draft: Signal<Value>,
    seed: Option<Seed>,
) -> Element {
    let i = use_i18n();
    let mut draft = draft;
    let loaded = use_family(true, false, false);
    let goals: Vec<(String, String)> = match content_of(&loaded.read(), SectionKind::Goals) {
        Some(SectionContent::Goals(g)) => g
            .goals
            .iter()
            .filter(|g| !g.id.is_empty() && !g.title.trim().is_empty())
            .map(|g| (g.id.clone(), g.title.trim().to_string()))
            .collect(),
        _ => Vec::new(),
    };
    let chosen = schema::get(&draft.read(), &path)
        .and_then(Value::as_str)
        .unwrap_or_default()
        .to_string();
    if goals.is_empty() && chosen.is_empty() {
        return rsx! {};
    }
    rsx! {
        div { class: "field",
            label { r#for: "{id}", {i.t(label)} }
            select {
                id: "{id}",
                onchange: move |e: FormEvent| {
                    let v = e.value();
                    let new = if v.is_empty() { Value::Null } else { Value::String(v) };
                    put(&mut draft, &seed, &path, new);
                },
                option { value: "", selected: chosen.is_empty(), {i.t(K::GoalNone)} }
                for (goal, title) in goals {
                    option { key: "{goal}", value: "{goal}", selected: chosen == goal, "{title}" }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_assignee_and_its_choice_go_both_ways() {
        let network = vec!["Buurvrouw Ans".to_string()];
        let id = "00000000-0000-0000-0000-000000000007";
        for choice in [format!("m:{id}"), "p:Buurvrouw Ans".into(), String::new()] {
            assert_eq!(choice_of(&assignee_of(&choice), &network, false), choice);
        }
        let typed = json!({"type": "person", "name": "Meester Jan"});
        assert_eq!(choice_of(&typed, &network, false), "other");
        let fresh = assignee_of("other");
        assert_eq!(choice_of(&fresh, &network, true), "other");
    }
}
