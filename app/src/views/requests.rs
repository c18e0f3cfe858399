//! Answering professionals' requests for access (`/verzoeken`, the page their email links
//! to): approve the sections asked for or fewer, until the day asked for or earlier, or
//! decline with a reason the professional reads. The menu item shows how many wait.

use dioxus::prelude::*;
use onsplan_shared::consent::{
    AccessRequest, AccessRequestStatus, ApproveAccessRequest, DeclineAccessRequest,
};
use onsplan_shared::section::SectionKind;
use uuid::Uuid;

use crate::api::use_session;
use crate::components::choices::{section_titles, SectionChoice, UntilField};
use crate::components::form::{Loading, Notice, TextInput};
use crate::components::outcome::{failure_key, run, Outcome, OutcomeNotice};
use crate::components::parent_nav::ParentNav;
use crate::dates;
use crate::i18n::{fill, use_i18n, K};
use crate::open_family::family_id;

/// How many requests wait for an answer, as a badge in the menu item (nothing when none).
#[component]
pub fn WaitingCount() -> Element {
    let i = use_i18n();
    let session = use_session();
    let family = family_id();
    let waiting = use_resource(move || async move {
        session
            .call(move |c| async move { c.access_requests(family).await })
            .await
            .map(|list| {
                list.iter()
                    .filter(|r| r.status == AccessRequestStatus::Pending)
                    .count()
            })
            .unwrap_or(0)
    });
    let n = waiting().unwrap_or(0);
    if n == 0 {
        return rsx! {};
    }
    rsx! {
        " "
        span { class: "count", id: "requests-waiting", title: fill(i.t(K::NavRequestsWaiting), &[("n", &n.to_string())]), "{n}" }
    }
}

#[component]
pub fn Requests() -> Element {
    let i = use_i18n();
    let session = use_session();
    let family = family_id();
    let reload = use_signal(|| 0u32);
    let outcome = use_signal(|| None::<Outcome>);
    let requests = use_resource(move || async move {
        reload();
        session
            .call(move |c| async move { c.access_requests(family).await })
            .await
    });
    let body = match &*requests.read() {
        None => rsx! { Loading {} },
        Some(Err(err)) => rsx! { Notice { text: failure_key(err), error: true } },
        Some(Ok(list)) => {
            let (open, answered): (Vec<AccessRequest>, Vec<AccessRequest>) = list
                .iter()
                .cloned()
                .partition(|r| r.status == AccessRequestStatus::Pending);
            rsx! {
                if open.is_empty() {
                    p { id: "no-requests", {i.t(K::NoRequests)} }
                }
                ul { class: "grants", id: "open-requests",
                    for request in open {
                        OpenRequest { key: "{request.id}", family, request, reload, outcome }
                    }
                }
                if !answered.is_empty() {
                    h2 { {i.t(K::RequestsAnswered)} }
                    ul { class: "grants",
                        for request in answered {
                            AnsweredRequest { key: "{request.id}", request }
                        }
                    }
                }
            }
        }
    };
    rsx! {
        ParentNav {}
        h1 { {i.t(K::RequestsTitle)} }
        p { class: "lead", {i.t(K::RequestsIntro)} }
        OutcomeNotice { outcome }
        {body}
    }
}

/// Who asks, for what, why and until when.
#[component]
fn RequestHead(request: AccessRequest) -> Element {
    let i = use_i18n();
    let who = format!("{} ({})", request.professional.name, request.organisation);
    rsx! {
        p { class: "name", {fill(i.t(K::RequestFrom), &[("name", &who), ("date", &i.last_day(request.valid_until))])} }
        p { class: "shared", {section_titles(i, request.sections.iter().copied())} }
        blockquote { class: "reason", {fill(i.t(K::RequestReason), &[("reason", &request.reason)])} }
    }
}

/// A waiting request: the asked sections ticked, the asked day filled in; fewer or earlier
/// may be chosen. Declining asks for a reason first.
#[component]
pub fn OpenRequest(
    family: Uuid,
    request: AccessRequest,
    reload: Signal<u32>,
    outcome: Signal<Option<Outcome>>,
) -> Element {
    let i = use_i18n();
    let session = use_session();
    let asked_last = dates::last_day(request.valid_until);
    let asked = request.sections.clone();
    let chosen = use_signal(|| asked.clone());
    let until = use_signal(move || dates::input_value(asked_last));
    let mut declining = use_signal(|| false);
    let reason = use_signal(String::new);
    let mut sections_error = use_signal(|| None::<K>);
    let mut until_error = use_signal(|| None::<K>);
    let mut reason_error = use_signal(|| None::<K>);
    let id = request.id;
    let approve = move |e: FormEvent| {
        e.prevent_default();
        let picked: Vec<SectionKind> = chosen();
        sections_error.set(picked.is_empty().then_some(K::ErrPickSection));
        let picked_day = dates::parse(&until());
        let today = dates::today(chrono::Utc::now());
        let day_ok = picked_day.is_some_and(|d| d >= today && d <= asked_last);
        until_error.set((!day_ok).then_some(K::ErrUntilRange));
        if picked.is_empty() || !day_ok {
            return;
        }
        let valid_until = picked_day.filter(|d| *d < asked_last).map(dates::end_of);
        let body = ApproveAccessRequest {
            sections: Some(picked),
            valid_until,
        };
        run(session, outcome, reload, K::RequestApproved, move |c| {
            let body = body.clone();
            async move { c.approve_access_request(family, id, &body).await }
        });
    };
    let decline = move |_| {
        let text = reason().trim().to_string();
        if text.is_empty() {
            reason_error.set(Some(K::ErrRequired));
            return;
        }
        reason_error.set(None);
        let body = DeclineAccessRequest { reason: text };
        run(session, outcome, reload, K::DeclineSent, move |c| {
            let body = body.clone();
            async move { c.decline_access_request(family, id, &body).await }
        });
    };
    rsx! {
        li { class: "card grant request", id: "request-{id}",
            RequestHead { request: request.clone() }
            form { novalidate: true, onsubmit: approve,
                SectionChoice { id: "request-{id}-sections", legend: i.t(K::RequestChoose).to_string(), kinds: asked, chosen, error: sections_error() }
                UntilField { id: "request-{id}-until", value: until, max: asked_last, hint: K::UntilAskedHint, error: until_error() }
                button { id: "approve-request-{id}", class: "button primary", r#type: "submit", {i.t(K::ApproveRequest)} }
            }
            if declining() {
                TextInput { id: "decline-reason-{id}", label: K::FieldDeclineReason, value: reason, multiline: true, error: reason_error() }
                button { id: "send-decline-{id}", class: "button danger", r#type: "button", onclick: decline, {i.t(K::SendDecline)} }
            } else {
                button { id: "decline-request-{id}", class: "button", r#type: "button", onclick: move |_| declining.set(true), {i.t(K::DeclineRequest)} }
            }
        }
    }
}

#[component]
fn AnsweredRequest(request: AccessRequest) -> Element {
    let i = use_i18n();
    let answer = match (&request.status, &request.decline_reason) {
        (AccessRequestStatus::Declined, reason) => fill(
            i.t(K::RequestDeclined),
            &[("reason", reason.as_deref().unwrap_or_default())],
        ),
        _ => i.t(K::RequestApproved).to_string(),
    };
    rsx! {
        li { class: "card grant",
            RequestHead { request: request.clone() }
            p { class: "meta", "{answer}" }
        }
    }
}
