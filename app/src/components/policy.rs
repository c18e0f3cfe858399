//! The family's own rule for sharing: whether every parent must approve a grant before it
//! starts. Any parent switches it; revoking always stays something one parent does alone.

use dioxus::prelude::*;
use onsplan_shared::consent::UpdatePolicyRequest;
use uuid::Uuid;

use crate::api::use_session;
use crate::components::outcome::{failure_key, Outcome, OutcomeNotice};
use crate::i18n::{use_i18n, K};

#[component]
pub fn PolicySwitch(family: Uuid, reload: Signal<u32>) -> Element {
    let i = use_i18n();
    let session = use_session();
    let mut outcome = use_signal(|| None::<Outcome>);
    let detail = use_resource(move || async move {
        reload();
        session
            .call(move |c| async move { c.family(family).await })
            .await
    });
    let Some(Ok(current)) = &*detail.read() else {
        return rsx! {};
    };
    let on = current.policy.both_parents_must_agree;
    let mut reload = reload;
    let switch = move |e: FormEvent| {
        let body = UpdatePolicyRequest {
            both_parents_must_agree: e.checked(),
        };
        outcome.set(None);
        spawn(async move {
            match session
                .call(move |c| {
                    let body = body.clone();
                    async move { c.update_policy(family, &body).await }
                })
                .await
            {
                Ok(_) => {
                    outcome.set(Some(Outcome::Done(K::PolicySaved)));
                    reload += 1;
                }
                Err(err) => outcome.set(Some(Outcome::Failed(failure_key(&err)))),
            }
        });
    };
    rsx! {
        section { class: "block", aria_labelledby: "policy-title",
            h2 { id: "policy-title", {i.t(K::PolicyTitle)} }
            div { class: "field check",
                input { id: "policy-both", r#type: "checkbox", checked: on, aria_describedby: "policy-both-explain", onchange: switch }
                label { r#for: "policy-both", {i.t(K::PolicyBoth)} }
                p { id: "policy-both-explain", class: "hint", {i.t(K::PolicyExplain)} }
            }
            OutcomeNotice { outcome }
        }
    }
}
