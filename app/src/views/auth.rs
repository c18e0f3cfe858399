//! Register and log in. Registering ends with "check your mail": the account is made when
//! the emailed link is opened (`confirm`). Logging in asks the server to put the refresh token
//! in an HttpOnly cookie; the access token stays in memory.

use dioxus::prelude::*;
use onsplan_shared::auth::{LoginRequest, RegisterRequest, TokenDelivery};
use onsplan_shared::{ClientError, ErrorCode};

use crate::api::{anonymous_client, error_key, field_problem, use_session, FieldProblem};
use crate::components::form::{Notice, TextInput};
use crate::components::outcome::{Outcome, OutcomeNotice};
use crate::components::submit::{refusal, use_form};
use crate::i18n::{fill, use_i18n, K};
use crate::views::home::home_route;
use crate::Route;

/// What a refused login says: too many tries there means wrong passwords, and the way out is a
/// new password.
pub fn login_failure(err: &ClientError) -> K {
    match err.code() {
        Some(ErrorCode::RateLimited) => K::ErrLoginLocked,
        _ => error_key(err),
    }
}

/// A refused login; a lockout offers choosing a new password right there.
#[component]
pub fn LoginRefused(text: K) -> Element {
    let i = use_i18n();
    rsx! {
        Notice { text, error: true }
        if text == K::ErrLoginLocked {
            p { Link { id: "forgot-locked", to: Route::ForgotPassword {}, {i.t(K::ForgotPassword)} } }
        }
    }
}

#[component]
pub fn Register() -> Element {
    let i = use_i18n();
    let session = use_session();
    let name = use_signal(String::new);
    let email = use_signal(String::new);
    let password = use_signal(String::new);
    let form = use_form::<FieldProblem>();
    let mut sent = use_signal(|| None::<String>);

    let submit = move |e: FormEvent| {
        e.prevent_default();
        let request = RegisterRequest {
            email: email().trim().to_string(),
            name: name().trim().to_string(),
            password: password(),
            locale: (session.lang)(),
            token_delivery: TokenDelivery::Cookie,
        };
        let check = request.validate().map_err(|err| field_problem(&err));
        form.submit(check, async move {
            anonymous_client()
                .register(&request)
                .await
                .map_err(|err| refusal(&err))?;
            sent.set(Some(request.email));
            Ok(None)
        });
    };

    if let Some(address) = sent() {
        return rsx! { CheckMail { address, on_again: move |_| sent.set(None) } };
    }
    rsx! {
        h1 { {i.t(K::RegisterTitle)} }
        form { novalidate: true, onsubmit: submit,
            TextInput { id: "name", label: K::FieldName, value: name, autocomplete: "name", error: form.error_of("name") }
            TextInput { id: "email", label: K::FieldEmail, value: email, input_type: "email", autocomplete: "email", error: form.error_of("email") }
            TextInput { id: "password", label: K::FieldPassword, value: password, input_type: "password", autocomplete: "new-password", hint: K::PasswordHint, error: form.error_of("password") }
            OutcomeNotice { outcome: form.outcome }
            button { class: "button primary", r#type: "submit", disabled: form.busy(), {i.t(K::RegisterButton)} }
        }
        p { Link { to: Route::Login { next: String::new() }, {i.t(K::HaveAccount)} } }
    }
}

/// After registering: the link to make the account is in the mail, and what to do when
/// nothing arrives. (A known address gets a note instead; this page says the same either way.)
#[component]
fn CheckMail(address: String, on_again: EventHandler<()>) -> Element {
    let i = use_i18n();
    rsx! {
        h1 { id: "check-mail", {i.t(K::CheckMailTitle)} }
        p { class: "lead", role: "status", {fill(i.t(K::CheckMailSent), &[("email", &address)])} }
        p { {i.t(K::CheckMailNothing)} }
        p { Link { to: Route::Login { next: String::new() }, {i.t(K::ToLogin)} } }
        p { Link { to: Route::ForgotPassword {}, {i.t(K::ForgotPassword)} } }
        button { class: "button", r#type: "button", onclick: move |_| on_again.call(()), {i.t(K::RegisterAgain)} }
    }
}

#[component]
pub fn Login(next: String) -> Element {
    let i = use_i18n();
    let session = use_session();
    let nav = use_navigator();
    let email = use_signal(String::new);
    let password = use_signal(String::new);
    let form = use_form::<()>();

    let submit = move |e: FormEvent| {
        e.prevent_default();
        let request = LoginRequest {
            email: email().trim().to_string(),
            password: password(),
            token_delivery: TokenDelivery::Cookie,
        };
        let next = next.clone();
        form.submit(Ok(()), async move {
            let mut client = anonymous_client();
            let started = client
                .login(&request)
                .await
                .map_err(|err| login_failure(&err))?;
            session.start(client, started.user.clone());
            let target = next.parse::<Route>().ok().filter(|_| next.starts_with('/'));
            nav.replace(target.unwrap_or_else(|| home_route(&started.user)));
            Ok(None)
        });
    };

    rsx! {
        h1 { {i.t(K::LoginTitle)} }
        if (session.expired)() {
            Notice { text: K::SessionExpired }
        }
        form { novalidate: true, onsubmit: submit,
            TextInput { id: "email", label: K::FieldEmail, value: email, input_type: "email", autocomplete: "username" }
            TextInput { id: "password", label: K::FieldPassword, value: password, input_type: "password", autocomplete: "current-password" }
            if let Some(Outcome::Failed(text)) = (form.outcome)() {
                LoginRefused { text }
            }
            button { class: "button primary", r#type: "submit", disabled: form.busy(), {i.t(K::LoginButton)} }
        }
        p { Link { to: Route::Register {}, {i.t(K::NoAccountYet)} } }
        p { Link { id: "forgot", to: Route::ForgotPassword {}, {i.t(K::ForgotPassword)} } }
    }
}
