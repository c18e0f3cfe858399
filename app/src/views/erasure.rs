//! Deleting for good, said plainly before anything happens: `/gezin-verwijderen` (a parent
//! types the family's name; with "every parent must agree" the deletion waits for the other
//! parents, who say yes or stop it here) and `/account-verwijderen` (a person types their
//! password; the last parent of a family is told which families to delete or hand over first).

use dioxus::prelude::*;
use onsplan_shared::auth::AccountKind;
use onsplan_shared::erasure::{DeleteAccountRequest, DeleteFamilyRequest, PendingDeletion};
use onsplan_shared::family::Role;
use onsplan_shared::{ClientError, ErrorCode};
use uuid::Uuid;

use crate::api::{error_key, use_session, Session};
use crate::components::choices::ConfirmButton;
use crate::components::form::{Loading, Notice, TextInput};
use crate::components::outcome::OutcomeNotice;
use crate::components::parent_nav::ParentNav;
use crate::components::submit::{use_form, Refused};
use crate::i18n::{fill, use_i18n, I18n, K};
use crate::open_family::family_id;
use crate::{platform, Route};

/// What to tell about a refused deletion step.
fn refusal(err: &ClientError) -> K {
    match err.code() {
        Some(ErrorCode::Conflict) => K::ErrNothingWaits,
        _ => error_key(err),
    }
}

/// The list of what goes, one line per kind of thing.
#[component]
fn GoneList(id: &'static str, items: Vec<K>) -> Element {
    let i = use_i18n();
    rsx! {
        ul { id, class: "gone",
            for key in items {
                li { key: "{key:?}", {i.t(key)} }
            }
        }
    }
}

/// After the family is gone: forget it on this device and find another (or make a new one).
fn family_gone(session: Session, nav: dioxus::router::Navigator) {
    session.forget_family();
    nav.replace(Route::Plan {});
}

