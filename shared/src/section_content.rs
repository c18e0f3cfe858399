//! The typed content of each of the eleven plan sections, and the rules it must meet.
//!
//! On the wire content is `{"kind": "<section kind>", "data": {...}}`; every struct refuses
//! unknown fields so a typo in a client never silently drops text.

use chrono::NaiveDate;
use serde::{de::Error as _, Deserialize, Deserializer, Serialize};
use serde_json::value::RawValue;

use crate::commitment::{Commitment, HandedBack};
use crate::section::SectionKind;
use crate::validate::{self, lines, list, required_text, text, Checked, FieldError};
use crate::validate::{LONG_TEXT, SHORT_TEXT};

/// Content of one section, tagged with its kind. Deserialised by hand (see the `Deserialize`
/// impl below); serialised by the derive.
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(
    tag = "kind",
    content = "data",
    rename_all = "snake_case",
    deny_unknown_fields
)]
pub enum SectionContent {
    About(AboutUs),
    Concerns(Concerns),
    Strengths(Strengths),
    Goals(Goals),
    Agreements(Agreements),
    Network(Network),
    Safety(SafetyPlan),
    LifeDomains(LifeDomains),
    ProfessionalHelp(ProfessionalHelp),
    Children(ChildrenVoice),
    Evaluation(Evaluation),
}

/// Content as it travels, before its data is read as the kind's type.
#[derive(Deserialize)]
#[serde(rename = "SectionContent", deny_unknown_fields)]
struct Wire {
    kind: SectionKind,
    data: Box<RawValue>,
}

/// Reads `{"kind": …, "data": {…}}` in two steps, the kind and the data's JSON text, then that
/// text as the kind's type. Same wire format and refusals as serde's adjacently tagged derive
/// (duplicate keys included), which buffers unknown-order input and so compiles every content
/// type's parser twice more: code the app's wasm would carry to every phone.
impl<'de> Deserialize<'de> for SectionContent {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let wire = Wire::deserialize(deserializer)?;
        SectionContent::from_data(wire.kind, wire.data.get()).map_err(D::Error::custom)
    }
}

impl SectionContent {
    /// The empty content of a section nobody has written yet.
    pub fn empty(kind: SectionKind) -> Self {
        match kind {
            SectionKind::About => SectionContent::About(AboutUs::default()),
            SectionKind::Concerns => SectionContent::Concerns(Concerns::default()),
            SectionKind::Strengths => SectionContent::Strengths(Strengths::default()),
            SectionKind::Goals => SectionContent::Goals(Goals::default()),
            SectionKind::Agreements => SectionContent::Agreements(Agreements::default()),
            SectionKind::Network => SectionContent::Network(Network::default()),
            SectionKind::Safety => SectionContent::Safety(SafetyPlan::default()),
            SectionKind::LifeDomains => SectionContent::LifeDomains(LifeDomains::default()),
            SectionKind::ProfessionalHelp => {
                SectionContent::ProfessionalHelp(ProfessionalHelp::default())
            }
            SectionKind::Children => SectionContent::Children(ChildrenVoice::default()),
            SectionKind::Evaluation => SectionContent::Evaluation(Evaluation::default()),
        }
    }

    /// The content of `kind` from its `data` object's JSON text.
    pub fn from_data(kind: SectionKind, data: &str) -> serde_json::Result<Self> {
        use serde_json::from_str as read;
        Ok(match kind {
            SectionKind::About => SectionContent::About(read(data)?),
            SectionKind::Concerns => SectionContent::Concerns(read(data)?),
            SectionKind::Strengths => SectionContent::Strengths(read(data)?),
            SectionKind::Goals => SectionContent::Goals(read(data)?),
            SectionKind::Agreements => SectionContent::Agreements(read(data)?),
            SectionKind::Network => SectionContent::Network(read(data)?),
            SectionKind::Safety => SectionContent::Safety(read(data)?),
            SectionKind::LifeDomains => SectionContent::LifeDomains(read(data)?),
            SectionKind::ProfessionalHelp => SectionContent::ProfessionalHelp(read(data)?),
            SectionKind::Children => SectionContent::Children(read(data)?),
            SectionKind::Evaluation => SectionContent::Evaluation(read(data)?),
        })
    }

    pub fn kind(&self) -> SectionKind {
        match self {
            SectionContent::About(_) => SectionKind::About,
            SectionContent::Concerns(_) => SectionKind::Concerns,
            SectionContent::Strengths(_) => SectionKind::Strengths,
            SectionContent::Goals(_) => SectionKind::Goals,
            SectionContent::Agreements(_) => SectionKind::Agreements,
            SectionContent::Network(_) => SectionKind::Network,
            SectionContent::Safety(_) => SectionKind::Safety,
            SectionContent::LifeDomains(_) => SectionKind::LifeDomains,
            SectionContent::ProfessionalHelp(_) => SectionKind::ProfessionalHelp,
            SectionContent::Children(_) => SectionKind::Children,
            SectionContent::Evaluation(_) => SectionKind::Evaluation,
        }
    }

