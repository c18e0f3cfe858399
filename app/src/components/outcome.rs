//! Running an action from a screen (send again, revoke, approve) and saying how it went: the
//! outcome in words above the list, and a reload counter the screen's lists follow.

use std::future::Future;

use dioxus::prelude::*;
use onsplan_shared::client::ClientResult;
use onsplan_shared::{ApiClient, ClientError, ErrorCode};

use crate::api::{error_key, Session};
use crate::components::form::Notice;
use crate::i18n::K;

/// How the last action went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done(K),
    Failed(K),
}

/// What to tell about a failed call, with the codes these screens meet besides the common ones.
pub fn failure_key(err: &ClientError) -> K {
    match err.code() {
        Some(ErrorCode::AlreadyMember) => K::ErrAlreadyMember,
        _ => error_key(err),
    }
}

/// Runs `call` with the session; on success says `done` and bumps `reload`.
pub fn run<T, F, Fut>(
    session: Session,
    mut outcome: Signal<Option<Outcome>>,
    mut reload: Signal<u32>,
    done: K,
    call: F,
) where
    T: 'static,
    F: Fn(ApiClient) -> Fut + 'static,
    Fut: Future<Output = ClientResult<T>> + 'static,
{
    outcome.set(None);
    spawn(async move {
        match session.call(call).await {
            Ok(_) => {
                outcome.set(Some(Outcome::Done(done)));
                reload += 1;
            }
            Err(err) => outcome.set(Some(Outcome::Failed(failure_key(&err)))),
        }
    });
}

/// The outcome of the last action, if any.
#[component]
pub fn OutcomeNotice(outcome: Signal<Option<Outcome>>) -> Element {
    match outcome() {
        Some(Outcome::Done(text)) => rsx! { Notice { text } },
        Some(Outcome::Failed(text)) => rsx! { Notice { text, error: true } },
        None => rsx! {},
    }
}
