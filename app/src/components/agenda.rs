//! "Wat staat er deze week?": the list every member sees above the plan — what is overdue and
//! what is due this week across their families, as the server's agenda says
//! (`GET /api/v1/me/agenda`). A commitment can be marked done right here (the commitments
//! API's `done`); every item links to the screen where it is dealt with, and a link leads to
//! putting the agreements in the phone's own calendar.

use dioxus::prelude::*;
use onsplan_shared::agenda::{Agenda, AgendaEntry, AgendaItem, Due};
use onsplan_shared::section::SectionKind;

use crate::api::use_session;
use crate::components::form::{Loading, Notice};
use crate::components::outcome::{failure_key, run, Outcome, OutcomeNotice};
use crate::i18n::{fill, format_day, use_i18n, K};
use crate::Route;

/// The agenda, fetched for the viewer.
#[component]
pub fn WeekAgenda() -> Element {
    let i = use_i18n();
    let session = use_session();
    let reload = use_signal(|| 0u32);
    let outcome = use_signal(|| None::<Outcome>);
    let agenda = use_resource(move || async move {
        reload();
        (session.back_online)();
        session.call(|c| async move { c.agenda().await }).await
    });
    let body = match &*agenda.read() {
        None => rsx! { Loading {} },
        Some(Err(err)) => rsx! { Notice { text: failure_key(err), error: true } },
        Some(Ok(agenda)) => rsx! { AgendaList { agenda: agenda.clone(), reload, outcome } },
    };
    rsx! {
        section { class: "agenda", id: "agenda", aria_labelledby: "agenda-title",
            h2 { id: "agenda-title", {i.t(K::AgendaTitle)} }
            OutcomeNotice { outcome }
            {body}
            p { Link { id: "to-calendar", to: Route::PhoneCalendar {}, {i.t(K::AgendaToCalendar)} } }
        }
    }
}

/// The items: overdue first, then this week; a note when the server capped the list.
#[component]
pub fn AgendaList(
    agenda: Agenda,
    reload: Signal<u32>,
    outcome: Signal<Option<Outcome>>,
) -> Element {
    let i = use_i18n();
    if agenda.items.is_empty() {
        return rsx! { p { id: "agenda-empty", {i.t(K::AgendaEmpty)} } };
    }
    let (late, week): (Vec<AgendaItem>, Vec<AgendaItem>) = agenda
        .items
        .iter()
        .cloned()
        .partition(|item| item.due == Due::Overdue);
    let hidden = (agenda.total as usize).saturating_sub(agenda.items.len());
    rsx! {
        if !late.is_empty() {
            h3 { {i.t(K::AgendaOverdue)} }
            ul { class: "grants", id: "agenda-overdue",
                for item in late {
                    AgendaCard { key: "{item_key(&item)}", item, reload, outcome }
                }
            }
        }
        if !week.is_empty() {
            h3 { {i.t(K::AgendaThisWeek)} }
            ul { class: "grants", id: "agenda-week",
                for item in week {
                    AgendaCard { key: "{item_key(&item)}", item, reload, outcome }
                }
            }
        }
        if hidden > 0 {
            p { id: "agenda-more", {fill(i.t(K::AgendaMore), &[("count", &hidden.to_string())])} }
        }
    }
}

/// A stable id for an item, unique within the agenda.
fn item_key(item: &AgendaItem) -> String {
    let (kind, id) = match &item.entry {
        AgendaEntry::MyCommitment { agreement_id, .. } => ("mine", agreement_id.clone()),
        AgendaEntry::AssignedToMe { agreement_id, .. } => ("named", agreement_id.clone()),
        AgendaEntry::Review => ("review", String::new()),
        AgendaEntry::OverdueCommitment { agreement_id, .. } => ("late", agreement_id.clone()),
        AgendaEntry::GrantEnding { grant_id, .. } => ("grant", grant_id.to_string()),
        AgendaEntry::AccessRequest { request_id, .. } => ("request", request_id.to_string()),
        AgendaEntry::VersionNotEndorsed { version_id, .. } => ("version", version_id.to_string()),
    };
    format!("{kind}-{}-{id}", item.family_id.simple())
}

/// One item: what, when, which family, a link to where it is dealt with, and "Gedaan" for the
/// viewer's own commitment.
#[component]
fn AgendaCard(item: AgendaItem, reload: Signal<u32>, outcome: Signal<Option<Outcome>>) -> Element {
    let i = use_i18n();
    let session = use_session();
    let date = format_day(i.lang(), item.date);
    let late = item.due == Due::Overdue;
    let said = |key: K, pairs: &[(&str, &str)]| fill(i.t(key), pairs);
    let (title, line, to) = match &item.entry {
        AgendaEntry::MyCommitment { what, .. } => (
            what.clone(),
            said(
                if late {
                    K::AgendaMineLate
                } else {
                    K::AgendaMine
                },
                &[("date", &date)],
            ),
            Route::Commitments {},
        ),
        AgendaEntry::AssignedToMe { what, .. } => (
            what.clone(),
            said(K::AgendaNamed, &[("date", &date)]),
            Route::Commitments {},
        ),
        AgendaEntry::Review => (
            i.t(K::AgendaReviewTitle).to_string(),
            said(
                if late {
                    K::AgendaReviewLate
                } else {
                    K::AgendaReview
                },
                &[("date", &date)],
            ),
            Route::EditSection {
                kind: SectionKind::Evaluation,
            },
        ),
        AgendaEntry::OverdueCommitment {
            what, taker_name, ..
        } => (
            what.clone(),
            said(K::AgendaTheirsLate, &[("who", taker_name), ("date", &date)]),
            Route::Commitments {},
        ),
        AgendaEntry::GrantEnding {
            professional_name, ..
        } => (
            professional_name.clone(),
            said(
                K::AgendaGrantEnds,
                &[("who", professional_name), ("date", &date)],
            ),
            Route::Network {},
        ),
        AgendaEntry::AccessRequest {
            professional_name, ..
        } => (
            professional_name.clone(),
            said(K::AgendaRequest, &[("who", professional_name)]),
            Route::Requests {},
        ),
        AgendaEntry::VersionNotEndorsed {
            version_id,
            title,
            endorsed,
            members,
        } => (
            title.clone(),
            said(
                K::AgendaVersion,
                &[
                    ("count", &endorsed.to_string()),
                    ("total", &members.to_string()),
                ],
            ),
            Route::VersionView {
                version: *version_id,
            },
        ),
    };
    // "Gedaan" for the viewer's own commitment: (the button's id, the agreement).
    let done = match &item.entry {
        AgendaEntry::MyCommitment {
            agreement_id,
            may_done: true,
            ..
        } => Some((format!("agenda-done-{agreement_id}"), agreement_id.clone())),
        _ => None,
    };
    let family = item.family_id;
    let key = item_key(&item);
    rsx! {
        li { class: if late { "card agenda-item late" } else { "card agenda-item" }, id: "agenda-{key}",
            p { class: "name", "{title}" }
            p { class: "meta", "{line}" }
            p { class: "meta", "{item.family_name}" }
            Link { id: "open-{key}", class: "button", to, {i.t(K::AgendaOpen)} }
            if let Some((button_id, agreement)) = done {
                button {
                    id: button_id,
                    class: "button primary",
                    r#type: "button",
                    onclick: move |_| {
                        let agreement = agreement.clone();
                        run(session, outcome, reload, K::DoneSaved, move |c| {
                            let agreement = agreement.clone();
                            async move { c.finish_agreement(family, &agreement).await }
                        });
                    },
                    {i.t(K::FinishAgreement)}
                }
            }
        }
    }
}
