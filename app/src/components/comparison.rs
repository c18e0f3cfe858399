//! What changed between two versions of the plan, said in plain words: per section whether it
//! is new, gone, changed or the same, and for a changed one the fields with the items that
//! came, went or changed. Only what the server compared (what the caller may read) is shown.

use dioxus::prelude::*;
use onsplan_shared::section::SectionKind;
use onsplan_shared::version::{FieldChange, SectionChange, SectionChangeKind, VersionSummary};

use crate::api::{error_key, use_session};
use crate::components::form::{Loading, Notice};
use crate::i18n::{fill, use_i18n, I18n, K};
use crate::open_family::family_id;
use crate::schema::{self, Field};

/// The comparison from `from` (the older) to `to`.
#[component]
pub fn Comparison(from: VersionSummary, to: VersionSummary) -> Element {
    let i = use_i18n();
    let session = use_session();
    let family = family_id();
    let (from_id, to_id) = (from.id, to.id);
    let compared = use_resource(move || async move {
        session
            .call(move |c| async move { c.compare_versions(family, from_id, to_id).await })
            .await
    });
    let heading = fill(
        i.t(K::CompareTitle),
        &[("from", &from.title), ("to", &to.title)],
    );
    let body = match &*compared.read() {
        None => rsx! { Loading {} },
        Some(Err(err)) => rsx! { Notice { text: error_key(err), error: true } },
        Some(Ok(comparison)) => rsx! { Changes { sections: comparison.sections.clone() } },
    };
    rsx! {
        section { class: "comparison", id: "comparison",
            h2 { "{heading}" }
            {body}
        }
    }
}

#[component]
pub fn Changes(sections: Vec<SectionChange>) -> Element {
    let i = use_i18n();
    let changed: Vec<SectionChange> = sections
        .into_iter()
        .filter(|s| s.change != SectionChangeKind::Unchanged)
        .collect();
    if changed.is_empty() {
        return rsx! { p { {i.t(K::CompareNothing)} } };
    }
    rsx! {
        ul { class: "changes",
            for section in changed {
                li { key: "{section.kind}", id: "change-{section.kind}",
                    strong { {i.t(schema::title(section.kind).0)} }
                    " "
                    {i.t(change_key(section.change))}
                    if !section.fields.is_empty() {
                        ul {
                            for field in section.fields.iter() {
                                li { key: "{field.field}", {field_words(i, section.kind, field)} }
                            }
                        }
                    }
                }
            }
        }
    }
}

fn change_key(change: SectionChangeKind) -> K {
    match change {
        SectionChangeKind::Added => K::ChangeAdded,
        SectionChangeKind::Removed => K::ChangeRemoved,
        SectionChangeKind::Changed => K::ChangeChanged,
        SectionChangeKind::Unchanged => K::ChangeUnchanged,
    }
}

/// "Doelen: Erbij: Werk vinden. Anders: Rust in huis." or "Wie zijn wij: de tekst is anders."
pub fn field_words(i: I18n, kind: SectionKind, change: &FieldChange) -> String {
    let label = field_label(i, kind, &change.field);
    let mut parts = Vec::new();
    for (items, key) in [
        (&change.added, K::ChangeItemsAdded),
        (&change.removed, K::ChangeItemsRemoved),
        (&change.changed, K::ChangeItemsChanged),
    ] {
        if !items.is_empty() {
            parts.push(fill(i.t(key), &[("items", &items.join(", "))]));
        }
    }
    if parts.is_empty() {
        parts.push(i.t(K::ChangeText).to_string());
    }
    format!("{label}: {}", parts.join(". "))
}

/// The label of a field by its path (`money.how_it_goes` reads "Geld – Hoe gaat het").
fn field_label(i: I18n, kind: SectionKind, path: &str) -> String {
    let mut fields = schema::fields(kind);
    let mut labels = Vec::new();
    for key in path.split('.') {
        let Some(field) = fields.iter().find(|f| f.key() == key) else {
            labels.push(key.replace('_', " "));
            break;
        };
        labels.push(i.t(field.label()).to_string());
        fields = match field {
            Field::Group { fields, .. } | Field::List { fields, .. } => fields,
            _ => &[],
        };
    }
    labels.join(" – ")
}
