//! "Afspraken" (`/afspraken`) for every member: "Mijn afspraken" first (what the viewer took
//! on or was given), then every other agreement they may see, with "Ik doe dit" (with a
//! date), "Gedaan" and "Teruggeven" (with an optional word). Which buttons show is what the
//! server says the viewer may do (`may_take`, `may_done`, `may_release`); with `may_assign`
//! (parents) an agreement can be given to a member.

use dioxus::prelude::*;
use onsplan_shared::commitment::{
    AssignAgreementRequest, CommitmentItem, ReleaseAgreementRequest, TakeAgreementRequest,
};
use onsplan_shared::family::Member;
use onsplan_shared::section_content::AgreementStatus;

use crate::api::use_session;
use crate::components::form::{Loading, Notice, TextInput};
use crate::components::outcome::{failure_key, run, Outcome, OutcomeNotice};
use crate::components::parent_nav::ParentNav;
use crate::dates;
use crate::i18n::{fill, use_i18n, K};
use crate::open_family::{family_id, is_relative};

#[component]
pub fn Commitments() -> Element {
    let i = use_i18n();
    let session = use_session();
    let family = family_id();
    let reload = use_signal(|| 0u32);
    let outcome = use_signal(|| None::<Outcome>);
    let me = session.me.read().as_ref().map(|me| me.id);
    let list = use_resource(move || async move {
        reload();
        session
            .call(move |c| async move { c.commitments(family).await })
            .await
    });
    // The members an agreement can be given to (only parents may give one).
    let relative = is_relative();
    let members = use_resource(move || async move {
        if relative {
            return Vec::new();
        }
        session
            .call(move |c| async move { c.family(family).await })
            .await
            .map(|detail| detail.members)
            .unwrap_or_default()
    });
    let members = members.read().clone().unwrap_or_default();
    let body = match &*list.read() {
        None => rsx! { Loading {} },
        Some(Err(err)) => rsx! { Notice { text: failure_key(err), error: true } },
        Some(Ok(list)) => {
            let (mine, others): (Vec<CommitmentItem>, Vec<CommitmentItem>) =
                list.items.iter().cloned().partition(|item| {
                    item.commitment.as_ref().map(|c| c.taker) == me && me.is_some()
                });
            rsx! {
                h2 { {i.t(K::MyCommitments)} }
                if mine.is_empty() {
                    p { id: "no-commitments", {i.t(K::NoCommitments)} }
                }
                ul { class: "grants", id: "my-commitments",
                    for item in mine {
                        AgreementCard { key: "{item.agreement_id}", item, members: members.clone(), reload, outcome }
                    }
                }
                h2 { {i.t(K::AllAgreements)} }
                if others.is_empty() {
                    p { id: "no-agreements", {i.t(K::NoAgreements)} }
                }
                ul { class: "grants", id: "all-agreements",
                    for item in others {
                        AgreementCard { key: "{item.agreement_id}", item, members: members.clone(), reload, outcome }
                    }
                }
            }
        }
    };
    rsx! {
        if !is_relative() {
            ParentNav {}
        }
        h1 { {i.t(K::CommitmentsTitle)} }
        p { class: "lead", {i.t(K::CommitmentsIntro)} }
        OutcomeNotice { outcome }
        {body}
    }
}

