//! Sending the saves kept on the phone while offline ([`crate::outbox`]) when the app starts
//! and whenever the connection comes back (the root counts that in the session; the screens'
//! data follow the count too), and saying how they went: saved, or back in their editor
//! because someone else changed the section meanwhile.

use dioxus::prelude::*;

use crate::api::use_session;
use crate::i18n::{fill, use_i18n, K};
use crate::outbox::{self, Sent};
use crate::views::section::plan_changed;
use crate::{schema, Route};

#[component]
pub fn SentNotes() -> Element {
    let i = use_i18n();
    let session = use_session();
    // Each time the connection comes back (the root counts it), what waits is sent.
    use_effect(move || {
        (session.back_online)();
        let Some(user) = session.user_id() else {
            return;
        };
        spawn(async move {
            let outcome = outbox::send(session, user).await;
            if outcome.is_empty() {
                return;
            }
            if outcome
                .iter()
                .any(|sent| matches!(sent, Sent::Saved { .. }))
            {
                plan_changed(session);
            }
            let mut sent = session.sent;
            sent.set(outcome);
        });
    });
    // "Opgeslagen" is said on the screen it happened on; a refused save waits for its editor.
    let path = use_route::<Route>().to_string();
    use_effect(use_reactive((&path,), move |_| {
        let mut sent = session.sent;
        if sent.peek().iter().any(|s| matches!(s, Sent::Saved { .. })) {
            sent.with_mut(|list| list.retain(|s| matches!(s, Sent::Back { .. })));
        }
    }));
    let sent = (session.sent)();
    let saved = sent.iter().any(|s| matches!(s, Sent::Saved { .. }));
    let back: Vec<_> = sent
        .iter()
        .filter_map(|s| match s {
            Sent::Back { save } => Some(save.kind),
            Sent::Saved { .. } => None,
        })
        .collect();
    rsx! {
        if saved {
            p { id: "sent-saved", class: "notice", role: "status", {i.t(K::SentSaved)} }
        }
        for kind in back {
            div { key: "{kind}", class: "notice notice-error", role: "alert",
                p { {fill(i.t(K::SentBack), &[("section", i.t(schema::title(kind).0))])} }
                Link { id: "sent-back-{kind}", class: "button", to: Route::EditSection { kind },
                    {fill(i.t(K::SentBackOpen), &[("section", i.t(schema::title(kind).0))])}
                }
            }
        }
    }
}
