//! The page a registration email links to (`/account-bevestigen#<token>`): it makes the
//! account with the token at once, logs in and goes on to making the family, as registering
//! did before. A link that was used, expired or does not work says so, with a way forward.

use dioxus::prelude::*;
use onsplan_shared::auth::{RegisterConfirm, TokenDelivery};
use onsplan_shared::{ClientError, ErrorCode};

use crate::api::{anonymous_client, error_key, use_session};
use crate::components::form::Notice;
use crate::components::links::use_fresh_page_per_link;
use crate::i18n::{use_i18n, K};
use crate::Route;

/// Why a confirmation link was refused, and what to do next.
pub fn confirm_refusal(err: &ClientError) -> K {
    match err.code() {
        Some(ErrorCode::LinkUsed) => K::ConfirmUsed,
        Some(ErrorCode::LinkExpired) => K::ConfirmExpired,
        Some(ErrorCode::LinkSuperseded) => K::ConfirmSuperseded,
        Some(ErrorCode::LinkInvalid | ErrorCode::NotFound) => K::ConfirmInvalid,
        Some(ErrorCode::EmailTaken) => K::ConfirmTaken,
        _ => error_key(err),
    }
}

#[component]
pub fn ConfirmRegistration(token: String) -> Element {
    use_fresh_page_per_link();
    let i = use_i18n();
    let session = use_session();
    let nav = use_navigator();
    let mut refused = use_signal(|| None::<K>);
    use_hook(move || {
        spawn(async move {
            let mut client = anonymous_client();
            let body = RegisterConfirm {
                token,
                token_delivery: TokenDelivery::Cookie,
            };
            match client.confirm_registration(&body).await {
                Ok(started) => {
                    session.start(client, started.user);
                    nav.replace(Route::CreateFamily {});
                }
                Err(err) => refused.set(Some(confirm_refusal(&err))),
            }
        });
    });
    rsx! {
        h1 { {i.t(K::ConfirmTitle)} }
        match refused() {
            None => rsx! { p { class: "loading", role: "status", {i.t(K::ConfirmBusy)} } },
            Some(text) => rsx! {
                Notice { text, error: true }
                p { Link { id: "to-login", class: "button primary", to: Route::Login { next: String::new() }, {i.t(K::ToLogin)} } }
                if matches!(text, K::ConfirmTaken | K::ConfirmUsed) {
                    p { Link { to: Route::ForgotPassword {}, {i.t(K::ForgotPassword)} } }
                } else {
                    p { Link { id: "register-again", to: Route::Register {}, {i.t(K::RegisterAgain)} } }
                }
            },
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use onsplan_shared::ApiError;

    fn refused(status: u16, code: ErrorCode) -> ClientError {
        ClientError::Api {
            status,
            error: ApiError::new(code, "refused"),
        }
    }

    #[test]
    fn each_refusal_of_a_confirmation_link_has_its_own_words() {
        for (status, code, key) in [
            (410, ErrorCode::LinkUsed, K::ConfirmUsed),
            (410, ErrorCode::LinkExpired, K::ConfirmExpired),
            (410, ErrorCode::LinkSuperseded, K::ConfirmSuperseded),
            (404, ErrorCode::LinkInvalid, K::ConfirmInvalid),
            (409, ErrorCode::EmailTaken, K::ConfirmTaken),
        ] {
            assert_eq!(confirm_refusal(&refused(status, code)), key, "{code:?}");
        }
    }
}
