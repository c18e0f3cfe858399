//! One section shown as it reads ([`crate::words`]): headings, sentences and lists, phone
//! numbers that call, addresses that open maps, the 0–10 scale as steps; and the "Lees voor"
//! button that reads a screen's text aloud where the browser can.

use dioxus::prelude::*;
use onsplan_shared::section_content::SectionContent;
use uuid::Uuid;

use crate::aloud;
use crate::components::scale::ScaleSteps;
use crate::i18n::{use_i18n, K};
use crate::words::{self, Block, Say};

/// The family's members by id, to say who does an agreement.
pub type Names = Vec<(Uuid, String)>;

/// Today, to leave this year out of days (only its year counts, so UTC is close enough).
pub fn today() -> chrono::NaiveDate {
    chrono::Utc::now().date_naive()
}

/// The blocks of `content` in the app's language.
pub fn blocks_of(
    lang: onsplan_shared::auth::Locale,
    content: &SectionContent,
    names: &Names,
) -> Vec<Block> {
    let name_of = |id: Uuid| {
        names
            .iter()
            .find(|(n, _)| *n == id)
            .map(|(_, name)| name.clone())
    };
    let say = Say {
        lang,
        today: today(),
        name_of: &name_of,
    };
    words::blocks(&say, content)
}

/// A section's blocks; `history` holds each goal's earlier scale steps by goal title.
#[component]
pub fn SectionText(
    blocks: Vec<Block>,
    #[props(default)] history: Vec<(String, String)>,
) -> Element {
    // A goal's scale follows its title (a heading); its history is found by that title.
    let mut goal = String::new();
    let nodes: Vec<Element> = blocks
        .into_iter()
        .enumerate()
        .map(|(n, block)| match block {
            Block::Heading(text) => {
                goal = text.clone();
                rsx! { h3 { key: "{n}", "{text}" } }
            }
            Block::Para(text) => rsx! { p { key: "{n}", "{text}" } },
            Block::List(lines) => rsx! {
                ul { key: "{n}",
                    for (m, line) in lines.into_iter().enumerate() {
                        li { key: "{m}",
                            "{line.text}"
                            if let Some(link) = line.link {
                                ": "
                                a { href: "{link.href}", class: "call", "{link.shown}" }
                            }
                        }
                    }
                }
            },
            Block::Scale(value) => {
                let earlier = history
                    .iter()
                    .find(|(g, _)| *g == goal)
                    .map(|(_, h)| h.clone());
                rsx! { ScaleSteps { key: "{n}", value, earlier } }
            }
        })
        .collect();
    rsx! {
        div { class: "reading", {nodes.into_iter()} }
    }
}

/// "Lees voor": reads `text` aloud, a second tap stops. Hidden where the browser cannot speak.
#[component]
pub fn ReadAloud(text: String) -> Element {
    let i = use_i18n();
    let mut speaking = use_signal(|| false);
    if !aloud::can_speak() {
        return rsx! {};
    }
    rsx! {
        button {
            class: "button aloud",
            r#type: "button",
            aria_pressed: if speaking() { "true" } else { "false" },
            onclick: move |_| {
                if speaking() {
                    aloud::stop();
                } else {
                    aloud::speak(&text, i.lang().as_str());
                }
                speaking.toggle();
            },
            "🔊 "
            {i.t(if speaking() { K::StopAloud } else { K::ReadAloud })}
        }
    }
}