/// One agreement: what, who does it by when (or who did it), and the viewer's buttons.
#[component]
fn AgreementCard(
    item: CommitmentItem,
    members: Vec<Member>,
    reload: Signal<u32>,
    outcome: Signal<Option<Outcome>>,
) -> Element {
    let i = use_i18n();
    let session = use_session();
    let family = family_id();
    let id = item.agreement_id.clone();
    let due_start = item
        .commitment
        .as_ref()
        .and_then(|c| c.due)
        .or(item.by_when);
    let due = use_signal(move || due_start.map(dates::input_value).unwrap_or_default());
    let word = use_signal(String::new);
    let mut releasing = use_signal(|| false);
    let first = members.first().map(|m| m.user_id.to_string());
    let mut assignee = use_signal(move || first.unwrap_or_default());
    let who = item.taker_name.clone().unwrap_or_default();
    let state = match (&item.commitment, item.status) {
        (Some(c), AgreementStatus::Done) => match c.done_at {
            Some(at) => fill(
                i.t(K::CommitmentDone),
                &[("who", &who), ("when", &i.day(at))],
            ),
            None => fill(i.t(K::CommitmentDoneNoDate), &[("who", &who)]),
        },
        (Some(c), _) => match c.due {
            Some(day) => fill(
                i.t(K::CommitmentTakenBy),
                &[
                    ("who", &who),
                    ("date", &crate::i18n::format_day(i.lang(), day)),
                ],
            ),
            None => fill(i.t(K::CommitmentTaken), &[("who", &who)]),
        },
        (None, _) => i.t(K::CommitmentOpen).to_string(),
    };
    let handed_back = item
        .handed_back
        .as_ref()
        .filter(|_| item.commitment.is_none())
        .map(|back| {
            let name = item.handed_back_by_name.clone().unwrap_or_default();
            if back.word.is_empty() {
                fill(i.t(K::HandedBack), &[("who", &name)])
            } else {
                fill(
                    i.t(K::HandedBackWord),
                    &[("who", &name), ("word", &back.word)],
                )
            }
        });
    let take = {
        let id = id.clone();
        move |e: FormEvent| {
            e.prevent_default();
            let body = TakeAgreementRequest {
                due: dates::parse(&due()),
            };
            let id = id.clone();
            run(session, outcome, reload, K::TakeSaved, move |c| {
                let (body, id) = (body.clone(), id.clone());
                async move { c.take_agreement(family, &id, &body).await }
            });
        }
    };
    let done = {
        let id = id.clone();
        move |_| {
            let id = id.clone();
            run(session, outcome, reload, K::DoneSaved, move |c| {
                let id = id.clone();
                async move { c.finish_agreement(family, &id).await }
            });
        }
    };
    let release = {
        let id = id.clone();
        move |_| {
            let text = word().trim().to_string();
            let body = ReleaseAgreementRequest {
                word: (!text.is_empty()).then_some(text),
            };
            let id = id.clone();
            run(session, outcome, reload, K::ReleaseSaved, move |c| {
                let (body, id) = (body.clone(), id.clone());
                async move { c.release_agreement(family, &id, &body).await }
            });
        }
    };
    let assign = {
        let id = id.clone();
        move |e: FormEvent| {
            e.prevent_default();
            let Ok(member) = assignee().parse() else {
                return;
            };
            let body = AssignAgreementRequest {
                member,
                due: dates::parse(&due()),
            };
            let id = id.clone();
            run(session, outcome, reload, K::AssignSaved, move |c| {
                let (body, id) = (body.clone(), id.clone());
                async move { c.assign_agreement(family, &id, &body).await }
            });
        }
    };
    rsx! {
        li { class: "card grant agreement", id: "agreement-{id}",
            p { class: "name", "{item.what}" }
            p { class: "meta", id: "agreement-{id}-state", "{state}" }
            if let Some(text) = handed_back {
                p { class: "meta", "{text}" }
            }
            if item.may_take {
                form { novalidate: true, onsubmit: take,
                    div { class: "field",
                        label { r#for: "take-{id}-date", {i.t(K::FieldCommitmentDate)} }
                        input { id: "take-{id}-date", r#type: "date", value: "{due}",
                            oninput: move |e| { let mut due = due; due.set(e.value()); } }
                    }
                    button { id: "take-{id}", class: "button primary", r#type: "submit", {i.t(K::TakeAgreement)} }
                }
            }
            if item.may_done {
                button { id: "done-{id}", class: "button primary", r#type: "button", onclick: done, {i.t(K::FinishAgreement)} }
            }
            if item.may_release {
                if releasing() {
                    TextInput { id: "release-{id}-word", label: K::FieldReleaseWord, value: word, hint: K::ReleaseWordHint }
                    button { id: "send-release-{id}", class: "button", r#type: "button", onclick: release, {i.t(K::ReleaseAgreement)} }
                } else {
                    button { id: "release-{id}", class: "button", r#type: "button", onclick: move |_| releasing.set(true), {i.t(K::ReleaseAgreement)} }
                }
            }
            if item.may_assign && !members.is_empty() {
                form { novalidate: true, onsubmit: assign,
                    div { class: "field",
                        label { r#for: "assign-{id}-member", {i.t(K::FieldAssignTo)} }
                        select { id: "assign-{id}-member", value: "{assignee}",
                            onchange: move |e| assignee.set(e.value()),
                            for member in members.iter() {
                                option { key: "{member.user_id}", value: "{member.user_id}", "{member.name}" }
                            }
                        }
                    }
                    button { id: "assign-{id}", class: "button", r#type: "submit", {i.t(K::AssignAgreement)} }
                }
            }
        }
    }
}
