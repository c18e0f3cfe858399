//! Password pages: asking for a reset link (`/wachtwoord-vergeten`), choosing a new password
//! from that link (`/wachtwoord-herstellen`), and an organisation-made account's first
//! password (`/account-activeren`). The last two share one form.

use dioxus::prelude::*;
use onsplan_shared::auth::{validate_email, validate_password, ActivateAccountRequest};
use onsplan_shared::invite::{PasswordResetConfirm, PasswordResetRequest};

use crate::api::{anonymous_client, error_key, problem_key};
use crate::components::form::{Notice, TextInput};
use crate::components::links::{link_is_dead, link_refusal, use_fresh_page_per_link, LinkKind};
use crate::components::outcome::OutcomeNotice;
use crate::components::submit::use_form;
use crate::i18n::{use_i18n, K};
use crate::Route;

#[component]
pub fn ForgotPassword() -> Element {
    let i = use_i18n();
    let email = use_signal(String::new);
    let form = use_form::<K>();
    let mut sent = use_signal(|| false);
    let submit = move |e: FormEvent| {
        e.prevent_default();
        let body = PasswordResetRequest {
            email: email().trim().to_string(),
        };
        let check = validate_email("email", &body.email).map_err(|err| problem_key(&err.problem));
        form.submit(check, async move {
            anonymous_client()
                .request_password_reset(&body)
                .await
                .map_err(|err| error_key(&err))?;
            sent.set(true);
            Ok(None)
        });
    };
    rsx! {
        h1 { {i.t(K::ForgotTitle)} }
        if sent() {
            Notice { text: K::ForgotSent }
        } else {
            p { class: "lead", {i.t(K::ForgotIntro)} }
            form { novalidate: true, onsubmit: submit,
                TextInput { id: "email", label: K::FieldEmail, value: email, input_type: "email", autocomplete: "email", error: form.problem() }
                OutcomeNotice { outcome: form.outcome }
                button { class: "button primary", r#type: "submit", disabled: form.busy(), {i.t(K::ForgotButton)} }
            }
        }
        p { Link { to: Route::Login { next: String::new() }, {i.t(K::ToLogin)} } }
    }
}

/// Which password link a page handles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PasswordLink {
    Reset,
    Activate,
}

#[component]
pub fn ResetPassword(token: String) -> Element {
    rsx! { SetPassword { purpose: PasswordLink::Reset, token } }
}

#[component]
pub fn ActivateAccount(token: String) -> Element {
    rsx! { SetPassword { purpose: PasswordLink::Activate, token } }
}

/// A new password set with the token from the page's address.
#[component]
fn SetPassword(purpose: PasswordLink, token: String) -> Element {
    let i = use_i18n();
    use_fresh_page_per_link();
    let password = use_signal(String::new);
    let form = use_form::<K>();
    let mut dead = use_signal(|| false);
    let mut done = use_signal(|| false);
    let (title, intro, finished) = match purpose {
        PasswordLink::Reset => (K::ResetTitle, None, K::ResetDone),
        PasswordLink::Activate => (K::ActivateTitle, Some(K::ActivateIntro), K::ActivateDone),
    };
    let submit = move |e: FormEvent| {
        e.prevent_default();
        let chosen = password();
        let check = validate_password("password", &chosen).map_err(|err| problem_key(&err.problem));
        let token = token.clone();
        form.submit(check, async move {
            let client = anonymous_client();
            let answer = match purpose {
                PasswordLink::Reset => {
                    let body = PasswordResetConfirm {
                        token,
                        password: chosen,
                    };
                    client.confirm_password_reset(&body).await
                }
                PasswordLink::Activate => {
                    let body = ActivateAccountRequest {
                        token,
                        password: chosen,
                    };
                    client.activate_account(&body).await
                }
            };
            answer.map_err(|err| {
                dead.set(link_is_dead(&err));
                link_refusal(&err, LinkKind::Password)
            })?;
            done.set(true);
            Ok(None)
        });
    };
    rsx! {
        h1 { {i.t(title)} }
        if done() {
            Notice { text: finished }
            Link { id: "to-login", class: "button primary", to: Route::Login { next: String::new() }, {i.t(K::ToLogin)} }
        } else {
            if let Some(intro) = intro {
                p { class: "lead", {i.t(intro)} }
            }
            form { novalidate: true, onsubmit: submit,
                TextInput { id: "password", label: K::FieldNewPassword, value: password, input_type: "password", autocomplete: "new-password", hint: K::PasswordHint, error: form.problem() }
                OutcomeNotice { outcome: form.outcome }
                button { class: "button primary", r#type: "submit", disabled: form.busy() || dead(), {i.t(K::ResetButton)} }
            }
            if dead() && purpose == PasswordLink::Reset {
                Link { class: "button", to: Route::ForgotPassword {}, {i.t(K::RequestNewLink)} }
            }
        }
    }
}
