//! An organisation admin's own screens: the guard that keeps them out of family screens, and
//! their home with the organisation's professionals (whether each chose a password, whether
//! the account is stopped), adding one (they get an activation email) and stopping one.

use dioxus::prelude::*;
use onsplan_shared::auth::AccountKind;
use onsplan_shared::consent::{CreateProfessionalRequest, ProfessionalAccount};
use uuid::Uuid;

use crate::api::{field_problem, use_session, FieldProblem};
use crate::components::choices::ConfirmButton;
use crate::components::form::{Loading, Notice, TextInput};
use crate::components::outcome::{failure_key, Outcome, OutcomeNotice};
use crate::components::submit::{refusal, use_form};
use crate::i18n::{fill, use_i18n, K};
use crate::{platform, Route};

/// Whether the session is an organisation admin's.
pub fn is_org_admin() -> bool {
    use_session()
        .me
        .read()
        .as_ref()
        .is_some_and(|me| me.kind == AccountKind::OrgAdmin)
}

/// Screens behind this need an org admin's session; others are sent where they belong.
#[component]
pub fn OrgOnly() -> Element {
    let session = use_session();
    let nav = use_navigator();
    let admin = is_org_admin();
    use_effect(move || {
        if (session.booting)() {
            return;
        }
        if session.client.read().is_none() {
            nav.replace(Route::Login {
                next: platform::current_path(),
            });
        } else if let Some(me) = session.me.read().as_ref() {
            if me.kind != AccountKind::OrgAdmin {
                nav.replace(crate::views::home::home_route(me));
            }
        }
    });
    if !session.logged_in() || !admin {
        return rsx! { Loading {} };
    }
    rsx! { Outlet::<Route> {} }
}

#[component]
pub fn OrgHome() -> Element {
    let i = use_i18n();
    let session = use_session();
    let mut reload = use_signal(|| 0u32);
    let mut outcome = use_signal(|| None::<Outcome>);
    let list = use_resource(move || async move {
        reload();
        session
            .call(|c| async move { c.org_professionals().await })
            .await
    });
    let stop = move |professional: Uuid| {
        outcome.set(None);
        spawn(async move {
            match session
                .call(move |c| async move { c.deactivate_professional(professional).await })
                .await
            {
                Ok(()) => {
                    outcome.set(Some(Outcome::Done(K::OrgDeactivated)));
                    reload += 1;
                    platform::focus_id("org-professionals-title");
                }
                Err(err) => outcome.set(Some(Outcome::Failed(failure_key(&err)))),
            }
        });
    };
    rsx! {
        h1 { {i.t(K::OrgHomeTitle)} }
        p { class: "lead", {i.t(K::OrgHomeIntro)} }
        section { class: "block", aria_labelledby: "org-professionals-title",
            h2 { id: "org-professionals-title", tabindex: "-1", {i.t(K::ProfessionalsTitle)} }
            OutcomeNotice { outcome }
            match &*list.read() {
                None => rsx! { Loading {} },
                Some(Err(err)) => rsx! { Notice { text: failure_key(err), error: true } },
                Some(Ok(list)) if list.is_empty() => rsx! { p { id: "org-none", {i.t(K::OrgNoProfessionals)} } },
                Some(Ok(list)) => rsx! { OrgList { professionals: list.clone(), stop } },
            }
        }
        AddProfessional { reload }
    }
}

/// Each professional with their state, and "Account stoppen" (asked first) while active.
#[component]
fn OrgList(professionals: Vec<ProfessionalAccount>, stop: EventHandler<Uuid>) -> Element {
    let i = use_i18n();
    rsx! {
        ul { class: "people", id: "org-professionals",
            for pro in professionals {
                li { key: "{pro.id}", class: "person", id: "org-pro-{pro.id}",
                    p { class: "name", "{pro.name}" }
                    p { class: "meta", "{pro.email}" }
                    p { class: "meta",
                        if !pro.active {
                            span { class: "badge stopped", {i.t(K::AccountStopped)} }
                        } else if pro.activated {
                            span { class: "badge verified", {i.t(K::OrgStateActive)} }
                        } else {
                            span { class: "badge", {i.t(K::OrgStateWaiting)} }
                        }
                    }
                    if pro.active {
                        ConfirmButton {
                            id: "stop-{pro.id}",
                            label: K::OrgDeactivate,
                            label_text: fill(i.t(K::OrgDeactivateName), &[("name", &pro.name)]),
                            question: fill(i.t(K::OrgDeactivateAsk), &[("name", &pro.name)]),
                            confirm: K::OrgDeactivateYes,
                            on_confirm: move |_| stop.call(pro.id),
                        }
                    }
                }
            }
        }
    }
}

#[component]
fn AddProfessional(reload: Signal<u32>) -> Element {
    let i = use_i18n();
    let session = use_session();
    let mut reload = reload;
    let mut name = use_signal(String::new);
    let mut email = use_signal(String::new);
    let form = use_form::<FieldProblem>();
    let submit = move |e: FormEvent| {
        e.prevent_default();
        let request = CreateProfessionalRequest {
            email: email().trim().to_string(),
            name: name().trim().to_string(),
        };
        let check = request.validate().map_err(|err| field_problem(&err));
        if let Err((field, _)) = &check {
            platform::focus_id(&format!("org-pro-{field}"));
        }
        form.submit(check, async move {
            session
                .call(move |c| {
                    let body = request.clone();
                    async move { c.create_professional(&body).await }
                })
                .await
                .map_err(|err| refusal(&err))?;
            name.set(String::new());
            email.set(String::new());
            reload += 1;
            // Ready for the next one.
            platform::focus_id("org-pro-name");
            Ok(Some(K::OrgAdded))
        });
    };
    rsx! {
        section { class: "block", aria_labelledby: "org-add-title",
            h2 { id: "org-add-title", {i.t(K::OrgAddTitle)} }
            form { id: "org-add", novalidate: true, onsubmit: submit,
                TextInput { id: "org-pro-name", label: K::FieldProName, value: name, autocomplete: "off", error: form.error_of("name") }
                TextInput { id: "org-pro-email", label: K::FieldProEmail, value: email, input_type: "email", autocomplete: "off", error: form.error_of("email") }
                OutcomeNotice { outcome: form.outcome }
                button { id: "org-add-button", class: "button primary", r#type: "submit", disabled: form.busy(), {i.t(K::OrgAddButton)} }
            }
        }
    }
}
