//! The 0–10 "where are we now" scale as a row of eleven numbered steps with its ends said in
//! words: shown when reading, and picked with a tap in the editor.

use dioxus::prelude::*;

use crate::i18n::{fill, use_i18n, K};

/// The ends of the scale explained, under the steps.
#[component]
fn Ends() -> Element {
    let i = use_i18n();
    rsx! {
        p { class: "scale-ends",
            span { {i.t(K::ScaleLow)} }
            span { {i.t(K::ScaleHigh)} }
        }
    }
}

/// Where a goal is now, with the earlier steps (`earlier`, in words) when known.
#[component]
pub fn ScaleSteps(value: u8, #[props(default)] earlier: Option<String>) -> Element {
    let i = use_i18n();
    let now = fill(i.t(K::ScaleAt), &[("n", &value.to_string())]);
    rsx! {
        div { class: "scale-read",
            ol { class: "steps", aria_hidden: "true",
                for n in 0..=10u8 {
                    li { key: "{n}", class: if n == value { "here" } else if n < value { "past" } else { "" }, "{n}" }
                }
            }
            p { class: "scale-now", "{now}" }
            Ends {}
            if let Some(earlier) = earlier {
                p { class: "hint scale-history", "{earlier}" }
            }
        }
    }
}

/// Eleven steps to tap, as radio buttons named `id`; `on_pick` gets the step chosen.
#[component]
pub fn ScalePicker(id: String, label: K, value: u8, on_pick: EventHandler<u8>) -> Element {
    let i = use_i18n();
    rsx! {
        fieldset { class: "field scale-pick", id: "{id}", aria_describedby: "{id}-ends",
            legend { {i.t(label)} }
            div { class: "steps",
                for n in 0..=10u8 {
                    input {
                        key: "{n}",
                        id: "{id}-{n}",
                        r#type: "radio",
                        name: "{id}",
                        value: "{n}",
                        checked: n == value,
                        onchange: move |_| on_pick.call(n),
                    }
                    label { r#for: "{id}-{n}", "{n}" }
                }
            }
            div { id: "{id}-ends", Ends {} }
        }
    }
}
