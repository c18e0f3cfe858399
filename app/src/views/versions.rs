//! "Versies van het plan": the family's fixed versions, newest first, with who stands behind
//! each; a parent fixes the plan as it is now with a name and the day it was agreed. The
//! form shows only when the server says the caller may fix (`may_fix`).

use chrono::Utc;
use dioxus::prelude::*;
use onsplan_shared::version::{FixVersionRequest, VersionSummary};

use crate::api::{error_key, problem_key, use_session, FieldProblem};
use crate::components::form::{ErrorText, Loading, Notice, TextInput};
use crate::components::outcome::OutcomeNotice;
use crate::components::submit::use_form;
use crate::i18n::{fill, format_day, use_i18n, K};
use crate::open_family::family_id;
use crate::{dates, Route};

#[component]
pub fn Versions() -> Element {
    let i = use_i18n();
    let session = use_session();
    let family = family_id();
    let list = use_resource(move || async move {
        session
            .call(move |c| async move { c.versions(family).await })
            .await
    });
    let body = match &*list.read() {
        None => rsx! { Loading {} },
        Some(Err(err)) => rsx! { Notice { text: error_key(err), error: true } },
        Some(Ok(list)) => {
            let versions = list.versions.clone();
            rsx! {
                if list.may_fix {
                    FixForm {}
                }
                if versions.is_empty() {
                    p { id: "no-versions", {i.t(K::VersionsEmpty)} }
                } else {
                    ul { class: "cards versions",
                        for version in versions {
                            VersionCard { key: "{version.id}", version }
                        }
                    }
                }
            }
        }
    };
    rsx! {
        nav { class: "crumbs", Link { to: Route::Plan {}, "← " {i.t(K::BackToPlan)} } }
        h1 { {i.t(K::VersionsTitle)} }
        p { class: "lead", {i.t(K::VersionsIntro)} }
        {body}
    }
}

/// One version in the list: its name, the day it was agreed, who stands behind it.
#[component]
fn VersionCard(version: VersionSummary) -> Element {
    let i = use_i18n();
    let backers = backers_line(&version, |key| i.t(key));
    rsx! {
        li { class: "card", id: "version-{version.id}",
            Link { class: "card-link", to: Route::VersionView { version: version.id },
                h2 { "{version.title}" }
                p { class: "meta", {fill(i.t(K::VersionAgreedOn), &[("date", &format_day(i.lang(), version.agreed_on))])} }
                p { class: "backers", "{backers}" }
            }
        }
    }
}

/// "Staan achter dit plan: Mama, Oma", or that nobody has said so yet.
pub fn backers_line(version: &VersionSummary, t: impl Fn(K) -> &'static str) -> String {
    if version.endorsements.is_empty() {
        return t(K::VersionNoBackers).to_string();
    }
    let names: Vec<&str> = version
        .endorsements
        .iter()
        .map(|e| e.name.as_str())
        .collect();
    fill(t(K::VersionBackers), &[("names", &names.join(", "))])
}

/// A parent fixes the plan as it is now.
#[component]
fn FixForm() -> Element {
    let i = use_i18n();
    let session = use_session();
    let nav = use_navigator();
    let family = family_id();
    let title = use_signal(String::new);
    let today = dates::today(Utc::now());
    let mut agreed_on = use_signal(move || dates::input_value(today));
    let form = use_form::<FieldProblem>();

    let submit = move |e: FormEvent| {
        e.prevent_default();
        let check = match dates::parse(&agreed_on()) {
            None => Err(("date".to_string(), K::ErrRequired)),
            Some(agreed_on) => {
                let request = FixVersionRequest {
                    title: title().trim().to_string(),
                    agreed_on,
                };
                match request.validate() {
                    Ok(()) => Ok(request),
                    Err(err) => Err(("title".to_string(), problem_key(&err.problem))),
                }
            }
        };
        form.submit_checked(check, |request| async move {
            let version = session
                .call(move |c| {
                    let body = request.clone();
                    async move { c.fix_version(family, &body).await }
                })
                .await
                .map_err(|err| error_key(&err))?;
            nav.push(Route::VersionView {
                version: version.summary.id,
            });
            Ok(None)
        });
    };
    let date_problem = form.error_of("date");

    rsx! {
        section { class: "fix-version",
            h2 { {i.t(K::FixTitle)} }
            p { {i.t(K::FixIntro)} }
            form { novalidate: true, onsubmit: submit,
                TextInput { id: "version-title", label: K::FieldVersionTitle, value: title, hint: K::VersionTitleHint, error: form.error_of("title") }
                div { class: "field",
                    label { r#for: "version-date", {i.t(K::FieldAgreedOn)} }
                    input {
                        id: "version-date",
                        r#type: "date",
                        value: "{agreed_on}",
                        aria_invalid: if date_problem.is_some() { "true" } else { "false" },
                        aria_describedby: if date_problem.is_some() { "version-date-err" } else { "" },
                        oninput: move |e| agreed_on.set(e.value()),
                    }
                    ErrorText { id: "version-date-err", error: date_problem }
                }
                OutcomeNotice { outcome: form.outcome }
                button { id: "fix-version", class: "button primary", r#type: "submit", disabled: form.busy(), {i.t(K::FixButton)} }
            }
        }
    }
}
