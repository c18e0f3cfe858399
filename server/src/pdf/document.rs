//! What the PDF shows, as the data the template (`plan.typ`) reads: the family, the version and
//! who stands behind it, and each section turned into readable blocks (texts, lists, the 0-10
//! scales, tables of who/what/when/status). Only sections the service already cleared with
//! the access policy arrive here.

use std::collections::HashMap;

use chrono::NaiveDate;
use onsplan_shared::section::{SectionKind, Visibility};
use onsplan_shared::section_content::{
    AgreementStatus, Assignee, Domain, SectionContent, SCALE_MAX,
};
use serde::Serialize;
use uuid::Uuid;

use super::texts::Texts;

/// The whole document, as `/data.json`.
#[derive(Debug, Clone, Serialize)]
pub struct PlanDocument {
    pub lang: &'static str,
    /// The PDF's title (document metadata).
    pub title: String,
    pub family: String,
    pub heading: String,
    pub facts: Vec<Field>,
    pub behind: Behind,
    pub sections: Vec<Section>,
    pub labels: Labels,
    pub footer: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Field {
    pub label: String,
    pub value: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Behind {
    pub label: String,
    pub names: Vec<String>,
    pub nobody: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct Labels {
    pub page: &'static str,
    pub of: &'static str,
    pub empty: &'static str,
}

#[derive(Debug, Clone, Serialize)]
pub struct Section {
    pub kind: SectionKind,
    pub title: String,
    /// Who may read it.
    pub note: String,
    pub blocks: Vec<Block>,
}

/// One piece of a section.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "type", rename_all = "snake_case")]
pub enum Block {
    Text {
        label: Option<String>,
        text: String,
    },
    List {
        label: Option<String>,
        items: Vec<String>,
    },
    Fields {
        label: Option<String>,
        fields: Vec<Field>,
    },
    /// A goal's "where are we now", drawn as a row of `max` steps.
    Scale {
        label: String,
        value: u8,
        max: u8,
        caption: String,
        notes: Vec<Field>,
    },
    Table {
        label: Option<String>,
        columns: Vec<String>,
        /// Relative column widths.
        widths: Vec<u32>,
        rows: Vec<Vec<String>>,
    },
}

/// The version a PDF is of, if any, with who stands behind it.
pub struct VersionFacts {
    pub title: String,
    pub agreed_on: NaiveDate,
    pub fixed_by: String,
    /// Names with the day each said so.
    pub endorsements: Vec<(String, NaiveDate)>,
}

/// One section to show.
pub struct ShownSection {
    pub kind: SectionKind,
    pub visibility: Visibility,
    pub content: SectionContent,
}

/// Everything the document is made of.
pub struct Input<'a> {
    pub texts: &'static Texts,
    pub family: String,
    pub version: Option<VersionFacts>,
    pub made_on: NaiveDate,
    pub sections: Vec<ShownSection>,
    /// Names of the family's members, for agreements that name one.
    pub names: &'a HashMap<Uuid, String>,
}

impl PlanDocument {
    pub fn build(input: Input<'_>) -> Self {
        let t = input.texts;
        let made_on = t.date(input.made_on);
        let mut facts = vec![Field::new(t.family, &input.family)];
        let (title, behind) = match &input.version {
            Some(version) => {
                facts.push(Field::new(t.version, &version.title));
                facts.push(Field::new(t.agreed_on, &t.date(version.agreed_on)));
                facts.push(Field::new(t.fixed_by, &version.fixed_by));
                let names = version
                    .endorsements
                    .iter()
                    .map(|(name, on)| format!("{name} ({})", t.date(*on)))
                    .collect();
                (
                    format!("{} – {} – {}", t.heading, input.family, version.title),
                    Behind {
                        label: t.behind.into(),
                        names,
                        nobody: t.nobody_yet.into(),
                    },
                )
            }
            None => {
                facts.push(Field::new(t.version, t.living_plan));
                (
                    format!("{} – {}", t.heading, input.family),
                    Behind {
                        label: t.behind.into(),
                        names: Vec::new(),
                        nobody: t.behind_living.into(),
                    },
                )
            }
        };
        facts.push(Field::new(t.made_on, &made_on));
        let sections = input
            .sections
            .iter()
            .map(|section| Section {
                kind: section.kind,
                title: t.section_title(section.kind).into(),
                note: t.visibility(section.visibility).into(),
                blocks: blocks(t, &section.content, input.names),
            })
            .collect();
        PlanDocument {
            lang: t.lang,
            title,
            footer: format!("{} · {} · {}", t.heading, input.family, made_on),
            family: input.family,
            heading: t.heading.into(),
            facts,
            behind,
            sections,
            labels: Labels {
                page: t.page,
                of: t.of,
                empty: t.empty,
            },
        }
    }
}

impl Field {
    fn new(label: &str, value: &str) -> Self {
        Self {
            label: label.into(),
            value: value.into(),
        }
    }
}

fn text(label: &str, text: &str) -> Block {
    Block::Text {
        label: Some(label.into()),
        text: text.into(),
    }
}

fn list(label: &str, items: &[String]) -> Block {
    Block::List {
        label: Some(label.into()),
        items: items.to_vec(),
    }
}

fn table(label: Option<&str>, columns: &[(&str, u32)], rows: Vec<Vec<String>>) -> Block {
    Block::Table {
        label: label.map(str::to_string),
        columns: columns.iter().map(|(name, _)| name.to_string()).collect(),
        widths: columns.iter().map(|(_, width)| *width).collect(),
        rows,
    }
}

fn date_or(t: &Texts, date: Option<NaiveDate>, none: &str) -> String {
    date.map_or_else(|| none.to_string(), |d| t.date(d))
}

/// A section's content as blocks, in the order the app shows its fields.
fn blocks(t: &Texts, content: &SectionContent, names: &HashMap<Uuid, String>) -> Vec<Block> {
    let name_of = |id: &Uuid| names.get(id).cloned().unwrap_or_else(|| t.someone.into());
    match content {
        SectionContent::About(c) => vec![
            text(t.who_we_are, &c.who_we_are),
            table(
                Some(t.children),
                &[(t.name, 2), (t.age, 1), (t.about_child, 5)],
                c.children
                    .iter()
                    .map(|child| {
                        vec![
                            child.name.clone(),
                            child.age.map(|a| a.to_string()).unwrap_or_default(),
                            child.about.clone(),
                        ]
                    })
                    .collect(),
            ),
            text(t.what_matters, &c.what_matters),
        ],
        SectionContent::Concerns(c) => vec![list(t.worries, &c.worries)],
        SectionContent::Strengths(c) => vec![
            list(t.going_well, &c.going_well),
            list(t.worked_before, &c.worked_before),
        ],
        SectionContent::Goals(c) if c.goals.is_empty() => vec![Block::List {
            label: None,
            items: Vec::new(),
        }],
        SectionContent::Goals(c) => c
            .goals
            .iter()
            .map(|goal| {
                let value = goal.scale_now.min(SCALE_MAX);
                Block::Scale {
                    label: goal.title.clone(),
                    value,
                    max: SCALE_MAX,
                    caption: format!("{}: {value} {} {SCALE_MAX}", t.where_now, t.out_of),
                    notes: (!goal.next_step.trim().is_empty())
                        .then(|| Field::new(t.next_step, &goal.next_step))
                        .into_iter()
                        .collect(),
                }
            })
            .collect(),
        SectionContent::Agreements(c) => vec![table(
            None,
            &[(t.who, 2), (t.what, 5), (t.by_when, 2), (t.status, 2)],
            c.items
                .iter()
                .map(|item| {
                    let who = match &item.who {
                        Assignee::Member { user_id } => name_of(user_id),
                        Assignee::Person { name } => name.clone(),
                    };
                    let status = match (item.status, &item.commitment) {
                        (AgreementStatus::Done, Some(taken)) => {
                            format!("{} ({} {})", t.done, t.taken_by, name_of(&taken.taker))
                        }
                        (AgreementStatus::Done, None) => t.done.to_string(),
                        (AgreementStatus::Open, _) => t.open.to_string(),
                    };
                    vec![
                        who,
                        item.what.clone(),
                        date_or(t, item.by_when, t.no_date),
                        status,
                    ]
                })
                .collect(),
        )],
        SectionContent::Network(c) => vec![table(
            None,
            &[
                (t.name, 2),
                (t.relation, 2),
                (t.can_offer, 4),
                (t.contact, 2),
            ],
            c.people
                .iter()
                .map(|p| {
                    vec![
                        p.name.clone(),
                        p.relation.clone(),
                        p.can_offer.clone(),
                        p.contact.clone(),
                    ]
                })
                .collect(),
        )],
        SectionContent::Safety(c) => vec![
            list(t.warning_signs, &c.warning_signs),
            list(t.what_we_do, &c.what_we_do),
            table(
                Some(t.whom_we_call),
                &[(t.name, 3), (t.relation, 3), (t.phone, 3)],
                c.whom_we_call
                    .iter()
                    .map(|p| vec![p.name.clone(), p.relation.clone(), p.phone.clone()])
                    .collect(),
            ),
            table(
                Some(t.safe_places),
                &[(t.place, 3), (t.address, 3), (t.note, 4)],
                c.safe_places
                    .iter()
                    .map(|p| vec![p.name.clone(), p.address.clone(), p.note.clone()])
                    .collect(),
            ),
        ],
        SectionContent::LifeDomains(c) => {
            let domains: [&Domain; 5] = [&c.work, &c.money, &c.housing, &c.care, &c.support];
            t.domains
                .iter()
                .zip(domains)
                .map(|(label, domain)| Block::Fields {
                    label: Some(label.to_string()),
                    fields: vec![
                        Field::new(t.how_it_goes, &domain.how_it_goes),
                        Field::new(t.what_is_needed, &domain.what_is_needed),
                    ],
                })
                .collect()
        }
        SectionContent::ProfessionalHelp(c) => vec![table(
            None,
            &[(t.help_what, 3), (t.from_whom, 1)],
            c.requests
                .iter()
                .map(|r| vec![r.what.clone(), r.from_whom.clone()])
                .collect(),
        )],
        SectionContent::Children(c) if c.voices.is_empty() => vec![Block::List {
            label: None,
            items: Vec::new(),
        }],
        SectionContent::Children(c) => c
            .voices
            .iter()
            .map(|voice| text(&voice.child_name, &voice.words))
            .collect(),
        SectionContent::Evaluation(c) => vec![
            Block::Fields {
                label: None,
                fields: vec![Field::new(
                    t.next_review,
                    &date_or(t, c.next_review, t.no_date),
                )],
            },
            table(
                Some(t.reviews),
                &[(t.held_on, 1), (t.outcome, 4)],
                c.reviews
                    .iter()
                    .map(|r| vec![date_or(t, r.held_on, t.no_date), r.outcome.clone()])
                    .collect(),
            ),
        ],
    }
}
