//! A professional asks a family for access: which sections, why, and until which day. The
//! parents get an email and answer; the family's page then shows how the request stands.

use dioxus::prelude::*;
use onsplan_shared::consent::CreateAccessRequest;
use onsplan_shared::section::SectionKind;
use uuid::Uuid;

use crate::api::use_session;
use crate::components::choices::{SectionChoice, UntilField};
use crate::components::form::TextInput;
use crate::components::outcome::{failure_key, OutcomeNotice};
use crate::components::submit::use_form;
use crate::i18n::{fill, use_i18n, K};
use crate::{dates, Route};

/// What is missing from the request, per field.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
struct Problems {
    sections: Option<K>,
    reason: Option<K>,
    until: Option<K>,
}

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
    let form = use_form::<Problems>();
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
        let problems = Problems {
            sections: sections.is_empty().then_some(K::ErrPickSection),
            reason: why.is_empty().then_some(K::ErrRequired),
            until: valid_until.is_none().then_some(K::ErrUntilRange),
        };
        let check = if problems == Problems::default() {
            Ok(CreateAccessRequest {
                sections,
                reason: why,
                valid_from: None,
                valid_until,
            })
        } else {
            Err(problems)
        };
        form.submit_checked(check, |body| async move {
            session
                .call(move |c| {
                    let body = body.clone();
                    async move { c.request_access(family, &body).await }
                })
                .await
                .map_err(|err| failure_key(&err))?;
            nav.replace(Route::ProFamily { family });
            Ok(None)
        });
    };
    let family_name = name.read().clone().flatten().unwrap_or_default();
    let problems = form.problem().unwrap_or_default();
    rsx! {
        nav { class: "crumbs", Link { to: Route::ProFamily { family }, "← " {i.t(K::Back)} } }
        h1 { {i.t(K::ProAskAccess)} }
        p { class: "lead", {fill(i.t(K::AskIntro), &[("family", &family_name)])} }
        form { id: "ask-form", novalidate: true, onsubmit: submit,
            SectionChoice { id: "ask", legend: i.t(K::AskWhat).to_string(), kinds: SectionKind::ALL.to_vec(), chosen, error: problems.sections }
            TextInput { id: "ask-reason", label: K::FieldReason, value: reason, multiline: true, error: problems.reason }
            UntilField { id: "ask-until", value: until, max, error: problems.until }
            OutcomeNotice { outcome: form.outcome }
            button { id: "ask-submit", class: "button primary", r#type: "submit", disabled: form.busy(), {i.t(K::AskButton)} }
        }
    }
}