    /// Checks every field against the limits in [`crate::validate`]; field paths start with
    /// `content.`.
    pub fn validate(&self) -> Checked {
        match self {
            SectionContent::About(c) => c.validate(),
            SectionContent::Concerns(c) => lines("content.worries", &c.worries),
            SectionContent::Strengths(c) => {
                lines("content.going_well", &c.going_well)?;
                lines("content.worked_before", &c.worked_before)
            }
            SectionContent::Goals(c) => list("content.goals", &c.goals, Goal::validate),
            SectionContent::Agreements(c) => list("content.items", &c.items, Agreement::validate),
            SectionContent::Network(c) => {
                list("content.people", &c.people, NetworkPerson::validate)
            }
            SectionContent::Safety(c) => c.validate(),
            SectionContent::LifeDomains(c) => c.validate(),
            SectionContent::ProfessionalHelp(c) => {
                list("content.requests", &c.requests, HelpRequest::validate)
            }
            SectionContent::Children(c) => list("content.voices", &c.voices, ChildVoice::validate),
            SectionContent::Evaluation(c) => list("content.reviews", &c.reviews, Review::validate),
        }
    }
}

/// Over ons gezin: who we are, the children, what matters to us.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct AboutUs {
    pub who_we_are: String,
    pub children: Vec<Child>,
    pub what_matters: String,
}

impl AboutUs {
    fn validate(&self) -> Checked {
        text("content.who_we_are", &self.who_we_are, LONG_TEXT)?;
        list("content.children", &self.children, Child::validate)?;
        text("content.what_matters", &self.what_matters, LONG_TEXT)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Child {
    pub name: String,
    pub age: Option<u8>,
    pub about: String,
}

impl Child {
    fn validate(path: &str, child: &Self) -> Checked {
        required_text(&format!("{path}.name"), &child.name, SHORT_TEXT)?;
        if child.age.is_some_and(|age| age > 25) {
            return Err(FieldError::new(format!("{path}.age"), "must be 25 or less"));
        }
        text(&format!("{path}.about"), &child.about, LONG_TEXT)
    }
}

/// Waar maken we ons zorgen over: worries in the family's own words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Concerns {
    pub worries: Vec<String>,
}

/// Wat gaat goed: what works now and what worked before.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Strengths {
    pub going_well: Vec<String>,
    pub worked_before: Vec<String>,
}

/// Wat willen we bereiken: goals, each with a 0–10 "where are we now".
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Goals {
    pub goals: Vec<Goal>,
}

/// Highest value of a goal's "where are we now" scale.
pub const SCALE_MAX: u8 = 10;

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Goal {
    /// Chosen by the client; agreements link to a goal by this id.
    pub id: String,
    pub title: String,
    /// 0 = not started, 10 = reached.
    pub scale_now: u8,
    pub next_step: String,
}

impl Goal {
    fn validate(path: &str, goal: &Self) -> Checked {
        item_id(&format!("{path}.id"), &goal.id)?;
        required_text(&format!("{path}.title"), &goal.title, LONG_TEXT)?;
        if goal.scale_now > SCALE_MAX {
            return Err(FieldError::new(
                format!("{path}.scale_now"),
                format!("must be between 0 and {SCALE_MAX}"),
            ));
        }
        text(&format!("{path}.next_step"), &goal.next_step, LONG_TEXT)
    }
}

/// Afspraken: who does what by when.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Agreements {
    pub items: Vec<Agreement>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Agreement {
    pub id: String,
    pub what: String,
    /// Who does it: a member of the family's account or a person without one.
    pub who: Assignee,
    pub by_when: Option<NaiveDate>,
    pub status: AgreementStatus,
    /// The goal this agreement works towards, by [`Goal::id`].
    pub goal_id: Option<String>,
    /// Who took it on ("Ik doe dit"); written by the commitment endpoints.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub commitment: Option<Commitment>,
    /// Who handed it back last, with their word.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub handed_back: Option<HandedBack>,
}

