//! The family's own rule for sharing: whether every parent must approve a grant before it
//! starts. Switching it on is confirmed first, saying what changes, and then applies at once
//! (what is shared already stays shared); switching it off is confirmed first and, with more than one parent, waits until every parent said yes.
//! A waiting switch-off shows who asked, and the other parents approve or decline it here.
//! Revoking always stays something one parent does alone.

use dioxus::prelude::*;
use onsplan_shared::consent::UpdatePolicyRequest;
use onsplan_shared::family::Role;
use uuid::Uuid;

use crate::api::use_session;
use crate::components::choices::ConfirmButton;
use crate::components::outcome::{run, Outcome, OutcomeNotice};
use crate::i18n::{fill, use_i18n, K};

#[component]
pub fn PolicySwitch(family: Uuid, reload: Signal<u32>) -> Element {
    let i = use_i18n();
    let session = use_session();
    let outcome = use_signal(|| None::<Outcome>);
    let mut asking_off = use_signal(|| false);
    let mut asking_on = use_signal(|| false);
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
    let parents = current
        .members
        .iter()
        .filter(|m| m.role == Role::Parent)
        .count();
    let me = session.me.read().as_ref().map(|m| m.id);
    let pending = current.pending_policy_change.clone();
    let waiting = pending.is_some();
    let send = move |wanted: bool| {
        let done = match (wanted, parents) {
            (false, 2..) => K::PolicyOffAsked,
            _ => K::PolicySaved,
        };
        let body = UpdatePolicyRequest {
            both_parents_must_agree: wanted,
        };
        run(session, outcome, reload, done, move |c| {
            let body = body.clone();
            async move { c.update_policy(family, &body).await }
        });
    };
    let switch = move |e: FormEvent| {
        if e.checked() {
            asking_on.set(true);
        } else if asking_on() {
            asking_on.set(false);
        } else {
            asking_off.set(true);
        }
    };
    rsx! {
        section { class: "block", aria_labelledby: "policy-title",
            h2 { id: "policy-title", {i.t(K::PolicyTitle)} }
            div { class: "field check",
                input {
                    id: "policy-both",
                    r#type: "checkbox",
                    checked: (on && !asking_off()) || asking_on(),
                    disabled: waiting,
                    aria_describedby: "policy-both-explain",
                    onchange: switch,
                }
                label { r#for: "policy-both", {i.t(K::PolicyBoth)} }
                p { id: "policy-both-explain", class: "hint", {i.t(K::PolicyExplain)} }
            }
            if asking_on() {
                div { class: "confirm", role: "group", aria_labelledby: "policy-on-question",
                    p { id: "policy-on-question", {i.t(K::PolicyOnConfirm)} }
                    div { class: "actions",
                        button {
                            id: "policy-on-yes",
                            class: "button primary",
                            r#type: "button",
                            onclick: move |_| {
                                asking_on.set(false);
                                send(true);
                            },
                            {i.t(K::PolicyConfirmOn)}
                        }
                        button {
                            id: "policy-on-no",
                            class: "button",
                            r#type: "button",
                            onclick: move |_| asking_on.set(false),
                            {i.t(K::ConfirmNo)}
                        }
                    }
                }
            }
            if asking_off() {
                div { class: "confirm", role: "group", aria_labelledby: "policy-off-question",
                    p { id: "policy-off-question",
                        if parents > 1 { {i.t(K::PolicyOffConfirmShared)} } else { {i.t(K::PolicyOffConfirmAlone)} }
                    }
                    div { class: "actions",
                        button {
                            id: "policy-off-yes",
                            class: "button danger",
                            r#type: "button",
                            onclick: move |_| {
                                asking_off.set(false);
                                send(false);
                            },
                            {i.t(K::PolicyConfirmOff)}
                        }
                        button {
                            id: "policy-off-no",
                            class: "button",
                            r#type: "button",
                            onclick: move |_| asking_off.set(false),
                            {i.t(K::ConfirmNo)}
                        }
                    }
                }
            }
            if let Some(change) = pending {
                div { id: "policy-pending", class: "notice",
                    p { {fill(i.t(K::PolicyOffWaits), &[("name", &change.requested_by.name)])} }
                    if change.approved_by.iter().any(|a| Some(a.user_id) == me) {
                        p { id: "policy-waiting", {i.t(K::PolicyWaitsForOthers)} }
                    } else {
                        div { class: "row-actions",
                            ConfirmButton {
                                id: "policy-approve",
                                label: K::PolicyApproveOff,
                                question: i.t(K::PolicyApproveOffConfirm).to_string(),
                                confirm: K::PolicyConfirmOff,
                                on_confirm: move |_| run(session, outcome, reload, K::PolicyAnswered, move |c| async move { c.approve_policy_change(family).await }),
                            }
                            button {
                                id: "policy-decline",
                                class: "button",
                                r#type: "button",
                                onclick: move |_| run(session, outcome, reload, K::PolicyKept, move |c| async move { c.decline_policy_change(family).await }),
                                {i.t(K::PolicyKeepOn)}
                            }
                        }
                    }
                }
            }
            OutcomeNotice { outcome }
        }
    }
}