#[component]
pub fn DeleteFamily() -> Element {
    let i = use_i18n();
    let session = use_session();
    let nav = use_navigator();
    let family = family_id();
    let mut reload = use_signal(|| 0u32);
    let typed = use_signal(String::new);
    let form = use_form::<K>();
    let detail = use_resource(move || async move {
        reload();
        session
            .call(move |c| async move { c.family(family).await })
            .await
    });
    let Some(Ok(current)) = &*detail.read() else {
        return rsx! { Loading {} };
    };
    if current.my_role != Role::Parent {
        return rsx! {
            h1 { {i.t(K::DeleteFamilyTitle)} }
            p { {i.t(K::DeleteFamilyParentsOnly)} }
        };
    }
    let name = current.name.clone();
    let parents = current
        .members
        .iter()
        .filter(|m| m.role == Role::Parent)
        .count();
    let waits_for_all = current.policy.both_parents_must_agree && parents > 1;
    let pending = current.pending_deletion.clone();
    let submit = move |e: FormEvent| {
        e.prevent_default();
        let body = DeleteFamilyRequest {
            confirm_name: typed(),
        };
        form.submit(Ok(()), async move {
            let sent = session
                .call(move |c| {
                    let body = body.clone();
                    async move { c.delete_family(family, &body).await }
                })
                .await
                .map_err(|err| Refused::Field(refusal(&err)))?;
            if sent.is_none() {
                family_gone(session, nav);
                return Ok(None);
            }
            reload += 1;
            Ok(Some(K::DeleteFamilyAsked))
        });
    };
    let gone = vec![
        K::GoneSections,
        K::GoneAgreements,
        K::GoneComments,
        K::GoneMembers,
        K::GoneSharing,
        K::GoneLog,
    ];
    rsx! {
        ParentNav {}
        h1 { {i.t(K::DeleteFamilyTitle)} }
        p { class: "lead", {i.t(K::DeleteFamilyLead)} }
        GoneList { id: "family-gone", items: gone }
        p { {i.t(K::DeleteFamilyMail)} }
        OutcomeNotice { outcome: form.outcome }
        if let Some(waiting) = pending {
            Waiting { family, waiting, reload, failure: form.problem }
        } else {
            if waits_for_all {
                p { id: "delete-all-parents", class: "hint", {i.t(K::DeleteFamilyAllParents)} }
            }
            form { novalidate: true, onsubmit: submit,
                p { id: "delete-family-name", {fill(i.t(K::DeleteFamilyNameIs), &[("name", &name)])} }
                TextInput { id: "confirm-name", label: K::DeleteFamilyTypeName, value: typed, error: form.problem() }
                button { id: "delete-family", class: "button danger", r#type: "submit", disabled: form.busy(), {i.t(K::DeleteFamilyButton)} }
            }
        }
    }
}

/// A deletion that waits for every parent: who asked, until when, who still has to say yes;
/// yes or stop.
#[component]
pub(crate) fn Waiting(
    family: Uuid,
    waiting: PendingDeletion,
    reload: Signal<u32>,
    failure: Signal<Option<K>>,
) -> Element {
    let i = use_i18n();
    let session = use_session();
    let nav = use_navigator();
    let mut reload = reload;
    let mut failure = failure;
    let mut stopped = use_signal(|| false);
    let me = session.me.read().as_ref().map(|m| m.id);
    let said_yes = waiting.approved_by.iter().any(|a| Some(a.user_id) == me);
    let names = waiting
        .waiting_for
        .iter()
        .map(|a| a.name.clone())
        .collect::<Vec<_>>()
        .join(", ");
    let until = i.date(waiting.expires_at);
    let approve = move |_| {
        failure.set(None);
        spawn(async move {
            match session
                .call(move |c| async move { c.approve_family_deletion(family).await })
                .await
            {
                Ok(None) => family_gone(session, nav),
                Ok(Some(_)) => reload += 1,
                Err(err) => failure.set(Some(refusal(&err))),
            }
        });
    };
    let cancel = move |_| {
        failure.set(None);
        spawn(async move {
            match session
                .call(move |c| async move { c.cancel_family_deletion(family).await })
                .await
            {
                Ok(()) => {
                    stopped.set(true);
                    reload += 1;
                }
                Err(err) => failure.set(Some(refusal(&err))),
            }
        });
    };
    rsx! {
        div { id: "deletion-pending", class: "notice",
            p { {fill(i.t(K::DeleteFamilyWaits), &[("name", &waiting.requested_by.name), ("date", &until)])} }
            if !names.is_empty() {
                p { {fill(i.t(K::DeleteFamilyWaitingFor), &[("names", &names)])} }
            }
            if said_yes {
                p { id: "deletion-said-yes", {i.t(K::DeleteFamilyYouSaidYes)} }
            } else {
                ConfirmButton {
                    id: "deletion-approve",
                    label: K::DeleteFamilyApprove,
                    question: i.t(K::DeleteFamilyApproveAsk).to_string(),
                    confirm: K::DeleteFamilyApprove,
                    on_confirm: approve,
                }
            }
            button { id: "deletion-cancel", class: "button", r#type: "button", onclick: cancel, {i.t(K::DeleteFamilyCancel)} }
        }
        if stopped() {
            Notice { text: K::DeleteFamilyCancelled }
        }
        if let Some(text) = failure() {
            Notice { text, error: true }
        }
    }
}

#[component]
pub fn DeleteAccount() -> Element {
    let i = use_i18n();
    let session = use_session();
    let nav = use_navigator();
    let password = use_signal(String::new);
    let form = use_form::<K>();
    let mut last_of = use_signal(Vec::<String>::new);
    use_effect(move || {
        if !(session.booting)() && session.client.read().is_none() {
            nav.replace(Route::Login {
                next: platform::current_path(),
            });
        }
    });
    let Some(kind) = session.me.read().as_ref().map(|m| m.kind) else {
        return rsx! { Loading {} };
    };
    if kind != AccountKind::Person {
        return rsx! {
            h1 { {i.t(K::DeleteAccountTitle)} }
            p { id: "account-of-organisation", {i.t(K::AccountOfOrganisation)} }
        };
    }
    let submit = move |e: FormEvent| {
        e.prevent_default();
        let body = DeleteAccountRequest {
            password: password(),
        };
        last_of.set(Vec::new());
        form.submit(Ok(()), async move {
            let sent = session
                .call(move |c| {
                    let body = body.clone();
                    async move {
                        let mut c = c;
                        c.delete_account(&body).await
                    }
                })
                .await;
            match sent {
                Ok(()) => {
                    session.logout().await;
                    nav.replace(Route::Welcome {});
                    Ok(None)
                }
                Err(ClientError::Api { error, .. }) if error.code == ErrorCode::LastParent => {
                    last_of.set(error.families.iter().map(|f| f.name.clone()).collect());
                    Ok(None)
                }
                Err(err) => Err(Refused::Field(error_key(&err))),
            }
        });
    };
    let gone = vec![
        K::AccountGoneLogin,
        K::AccountGoneName,
        K::AccountGoneFamilies,
        K::AccountGonePrivate,
    ];
    rsx! {
        h1 { {i.t(K::DeleteAccountTitle)} }
        p { class: "lead", {i.t(K::DeleteAccountLead)} }
        GoneList { id: "account-gone", items: gone }
        p { {i.t(K::AccountStays)} }
        LastParent { names: last_of() }
        form { novalidate: true, onsubmit: submit,
            TextInput { id: "delete-password", label: K::DeleteAccountPassword, value: password, input_type: "password", autocomplete: "current-password", error: form.problem() }
            button { id: "delete-account", class: "button danger", r#type: "submit", disabled: form.busy(), {i.t(K::DeleteAccountButton)} }
        }
    }
}

/// The families that keep the account: the caller is their last parent.
#[component]
pub(crate) fn LastParent(names: Vec<String>) -> Element {
    let i: I18n = use_i18n();
    if names.is_empty() {
        return rsx! {};
    }
    rsx! {
        div { id: "last-parent", class: "notice notice-error", role: "alert",
            p { {fill(i.t(K::LastParentOf), &[("names", &names.join(", "))])} }
            Link { to: Route::DeleteFamily {}, {i.t(K::NavDeleteFamily)} }
        }
    }
}