impl Agreement {
    fn validate(path: &str, item: &Self) -> Checked {
        item_id(&format!("{path}.id"), &item.id)?;
        required_text(&format!("{path}.what"), &item.what, LONG_TEXT)?;
        match &item.who {
            Assignee::Member { .. } => {}
            Assignee::Person { name } => text(&format!("{path}.who.name"), name, SHORT_TEXT)?,
        }
        if let Some(back) = &item.handed_back {
            HandedBack::validate(&format!("{path}.handed_back"), back)?;
        }
        match &item.goal_id {
            Some(goal) => item_id(&format!("{path}.goal_id"), goal),
            None => Ok(()),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(tag = "type", rename_all = "snake_case", deny_unknown_fields)]
pub enum Assignee {
    Member { user_id: uuid::Uuid },
    Person { name: String },
}

impl Default for Assignee {
    fn default() -> Self {
        Assignee::Person {
            name: String::new(),
        }
    }
}

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(rename_all = "snake_case")]
pub enum AgreementStatus {
    #[default]
    Open,
    Done,
}

/// Ons netwerk: the people around the family.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Network {
    pub people: Vec<NetworkPerson>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct NetworkPerson {
    pub name: String,
    /// "oma", "buurvrouw", "mentor".
    pub relation: String,
    pub can_offer: String,
    pub contact: String,
}

impl NetworkPerson {
    fn validate(path: &str, person: &Self) -> Checked {
        required_text(&format!("{path}.name"), &person.name, SHORT_TEXT)?;
        text(&format!("{path}.relation"), &person.relation, SHORT_TEXT)?;
        text(&format!("{path}.can_offer"), &person.can_offer, LONG_TEXT)?;
        text(&format!("{path}.contact"), &person.contact, SHORT_TEXT)
    }
}

/// Veiligheidsplan: warning signs, what we do, whom we call, where the children can stay.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct SafetyPlan {
    pub warning_signs: Vec<String>,
    pub what_we_do: Vec<String>,
    pub whom_we_call: Vec<Contact>,
    pub safe_places: Vec<SafePlace>,
}

impl SafetyPlan {
    fn validate(&self) -> Checked {
        lines("content.warning_signs", &self.warning_signs)?;
        lines("content.what_we_do", &self.what_we_do)?;
        list(
            "content.whom_we_call",
            &self.whom_we_call,
            Contact::validate,
        )?;
        list(
            "content.safe_places",
            &self.safe_places,
            SafePlace::validate,
        )
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Contact {
    pub name: String,
    pub relation: String,
    pub phone: String,
}

impl Contact {
    fn validate(path: &str, contact: &Self) -> Checked {
        required_text(&format!("{path}.name"), &contact.name, SHORT_TEXT)?;
        text(&format!("{path}.relation"), &contact.relation, SHORT_TEXT)?;
        text(&format!("{path}.phone"), &contact.phone, SHORT_TEXT)
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct SafePlace {
    /// "bij opa en oma", "logeerplek bij de buren".
    pub name: String,
    pub address: String,
    pub note: String,
}

impl SafePlace {
    fn validate(path: &str, place: &Self) -> Checked {
        required_text(&format!("{path}.name"), &place.name, SHORT_TEXT)?;
        text(&format!("{path}.address"), &place.address, SHORT_TEXT)?;
        text(&format!("{path}.note"), &place.note, LONG_TEXT)
    }
}

/// Werk, geld, wonen, zorg, steun: the "big five" of daily life.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct LifeDomains {
    pub work: Domain,
    pub money: Domain,
    pub housing: Domain,
    pub care: Domain,
    pub support: Domain,
}

impl LifeDomains {
    fn validate(&self) -> Checked {
        [
            ("work", &self.work),
            ("money", &self.money),
            ("housing", &self.housing),
            ("care", &self.care),
            ("support", &self.support),
        ]
        .into_iter()
        .try_for_each(|(name, domain)| {
            text(
                &format!("content.{name}.how_it_goes"),
                &domain.how_it_goes,
                LONG_TEXT,
            )?;
            text(
                &format!("content.{name}.what_is_needed"),
                &domain.what_is_needed,
                LONG_TEXT,
            )
        })
    }
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Domain {
    pub how_it_goes: String,
    pub what_is_needed: String,
}

/// Hulp die we vragen: what the family asks of professionals.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct ProfessionalHelp {
    pub requests: Vec<HelpRequest>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct HelpRequest {
    pub what: String,
    pub from_whom: String,
}

impl HelpRequest {
    fn validate(path: &str, request: &Self) -> Checked {
        required_text(&format!("{path}.what"), &request.what, LONG_TEXT)?;
        text(&format!("{path}.from_whom"), &request.from_whom, SHORT_TEXT)
    }
}

/// Wat vinden de kinderen: the children's own words.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct ChildrenVoice {
    pub voices: Vec<ChildVoice>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct ChildVoice {
    pub child_name: String,
    pub words: String,
}

impl ChildVoice {
    fn validate(path: &str, voice: &Self) -> Checked {
        required_text(&format!("{path}.child_name"), &voice.child_name, SHORT_TEXT)?;
        text(&format!("{path}.words"), &voice.words, LONG_TEXT)
    }
}

/// Evaluatie: when the family reviews the plan, and what came out of each review.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Evaluation {
    pub next_review: Option<NaiveDate>,
    pub reviews: Vec<Review>,
}

#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[cfg_attr(feature = "openapi", derive(utoipa::ToSchema))]
#[serde(deny_unknown_fields, default)]
pub struct Review {
    pub held_on: Option<NaiveDate>,
    pub outcome: String,
}

impl Review {
    fn validate(path: &str, review: &Self) -> Checked {
        text(&format!("{path}.outcome"), &review.outcome, LONG_TEXT)
    }
}

/// A client-chosen id of an item inside a section: 1–64 letters, digits, `-` or `_`.
fn item_id(field: &str, id: &str) -> Checked {
    let ok = !id.is_empty()
        && id.len() <= 64
        && id
            .bytes()
            .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_');
    if ok {
        Ok(())
    } else {
        Err(validate::FieldError::new(
            field,
            "must be 1 to 64 letters, digits, - or _",
        ))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn empty_content_of_every_kind_is_valid_and_knows_its_kind() {
        for kind in SectionKind::ALL {
            let content = SectionContent::empty(kind);
            assert_eq!(content.kind(), kind);
            assert!(content.validate().is_ok());
        }
    }

    #[test]
    fn content_wire_format_is_kind_plus_data() {
        let content = SectionContent::Concerns(Concerns {
            worries: vec!["Tom slaapt slecht".into()],
        });
        let json = serde_json::to_value(&content).unwrap();
        assert_eq!(
            json,
            serde_json::json!({"kind": "concerns", "data": {"worries": ["Tom slaapt slecht"]}})
        );
    }

    #[test]
    fn unknown_content_fields_are_refused() {
        let json = r#"{"kind":"concerns","data":{"worries":[],"zorgen":[]}}"#;
        assert!(serde_json::from_str::<SectionContent>(json).is_err());
    }

    #[test]
    fn content_reads_back_in_either_key_order_from_text_or_value() {
        let content = SectionContent::Goals(Goals {
            goals: vec![Goal {
                id: "g1".into(),
                title: "Op tijd naar school".into(),
                scale_now: 4,
                next_step: "Wekker zetten".into(),
            }],
        });
        let text = serde_json::to_string(&content).unwrap();
        assert_eq!(
            serde_json::from_str::<SectionContent>(&text).unwrap(),
            content
        );
        let data_first = r#"{"data":{"goals":[{"id":"g1","title":"Op tijd naar school",
            "scale_now":4,"next_step":"Wekker zetten"}]},"kind":"goals"}"#;
        assert_eq!(
            serde_json::from_str::<SectionContent>(data_first).unwrap(),
            content
        );
        let value = serde_json::to_value(&content).unwrap();
        assert_eq!(
            serde_json::from_value::<SectionContent>(value).unwrap(),
            content
        );
    }

