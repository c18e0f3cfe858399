//! How each of the eleven section kinds is edited: a small description of its fields (text,
//! lists of lines, lists of items, a 0–10 scale, dates, done/open), following the typed content
//! in `onsplan_shared::section_content`. The editor and the read-only views render from this;
//! field keys equal the JSON names, so a validation error's path points at its field.

use onsplan_shared::section::SectionKind;
use onsplan_shared::section_content::SectionContent;
use serde_json::Value;

use crate::i18n::K;

/// One field of a section's content.
#[derive(Debug, PartialEq)]
pub enum Field {
    /// Free text; `long` shows a multi-line box.
    Text {
        key: &'static str,
        label: K,
        long: bool,
    },
    /// A list of short texts, one box each; `item` names one ("Zorg 2").
    Lines {
        key: &'static str,
        label: K,
        item: K,
    },
    /// A list of items with their own fields; `item` names one ("Afspraak 2"). `id` items
    /// get a generated id when added.
    List {
        key: &'static str,
        label: K,
        item: K,
        fields: &'static [Field],
        id: bool,
    },
    /// A nested object shown as one block (a life domain).
    Group {
        key: &'static str,
        label: K,
        fields: &'static [Field],
    },
    /// The "where are we now" scale, 0 to 10.
    Scale { key: &'static str, label: K },
    /// A calendar date or nothing.
    Date { key: &'static str, label: K },
    /// Whole number or nothing (a child's age).
    Number { key: &'static str, label: K },
    /// `open` / `done` as a checkbox.
    Done { key: &'static str, label: K },
    /// Who does something: a member (`{"type": "member", "user_id": ...}`) or a person named
    /// in words (`{"type": "person", "name": ...}`), picked from the family and its network.
    Person { key: &'static str, label: K },
    /// A phone number: the number pad on a phone, a link that calls when read.
    Phone { key: &'static str, label: K },
    /// The goal an agreement serves, by the goal's id, picked from the goals section.
    Goal { key: &'static str, label: K },
}

impl Field {
    pub fn key(&self) -> &'static str {
        match self {
            Field::Text { key, .. }
            | Field::Lines { key, .. }
            | Field::List { key, .. }
            | Field::Group { key, .. }
            | Field::Scale { key, .. }
            | Field::Date { key, .. }
            | Field::Number { key, .. }
            | Field::Done { key, .. }
            | Field::Person { key, .. }
            | Field::Phone { key, .. }
            | Field::Goal { key, .. } => key,
        }
    }

    pub fn label(&self) -> K {
        match self {
            Field::Text { label, .. }
            | Field::Lines { label, .. }
            | Field::List { label, .. }
            | Field::Group { label, .. }
            | Field::Scale { label, .. }
            | Field::Date { label, .. }
            | Field::Number { label, .. }
            | Field::Done { label, .. }
            | Field::Person { label, .. }
            | Field::Phone { label, .. }
            | Field::Goal { label, .. } => *label,
        }
    }
}

const fn text(key: &'static str, label: K) -> Field {
    Field::Text {
        key,
        label,
        long: false,
    }
}

const fn long(key: &'static str, label: K) -> Field {
    Field::Text {
        key,
        label,
        long: true,
    }
}

const DOMAIN: &[Field] = &[
    long("how_it_goes", K::FHowItGoes),
    long("what_is_needed", K::FWhatIsNeeded),
];

const ABOUT: &[Field] = &[
    long("who_we_are", K::FWhoWeAre),
    Field::List {
        key: "children",
        label: K::FChildren,
        item: K::OneChild,
        fields: &[
            text("name", K::FChildName),
            Field::Number {
                key: "age",
                label: K::FChildAge,
            },
            long("about", K::FChildAbout),
        ],
        id: false,
    },
    long("what_matters", K::FWhatMatters),
];
const CONCERNS: &[Field] = &[Field::Lines {
    key: "worries",
    label: K::FWorries,
    item: K::FWorry,
}];
const STRENGTHS: &[Field] = &[
    Field::Lines {
        key: "going_well",
        label: K::FGoingWell,
        item: K::FLine,
    },
    Field::Lines {
        key: "worked_before",
        label: K::FWorkedBefore,
        item: K::FLine,
    },
];
const GOALS: &[Field] = &[Field::List {
    key: "goals",
    label: K::FGoals,
    item: K::OneGoal,
    fields: &[
        long("title", K::FGoalTitle),
        Field::Scale {
            key: "scale_now",
            label: K::FScaleNow,
        },
        long("next_step", K::FNextStep),
    ],
    id: true,
}];
const AGREEMENTS: &[Field] = &[Field::List {
    key: "items",
    label: K::FAgreements,
    item: K::OneAgreement,
    fields: &[
        Field::Person {
            key: "who",
            label: K::FWho,
        },
        long("what", K::FWhat),
        Field::Date {
            key: "by_when",
            label: K::FByWhen,
        },
        Field::Goal {
            key: "goal_id",
            label: K::FForGoal,
        },
        Field::Done {
            key: "status",
            label: K::FDone,
        },
    ],
    id: true,
}];
const NETWORK: &[Field] = &[Field::List {
    key: "people",
    label: K::FPeople,
    item: K::OnePerson,
    fields: &[
        text("name", K::FPersonName),
        text("relation", K::FRelation),
        long("can_offer", K::FCanOffer),
        text("contact", K::FContact),
    ],
    id: false,
}];
const SAFETY: &[Field] = &[
    Field::Lines {
        key: "warning_signs",
        label: K::FWarningSigns,
        item: K::FLine,
    },
    Field::Lines {
        key: "what_we_do",
        label: K::FWhatWeDo,
        item: K::FLine,
    },
    Field::List {
        key: "whom_we_call",
        label: K::FWhomWeCall,
        item: K::OneContact,
        fields: &[
            text("name", K::FPersonName),
            text("relation", K::FRelation),
            Field::Phone {
                key: "phone",
                label: K::FPhone,
            },
        ],
        id: false,
    },
    Field::List {
        key: "safe_places",
        label: K::FSafePlaces,
        item: K::OnePlace,
        fields: &[
            text("name", K::FPlaceName),
            text("address", K::FAddress),
            long("note", K::FNote),
        ],
        id: false,
    },
];
const LIFE_DOMAINS: &[Field] = &[
    Field::Group {
        key: "work",
        label: K::FWork,
        fields: DOMAIN,
    },
    Field::Group {
        key: "money",
        label: K::FMoney,
        fields: DOMAIN,
    },
    Field::Group {
        key: "housing",
        label: K::FHousing,
        fields: DOMAIN,
    },
    Field::Group {
        key: "care",
        label: K::FCare,
        fields: DOMAIN,
    },
    Field::Group {
        key: "support",
        label: K::FSupport,
        fields: DOMAIN,
    },
];
const PROFESSIONAL_HELP: &[Field] = &[Field::List {
    key: "requests",
    label: K::FRequests,
    item: K::OneRequest,
    fields: &[long("what", K::FHelpWhat), text("from_whom", K::FFromWhom)],
    id: false,
}];
const CHILDREN: &[Field] = &[Field::List {
    key: "voices",
    label: K::FVoices,
    item: K::OneChild,
    fields: &[text("child_name", K::FChildName), long("words", K::FWords)],
    id: false,
}];
const EVALUATION: &[Field] = &[
    Field::Date {
        key: "next_review",
        label: K::FNextReview,
    },
    Field::List {
        key: "reviews",
        label: K::FReviews,
        item: K::OneReview,
        fields: &[
            Field::Date {
                key: "held_on",
                label: K::FHeldOn,
            },
            long("outcome", K::FOutcome),
        ],
        id: false,
    },
];

/// The fields of a section kind, in the order the editor shows them.
pub fn fields(kind: SectionKind) -> &'static [Field] {
    match kind {
        SectionKind::About => ABOUT,
        SectionKind::Concerns => CONCERNS,
        SectionKind::Strengths => STRENGTHS,
        SectionKind::Goals => GOALS,
        SectionKind::Agreements => AGREEMENTS,
        SectionKind::Network => NETWORK,
        SectionKind::Safety => SAFETY,
        SectionKind::LifeDomains => LIFE_DOMAINS,
        SectionKind::ProfessionalHelp => PROFESSIONAL_HELP,
        SectionKind::Children => CHILDREN,
        SectionKind::Evaluation => EVALUATION,
    }
}

/// Title and one-line description of a kind.
pub fn title(kind: SectionKind) -> (K, K) {
    match kind {
        SectionKind::About => (K::KindAbout, K::AboutAbout),
        SectionKind::Concerns => (K::KindConcerns, K::AboutConcerns),
        SectionKind::Strengths => (K::KindStrengths, K::AboutStrengths),
        SectionKind::Goals => (K::KindGoals, K::AboutGoals),
        SectionKind::Agreements => (K::KindAgreements, K::AboutAgreements),
        SectionKind::Network => (K::KindNetwork, K::AboutNetwork),
        SectionKind::Safety => (K::KindSafety, K::AboutSafety),
        SectionKind::LifeDomains => (K::KindLifeDomains, K::AboutLifeDomains),
        SectionKind::ProfessionalHelp => (K::KindProfessionalHelp, K::AboutProfessionalHelp),
        SectionKind::Children => (K::KindChildren, K::AboutChildren),
        SectionKind::Evaluation => (K::KindEvaluation, K::AboutEvaluation),
    }
}

/// One or two short examples of what families write in a section ("Bijvoorbeeld: …").
pub fn example(kind: SectionKind) -> K {
    match kind {
        SectionKind::About => K::ExAbout,
        SectionKind::Concerns => K::ExConcerns,
        SectionKind::Strengths => K::ExStrengths,
        SectionKind::Goals => K::ExGoals,
        SectionKind::Agreements => K::ExAgreements,
        SectionKind::Network => K::ExNetwork,
        SectionKind::Safety => K::ExSafety,
        SectionKind::LifeDomains => K::ExLifeDomains,
        SectionKind::ProfessionalHelp => K::ExProfessionalHelp,
        SectionKind::Children => K::ExChildren,
        SectionKind::Evaluation => K::ExEvaluation,
    }
}

/// Where a top-level `field` stands in its section: the kind, its place (from 0) and how
/// many fields the section has.
pub fn place(field: &Field) -> Option<(SectionKind, usize, usize)> {
    SectionKind::ALL.into_iter().find_map(|kind| {
        let all = fields(kind);
        all.iter()
            .position(|f| f == field)
            .map(|at| (kind, at, all.len()))
    })
}

/// A new, empty item for a list with these fields.
pub fn new_item(fields: &[Field], with_id: bool) -> Value {
    let mut item = serde_json::Map::new();
    if with_id {
        item.insert("id".into(), Value::String(crate::platform::new_item_id()));
    }
    for field in fields {
        let value = match field {
            Field::Text { .. } | Field::Phone { .. } => Value::String(String::new()),
            Field::Goal { .. } => Value::Null,
            Field::Lines { .. } | Field::List { .. } => Value::Array(Vec::new()),
            Field::Group { fields, .. } => new_item(fields, false),
            Field::Scale { .. } => Value::from(0),
            Field::Date { .. } | Field::Number { .. } => Value::Null,
            Field::Done { .. } => Value::String("open".into()),
            Field::Person { .. } => serde_json::json!({"type": "person", "name": ""}),
        };
        item.insert(field.key().into(), value);
    }
    Value::Object(item)
}

/// Reads the value at a dotted path (`items.0.what`).
pub fn get<'a>(root: &'a Value, path: &str) -> Option<&'a Value> {
    path.split('.')
        .filter(|p| !p.is_empty())
        .try_fold(root, |value, part| match value {
            Value::Object(map) => map.get(part),
            Value::Array(items) => items.get(part.parse::<usize>().ok()?),
            _ => None,
        })
}

/// Writes `new` at a dotted path, creating objects on the way.
pub fn set(root: &mut Value, path: &str, new: Value) {
    let mut value = root;
    for part in path.split('.').filter(|p| !p.is_empty()) {
        if let Value::Array(items) = value {
            match part.parse::<usize>().ok().and_then(|i| items.get_mut(i)) {
                Some(item) => value = item,
                None => return,
            }
            continue;
        }
        if !value.is_object() {
            *value = Value::Object(serde_json::Map::new());
        }
        value = value
            .as_object_mut()
            .expect("just made an object")
            .entry(part.to_string())
            .or_insert(Value::Null);
    }
    *value = new;
}

/// Joins a parent path and a key.
pub fn join(path: &str, key: &str) -> String {
    if path.is_empty() {
        key.to_string()
    } else {
        format!("{path}.{key}")
    }
}

/// How many things are filled in: non-empty texts, items and set values.
pub fn filled(value: &Value) -> usize {
    match value {
        Value::String(s) => usize::from(!s.trim().is_empty() && s != "open" && s != "person"),
        Value::Array(items) => items.iter().map(filled).sum(),
        Value::Object(map) => map
            .iter()
            .filter(|(k, _)| k.as_str() != "id")
            .map(|(_, v)| filled(v))
            .sum(),
        _ => 0,
    }
}

/// The `data` part of a section's content, as the editor holds it.
///
/// Both conversions go through JSON text, as the API client sends and reads it (see
/// `SectionContent`'s `Deserialize`), rather than `serde_json::Value`'s own (de)serializer: the
/// wasm then carries one copy of each content type's serde code each way, not two.
pub fn data_of(content: &SectionContent) -> Value {
    serde_json::to_string(content)
        .ok()
        .and_then(|text| serde_json::from_slice::<Value>(text.as_bytes()).ok())
        .and_then(|v| v.get("data").cloned())
        .unwrap_or(Value::Null)
}

/// The typed content of `kind` from an editor's `data`.
pub fn content_of(kind: SectionKind, data: &Value) -> serde_json::Result<SectionContent> {
    SectionContent::from_data(kind, &data.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use onsplan_shared::section_content::SectionContent;

    /// A new item of every list, in every kind, deserialises into the shared types.
    #[test]
    fn new_items_fit_the_shared_content_types() {
        for kind in SectionKind::ALL {
            let mut data = new_item(fields(kind), false);
            for field in fields(kind) {
                if let Field::List {
                    key, fields, id, ..
                } = field
                {
                    data[*key] = Value::Array(vec![new_item(fields, *id)]);
                }
                if let Field::Lines { key, .. } = field {
                    data[*key] = serde_json::json!(["x"]);
                }
            }
            let wire = serde_json::json!({"kind": kind.as_str(), "data": data});
            let parsed: Result<SectionContent, _> = serde_json::from_value(wire.clone());
            assert!(parsed.is_ok(), "{kind}: {wire} {parsed:?}");
        }
    }

    #[test]
    fn every_top_level_field_knows_its_own_section() {
        for kind in SectionKind::ALL {
            for (at, field) in fields(kind).iter().enumerate() {
                assert_eq!(place(field), Some((kind, at, fields(kind).len())));
            }
        }
    }

    #[test]
    fn paths_read_and_write_nested_values() {
        let mut value = serde_json::json!({"items": [{"what": "a"}]});
        set(&mut value, "items.0.what", Value::String("b".into()));
        set(&mut value, "work.how_it_goes", Value::String("ok".into()));
        assert_eq!(get(&value, "items.0.what").unwrap(), "b");
        assert_eq!(get(&value, "work.how_it_goes").unwrap(), "ok");
        assert!(get(&value, "items.3.what").is_none());
    }
}
