//! A professional asks a family for access: which sections, why, and until which day. The
//! parents get an email and answer; the family's page then shows how the request stands.

use dioxus::prelude::*;
use onsplan_shared::consent::CreateAccessRequest;
use onsplan_shared::section::SectionKind;
use uuid::Uuid;

use crate::api::use_session;
use crate::components::choices::{SectionChoice, UntilField};
use crate::components::form::{Notice, TextInput};
use crate::components::outcome::failure_key;
use crate::i18n::{fill, use_i18n, K};
use crate::{dates, Route};

#[component]
pub fn AskAccess(family: Uuid) -> Element {
    let i = use_i18n();
    let session = use_session();
    let nav = use_navigator();
    let now = chrono::Utc::now();
    let max = dates::max_last_day(now);
    let chosen = use_signal(Vec::<SectionKind>::new);
    let reason = use_signal(String::new);
    let until = use_signal(move || dates::input_value(dates::default_last_day(now)));
    let mut sections_error = use_signal(|| None::<K>);
    let mut reason_error = use_signal(|| None::<K>);
    let mut until_error = use_signal(|| None::<K>);
    let mut failure = use_signal(|| None::<K>);
    let mut busy = use_signal(|| false);
    let name = use_resource(move || async move {
        session
            .call(|c| async move { c.professional_families().await })
            .await
            .ok()
            .and_then(|list| list.into_iter().find(|f| f.family_id == family))
            .map(|f| f.family_name)
    });
    let submit = move |e: FormEvent| {
        e.prevent_default();
        let sections = chosen();
        let why = reason().trim().to_string();
        let valid_until = dates::until_of(&until(), chrono::Utc::now(), max);
        sections_error.set(sections.is_empty().then_some(K::ErrPickSection));
        reason_error.set(why.is_empty().then_some(K::ErrRequired));
        until_error.set(valid_until.is_none().then_some(K::ErrUntilRange));
        if sections.is_empty() || why.is_empty() || valid_until.is_none() {
            return;
        }
        let body = CreateAccessRequest {
            sections,
            reason: why,
            valid_from: None,
            valid_until,
        };
        failure.set(None);
        busy.set(true);
        spawn(async move {
            match session
                .call(move |c| {
                    let body = body.clone();
                    async move { c.request_access(family, &body).await }
                })
                .await
            {
                Ok(_) => {
                    nav.replace(Route::ProFamily { family });
                }
                Err(err) => failure.set(Some(failure_key(&err))),
            }
            busy.set(false);
        });
    };
    let family_name = name.read().clone().flatten().unwrap_or_default();
    rsx! {
        nav { class: "crumbs", Link { to: Route::ProFamily { family }, "← " {i.t(K::Back)} } }
        h1 { {i.t(K::ProAskAccess)} }
        p { class: "lead", {fill(i.t(K::AskIntro), &[("family", &family_name)])} }
        form { id: "ask-form", novalidate: true, onsubmit: submit,
            SectionChoice { id: "ask", legend: i.t(K::AskWhat).to_string(), kinds: SectionKind::ALL.to_vec(), chosen, error: sections_error() }
            TextInput { id: "ask-reason", label: K::FieldReason, value: reason, multiline: true, error: reason_error() }
            UntilField { id: "ask-until", value: until, max, error: until_error() }
            if let Some(text) = failure() {
                Notice { text, error: true }
            }
            button { id: "ask-submit", class: "button primary", r#type: "submit", disabled: busy(), {i.t(K::AskButton)} }
        }
    }
}
