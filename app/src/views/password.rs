//! Password pages: asking for a reset link (`/wachtwoord-vergeten`), choosing a new password
//! from that link (`/wachtwoord-herstellen`), and an organisation-made account's first
//! password (`/account-activeren`). The last two share one form.

use dioxus::prelude::*;
use onsplan_shared::auth::{validate_email, validate_password, ActivateAccountRequest};
use onsplan_shared::invite::{PasswordResetConfirm, PasswordResetRequest};

use crate::api::{anonymous_client, error_key, problem_key};
use crate::components::form::{Notice, TextInput};
use crate::components::links::{link_is_dead, link_refusal, use_fresh_page_per_link, LinkKind};
use crate::i18n::{use_i18n, K};
use crate::Route;

#[component]
pub fn ForgotPassword() -> Element {
    let i = use_i18n();
    let email = use_signal(String::new);
    let mut problem = use_signal(|| None::<K>);
    let mut failure = use_signal(|| None::<K>);
    let mut sent = use_signal(|| false);
    let mut busy = use_signal(|| false);
    let submit = move |e: FormEvent| {
        e.prevent_default();
        let body = PasswordResetRequest {
            email: email().trim().to_string(),
        };
        if let Err(err) = validate_email("email", &body.email) {
            problem.set(Some(problem_key(&err.problem)));
            return;
        }
        problem.set(None);
        failure.set(None);
        busy.set(true);
        spawn(async move {
            match anonymous_client().request_password_reset(&body).await {
                Ok(()) => sent.set(true),
                Err(err) => failure.set(Some(error_key(&err))),
            }
            busy.set(false);
        });
    };
    rsx! {
        h1 { {i.t(K::ForgotTitle)} }
        if sent() {
            Notice { text: K::ForgotSent }
        } else {
            p { class: "lead", {i.t(K::ForgotIntro)} }
            form { novalidate: true, onsubmit: submit,
                TextInput { id: "email", label: K::FieldEmail, value: email, input_type: "email", autocomplete: "email", error: problem() }
                if let Some(text) = failure() {
                    Notice { text, error: true }
                }
                button { class: "button primary", r#type: "submit", disabled: busy(), {i.t(K::ForgotButton)} }
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
    let mut problem = use_signal(|| None::<K>);
    let mut failure = use_signal(|| None::<K>);
    let mut dead = use_signal(|| false);
    let mut done = use_signal(|| false);
    let mut busy = use_signal(|| false);
    let (title, intro, finished) = match purpose {
        PasswordLink::Reset => (K::ResetTitle, None, K::ResetDone),
        PasswordLink::Activate => (K::ActivateTitle, Some(K::ActivateIntro), K::ActivateDone),
    };
    let submit = move |e: FormEvent| {
        e.prevent_default();
        let chosen = password();
        if let Err(err) = validate_password("password", &chosen) {
            problem.set(Some(problem_key(&err.problem)));
            return;
        }
        problem.set(None);
        failure.set(None);
        busy.set(true);
        let token = token.clone();
        spawn(async move {
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
            match answer {
                Ok(()) => done.set(true),
                Err(err) => {
                    dead.set(link_is_dead(&err));
                    failure.set(Some(link_refusal(&err, LinkKind::Password)));
                }
            }
            busy.set(false);
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
                TextInput { id: "password", label: K::FieldNewPassword, value: password, input_type: "password", autocomplete: "new-password", hint: K::PasswordHint, error: problem() }
                if let Some(text) = failure() {
                    Notice { text, error: true }
                }
                button { class: "button primary", r#type: "submit", disabled: busy() || dead(), {i.t(K::ResetButton)} }
            }
            if dead() && purpose == PasswordLink::Reset {
                Link { class: "button", to: Route::ForgotPassword {}, {i.t(K::RequestNewLink)} }
            }
        }
    }
}