    #[test]
    fn content_without_kind_or_data_or_with_extra_or_repeated_keys_or_wrong_shape_is_refused() {
        for json in [
            r#"{"data":{"worries":[]}}"#,
            r#"{"kind":"concerns"}"#,
            r#"{"kind":"concerns","data":{"worries":[]},"extra":1}"#,
            r#"{"kind":"zorgen","data":{"worries":[]}}"#,
            r#"{"kind":"concerns","data":null}"#,
            r#"{"kind":"concerns","data":{"worries":"not a list"}}"#,
            r#"{"kind":"goals","data":{"worries":[]}}"#,
            r#"{"kind":"concerns","data":{"worries":[],"worries":[]}}"#,
            r#"{"kind":"about","data":{"children":[{"name":"a","name":"b"}]}}"#,
            r#"{"kind":"concerns","kind":"goals","data":{"worries":[]}}"#,
        ] {
            assert!(
                serde_json::from_str::<SectionContent>(json).is_err(),
                "{json}"
            );
        }
    }

    #[test]
    fn goal_scale_above_ten_names_the_field() {
        let content = SectionContent::Goals(Goals {
            goals: vec![Goal {
                id: "g1".into(),
                title: "Op tijd naar school".into(),
                scale_now: 11,
                next_step: String::new(),
            }],
        });
        assert_eq!(
            content.validate().unwrap_err().field,
            "content.goals.0.scale_now"
        );
    }

    #[test]
    fn agreement_ids_must_be_plain() {
        let content = SectionContent::Agreements(Agreements {
            items: vec![Agreement {
                id: "<script>".into(),
                what: "Boodschappen".into(),
                ..Agreement::default()
            }],
        });
        assert_eq!(content.validate().unwrap_err().field, "content.items.0.id");
    }
}
