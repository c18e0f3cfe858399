//! One section shown as it reads ([`crate::words`]): headings, sentences and lists, phone
//! numbers that call, addresses that open maps, the 0–10 scale as steps; and the "Lees voor"
//! button that reads a screen's text aloud where the browser can.

use chrono::{DateTime, Utc};
use dioxus::prelude::*;
use onsplan_shared::client::{ClientResult, SectionScope};
use onsplan_shared::section::{Revision, SectionKind, SectionResponse};
use onsplan_shared::section_content::SectionContent;
use onsplan_shared::ClientError;
use uuid::Uuid;

use crate::api::{use_session, Session};
use crate::device::{self, KeptPlan};
use crate::open_family::family_id;

use crate::aloud;
use crate::components::scale::ScaleSteps;
use crate::i18n::{use_i18n, K};
use crate::words::{self, Block, Say};

/// The family's members by id, to say who does an agreement.
pub type Names = Vec<(Uuid, String)>;

/// What the reading screens and the agreement pickers load about the family, by one loader
/// (one piece of code in the app, however many screens use it).
pub struct Loaded {
    /// The plan the viewer may read (empty when not asked for).
    pub plan: ClientResult<Vec<SectionResponse>>,
    pub names: Names,
    /// The goals section's saves, when asked for and the viewer reads goals (so nobody's
    /// look is refused, and logged, for nothing).
    pub goal_saves: Vec<Revision>,
    /// Without a connection: when the plan kept on this device was read.
    pub offline_since: Option<DateTime<Utc>>,
}

/// Loads what `plan`, `names` and `history` ask for.
pub fn use_family(plan: bool, names: bool, history: bool) -> Resource<Loaded> {
    let session = use_session();
    let family = family_id();
    // The screens that read the whole plan with its names keep it on the person's own phone.
    let whole = plan && names;
    use_resource(move || async move {
        (session.back_online)();
        let sections = if plan {
            session
                .call(move |c| async move { c.plan(family).await })
                .await
        } else {
            Ok(Vec::new())
        };
        let names = if names {
            session
                .call(move |c| async move { c.family(family).await })
                .await
                .map(|f| f.members.into_iter().map(|m| (m.user_id, m.name)).collect())
                .unwrap_or_default()
        } else {
            Names::new()
        };
        let reads_goals = sections.as_ref().is_ok_and(|list| {
            list.iter()
                .any(|s| matches!(&s.content, SectionContent::Goals(g) if !g.goals.is_empty()))
        });
        let goal_saves = if history && reads_goals {
            session
                .call(move |c| async move {
                    c.revisions(SectionScope::Shared, family, SectionKind::Goals)
                        .await
                })
                .await
                .unwrap_or_default()
        } else {
            Vec::new()
        };
        let loaded = Loaded {
            plan: sections,
            names,
            goal_saves,
            offline_since: None,
        };
        if whole {
            return kept_on_device(session, family, loaded).await;
        }
        loaded
    })
}

/// On the person's own phone: keeps the plan just read (in the background), or, without a
/// connection, gives the one kept instead.
async fn kept_on_device(session: Session, family: Uuid, loaded: Loaded) -> Loaded {
    match &loaded.plan {
        Ok(sections) if device::is_own() => {
            let family_name = session
                .family
                .peek()
                .as_ref()
                .map(|f| f.name.clone())
                .unwrap_or_default();
            let plan = KeptPlan {
                family,
                family_name,
                at: Utc::now(),
                sections: sections.clone(),
                names: loaded.names.clone(),
                goal_saves: loaded.goal_saves.clone(),
            };
            // The screen shows the plan at once; the phone keeps it meanwhile.
            spawn(async move { device::keep(&plan).await });
            loaded
        }
        Err(ClientError::Transport(_)) => match device::kept(Some(family)).await {
            Some(kept) => Loaded::from(kept),
            None => loaded,
        },
        _ => loaded,
    }
}

impl From<KeptPlan> for Loaded {
    fn from(kept: KeptPlan) -> Self {
        Loaded {
            plan: Ok(kept.sections),
            names: kept.names,
            goal_saves: kept.goal_saves,
            offline_since: Some(kept.at),
        }
    }
}

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
/// `compact` shows only the loudspeaker (the words stay its accessible name).
#[component]
pub fn ReadAloud(text: String, #[props(default)] compact: bool) -> Element {
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
            aria_label: if compact { i.t(if speaking() { K::StopAloud } else { K::ReadAloud }) },
            "🔊"
            if !compact {
                " "
                {i.t(if speaking() { K::StopAloud } else { K::ReadAloud })}
            }
        }
    }
}
