//! Form parts the network and consent screens share: ticking sections, the "up to and
//! including" day with its default and maximum explained, a button that asks before it acts,
//! and the list of section titles said in words.

use chrono::NaiveDate;
use dioxus::prelude::*;
use onsplan_shared::section::SectionKind;

use crate::components::form::ErrorText;
use crate::i18n::{fill, use_i18n, I18n, K};
use crate::{dates, schema};

/// The titles of `kinds`, in plan order: "Over ons gezin, Veiligheidsplan".
pub fn section_titles(i: I18n, kinds: impl IntoIterator<Item = SectionKind>) -> String {
    let mut kinds: Vec<SectionKind> = kinds.into_iter().collect();
    kinds.sort();
    kinds.dedup();
    kinds
        .into_iter()
        .map(|kind| i.t(schema::title(kind).0))
        .collect::<Vec<_>>()
        .join(", ")
}

/// One checkbox per kind in `kinds`; `chosen` holds the ticked ones, in plan order.
#[component]
pub fn SectionChoice(
    id: String,
    legend: String,
    kinds: Vec<SectionKind>,
    chosen: Signal<Vec<SectionKind>>,
    #[props(default)] error: Option<K>,
) -> Element {
    let i = use_i18n();
    let mut chosen = chosen;
    rsx! {
        fieldset { class: "choices", id: "{id}",
            legend { "{legend}" }
            for kind in kinds {
                div { key: "{kind}", class: "field check",
                    input {
                        id: "{id}-{kind}",
                        r#type: "checkbox",
                        checked: chosen.read().contains(&kind),
                        onchange: move |e: FormEvent| {
                            let mut list = chosen.write();
                            list.retain(|k| *k != kind);
                            if e.checked() {
                                list.push(kind);
                                list.sort();
                            }
                        },
                    }
                    label { r#for: "{id}-{kind}", {i.t(schema::title(kind).0)} }
                }
            }
            ErrorText { id: "{id}-err", error }
        }
    }
}

/// The last day something is shared, with the rule explained (`hint`, filled with `max`):
/// the form starts at `value`, and `max` is the latest day allowed.
#[component]
pub fn UntilField(
    id: String,
    value: Signal<String>,
    max: NaiveDate,
    #[props(default = K::UntilHint)] hint: K,
    #[props(default)] error: Option<K>,
) -> Element {
    let i = use_i18n();
    let mut value = value;
    let min = dates::today(chrono::Utc::now());
    let hint = fill(i.t(hint), &[("date", &i.day(dates::start_of(max)))]);
    let described = if error.is_some() {
        format!("{id}-hint {id}-err")
    } else {
        format!("{id}-hint")
    };
    rsx! {
        div { class: "field",
            label { r#for: "{id}", {i.t(K::FieldUntil)} }
            p { id: "{id}-hint", class: "hint", "{hint}" }
            input {
                id: "{id}",
                r#type: "date",
                min: dates::input_value(min),
                max: dates::input_value(max),
                value: "{value}",
                aria_invalid: if error.is_some() { "true" } else { "false" },
                aria_describedby: described,
                oninput: move |e| value.set(e.value()),
            }
            ErrorText { id: "{id}-err", error }
        }
    }
}

/// A button that first asks "are you sure?" in words, then acts on the second tap.
#[component]
pub fn ConfirmButton(
    id: String,
    label: K,
    question: String,
    confirm: K,
    on_confirm: EventHandler<()>,
    #[props(default)] disabled: bool,
    /// The button's name for screen readers when a list repeats it ("Ontkoppelen: Jan").
    #[props(default)]
    label_text: Option<String>,
) -> Element {
    let i = use_i18n();
    let mut asking = use_signal(|| false);
    rsx! {
        if asking() {
            div { class: "confirm", role: "group", aria_labelledby: "{id}-question",
                p { id: "{id}-question", "{question}" }
                div { class: "actions",
                    button {
                        id: "{id}-yes",
                        class: "button danger",
                        r#type: "button",
                        disabled,
                        onclick: move |_| {
                            asking.set(false);
                            on_confirm.call(());
                        },
                        {i.t(confirm)}
                    }
                    button {
                        id: "{id}-no",
                        class: "button",
                        r#type: "button",
                        // The question replaced the button that had focus: keep keyboard users here.
                        onmounted: move |e: MountedEvent| async move {
                            let _ = e.set_focus(true).await;
                        },
                        onclick: move |_| asking.set(false),
                        {i.t(K::ConfirmNo)}
                    }
                }
            }
        } else {
            button { id: "{id}", class: "button", r#type: "button", aria_label: label_text, disabled, onclick: move |_| asking.set(true), {i.t(label)} }
        }
    }
}
