//! Register and log in. Registering ends with "check your mail": the account is made when
//! the emailed link is opened (`confirm`). Logging in asks the server to put the refresh token
//! in an HttpOnly cookie; the access token stays in memory.

use dioxus::prelude::*;
use onsplan_shared::auth::{LoginRequest, RegisterRequest, TokenDelivery};
use onsplan_shared::{ClientError, ErrorCode};

use crate::api::{
    anonymous_client, error_field, error_key, field_problem, use_session, FieldProblem,
};
use crate::components::form::{Notice, TextInput};
use crate::i18n::{fill, use_i18n, K};
use crate::views::home::home_route;
use crate::Route;

fn problem_for(problem: &Option<FieldProblem>, field: &str) -> Option<K> {
    problem
        .as_ref()
        .filter(|(f, _)| f == field)
        .map(|(_, k)| *k)
}

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
    let mut problem = use_signal(|| None::<FieldProblem>);
    let mut failure = use_signal(|| None::<K>);
    let mut busy = use_signal(|| false);
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
        failure.set(None);
        if let Err(err) = request.validate() {
            problem.set(Some(field_problem(&err)));
            return;
        }
        problem.set(None);
        busy.set(true);
        spawn(async move {
            let address = request.email.clone();
            match anonymous_client().register(&request).await {
                Ok(()) => sent.set(Some(address)),
                Err(err) => {
                    problem.set(error_field(&err));
                    failure.set(Some(error_key(&err)));
                }
            }
            busy.set(false);
        });
    };

    if let Some(address) = sent() {
        return rsx! { CheckMail { address, on_again: move |_| sent.set(None) } };
    }
    let p = problem();
    rsx! {
        h1 { {i.t(K::RegisterTitle)} }
        form { novalidate: true, onsubmit: submit,
            TextInput { id: "name", label: K::FieldName, value: name, autocomplete: "name", error: problem_for(&p, "name") }
            TextInput { id: "email", label: K::FieldEmail, value: email, input_type: "email", autocomplete: "email", error: problem_for(&p, "email") }
            TextInput { id: "password", label: K::FieldPassword, value: password, input_type: "password", autocomplete: "new-password", hint: K::PasswordHint, error: problem_for(&p, "password") }
            if let Some(text) = failure() {
                Notice { text, error: true }
            }
            button { class: "button primary", r#type: "submit", disabled: busy(), {i.t(K::RegisterButton)} }
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
    let mut failure = use_signal(|| None::<K>);
    let mut busy = use_signal(|| false);

    let submit = move |e: FormEvent| {
        e.prevent_default();
        let request = LoginRequest {
            email: email().trim().to_string(),
            password: password(),
            token_delivery: TokenDelivery::Cookie,
        };
        failure.set(None);
        busy.set(true);
        let next = next.clone();
        spawn(async move {
            let mut client = anonymous_client();
            match client.login(&request).await {
                Ok(started) => {
                    session.start(client, started.user.clone());
                    let target = next.parse::<Route>().ok().filter(|_| next.starts_with('/'));
                    nav.replace(target.unwrap_or_else(|| home_route(&started.user)));
                }
                Err(err) => failure.set(Some(login_failure(&err))),
            }
            busy.set(false);
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
            if let Some(text) = failure() {
                LoginRefused { text }
            }
            button { class: "button primary", r#type: "submit", disabled: busy(), {i.t(K::LoginButton)} }
        }
        p { Link { to: Route::Register {}, {i.t(K::NoAccountYet)} } }
        p { Link { id: "forgot", to: Route::ForgotPassword {}, {i.t(K::ForgotPassword)} } }
    }
}
