//! Form parts every screen shares: a labelled input with its error said in words next to it,
//! the line that tells how a save or a call went, and the line shown while data is on its way.

use dioxus::prelude::*;

use crate::i18n::{use_i18n, K};

/// A labelled input bound to a signal: one line, or several with `multiline`.
#[component]
pub fn TextInput(
    id: String,
    label: K,
    value: Signal<String>,
    #[props(default = "text")] input_type: &'static str,
    #[props(default = "off")] autocomplete: &'static str,
    #[props(default)] hint: Option<K>,
    #[props(default)] error: Option<K>,
    #[props(default)] multiline: bool,
) -> Element {
    let i = use_i18n();
    let mut value = value;
    let described = match (hint.is_some(), error.is_some()) {
        (_, true) => format!("{id}-err"),
        (true, false) => format!("{id}-hint"),
        _ => String::new(),
    };
    rsx! {
        div { class: "field",
            label { r#for: "{id}", {i.t(label)} }
            if let Some(hint) = hint {
                p { id: "{id}-hint", class: "hint", {i.t(hint)} }
            }
            if multiline {
                textarea {
                    id: "{id}",
                    name: "{id}",
                    rows: "3",
                    value: "{value}",
                    aria_invalid: if error.is_some() { "true" } else { "false" },
                    aria_describedby: described.clone(),
                    oninput: move |e| value.set(e.value()),
                }
            } else {
                input {
                    id: "{id}",
                    name: "{id}",
                    r#type: input_type,
                    autocomplete,
                    value: "{value}",
                    aria_invalid: if error.is_some() { "true" } else { "false" },
                    aria_describedby: described,
                    oninput: move |e| value.set(e.value()),
                }
            }
            ErrorText { id: "{id}-err", error }
        }
    }
}

/// An error said in words, next to its field (nothing when there is no error).
#[component]
pub fn ErrorText(id: String, error: Option<K>) -> Element {
    let i = use_i18n();
    rsx! {
        if let Some(error) = error {
            p { id: "{id}", class: "field-error", role: "alert", {i.t(error)} }
        }
    }
}

/// A message about the whole form or screen, announced to screen readers.
#[component]
pub fn Notice(text: K, #[props(default)] error: bool) -> Element {
    let i = use_i18n();
    rsx! {
        p {
            class: if error { "notice notice-error" } else { "notice" },
            role: if error { "alert" } else { "status" },
            {i.t(text)}
        }
    }
}

/// "Even geduld…" while a screen's data is on its way, said to screen readers as a status.
#[component]
pub fn Loading() -> Element {
    let i = use_i18n();
    rsx! { p { class: "loading", role: "status", {i.t(K::Loading)} } }
}
