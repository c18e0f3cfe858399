//! "Wie helpt er mee?": the family's members with their roles, the invitations still open
//! (send again, withdraw), inviting someone by email with a role and a personal message, the
//! linked professionals with their organisation (unlinking one ends what they may read), and
//! linking a professional by email.

use dioxus::prelude::*;
use onsplan_shared::consent::{LinkProfessionalRequest, LinkedProfessional};
use onsplan_shared::family::{Member, Role};
use onsplan_shared::invite::{CreateInviteRequest, Invite};
use onsplan_shared::{ClientError, ErrorCode};
use uuid::Uuid;

use crate::api::{field_problem, problem_key, use_session, FieldProblem};
use crate::components::choices::ConfirmButton;
use crate::components::family_file::DownloadFile;
use crate::components::form::{Loading, Notice, TextInput};
use crate::components::outcome::{failure_key, run, Outcome, OutcomeNotice};
use crate::components::parent_nav::ParentNav;
use crate::components::policy::PolicySwitch;
use crate::components::submit::{refusal, use_form, Refused};
use crate::i18n::{fill, use_i18n, K};
use crate::open_family::{family_id, is_relative};
use crate::{platform, Route};

pub fn role_key(role: Role) -> K {
    match role {
        Role::Parent => K::RoleParent,
        Role::Relative => K::RoleRelative,
    }
}

#[component]
pub fn Network() -> Element {
    let i = use_i18n();
    let family = family_id();
    let reload = use_signal(|| 0u32);
    let outcome = use_signal(|| None::<Outcome>);
    if is_relative() {
        return rsx! {
            h1 { {i.t(K::WhoTakesPart)} }
            OutcomeNotice { outcome }
            Members { family, reload, outcome }
            p { Link { to: Route::Plan {}, {i.t(K::BackToPlan)} } }
            p { Link { id: "to-delete-account", to: Route::DeleteAccount {}, {i.t(K::NavDeleteAccount)} } }
        };
    }
    rsx! {
        ParentNav {}
        h1 { {i.t(K::NavNetwork)} }
        p { class: "lead", {i.t(K::NetworkIntro)} }
        OutcomeNotice { outcome }
        Members { family, reload, outcome }
        Invites { family, reload, outcome }
        InviteForm { family, reload }
        Professionals { family, reload, outcome }
        LinkForm { family, reload }
        PolicySwitch { family, reload }
        DownloadFile { family }
        p { Link { id: "to-delete-family", to: Route::DeleteFamily {}, {i.t(K::NavDeleteFamily)} } }
        p { Link { id: "to-delete-account", to: Route::DeleteAccount {}, {i.t(K::NavDeleteAccount)} } }
    }
}

#[component]
fn Members(family: Uuid, reload: Signal<u32>, outcome: Signal<Option<Outcome>>) -> Element {
    let i = use_i18n();
    let session = use_session();
    let detail = use_resource(move || async move {
        reload();
        session
            .call(move |c| async move { c.family(family).await })
            .await
    });
    let me = session.me.read().as_ref().map(|m| m.id);
    rsx! {
        section { class: "block", aria_labelledby: "members-title",
            h2 { id: "members-title", {i.t(K::MembersTitle)} }
            match &*detail.read() {
                Some(Ok(detail)) => rsx! {
                    MemberList {
                        members: detail.members.clone(),
                        me,
                        family,
                        may_leave: detail.may_leave,
                        reload,
                        outcome,
                    }
                },
                Some(Err(err)) if err.code() == Some(ErrorCode::NotFound) => rsx! { NoLongerMember {} },
                Some(Err(err)) => rsx! { Notice { text: failure_key(err), error: true } },
                None => rsx! { Loading {} },
            }
        }
    }
}

/// What removing or leaving failed with, in words.
fn removal_failure(err: &ClientError) -> K {
    match err.code() {
        Some(ErrorCode::Forbidden) => K::ErrMayNotRemove,
        _ => failure_key(err),
    }
}

/// The members, each with their role; the viewer marked "(jij)". A parent sees "Weghalen" next
/// to whom the server lets them remove, and the viewer "Uit deze groep stappen" when the
/// server lets them leave; both ask first.
#[component]
pub fn MemberList(
    members: Vec<Member>,
    me: Option<Uuid>,
    family: Uuid,
    may_leave: bool,
    reload: Signal<u32>,
    outcome: Signal<Option<Outcome>>,
) -> Element {
    let i = use_i18n();
    let session = use_session();
    let nav = use_navigator();
    let mut busy = use_signal(|| false);
    let mut outcome = outcome;
    let mut reload = reload;
    let mut remove = move |member: Uuid| {
        outcome.set(None);
        busy.set(true);
        spawn(async move {
            match session
                .call(move |c| async move { c.remove_member(family, member).await })
                .await
            {
                Ok(()) => {
                    outcome.set(Some(Outcome::Done(K::MemberRemoved)));
                    reload += 1;
                    // The button that had focus is gone: go on from the list's heading.
                    platform::focus_id("members-title");
                }
                Err(err) => outcome.set(Some(Outcome::Failed(removal_failure(&err)))),
            }
            busy.set(false);
        });
    };
    let mut leave = move |member: Uuid| {
        outcome.set(None);
        busy.set(true);
        spawn(async move {
            match session
                .call(move |c| async move { c.remove_member(family, member).await })
                .await
            {
                Ok(()) => {
                    session.forget_family();
                    nav.replace(Route::Plan {});
                }
                Err(err) => outcome.set(Some(Outcome::Failed(removal_failure(&err)))),
            }
            busy.set(false);
        });
    };
    rsx! {
        ul { class: "people", id: "members",
            for member in members {
                li { key: "{member.user_id}", class: "person",
                    span { class: "name", "{member.name}" }
                    if Some(member.user_id) == me {
                        " " {i.t(K::You)}
                    }
                    " "
                    span { class: "badge", {i.t(role_key(member.role))} }
                    if member.may_remove {
                        ConfirmButton {
                            id: "remove-{member.user_id}",
                            label: K::RemoveMember,
                            question: fill(i.t(K::RemoveMemberAsk), &[("name", &member.name)]),
                            confirm: K::RemoveMemberYes,
                            disabled: busy(),
                            on_confirm: move |_| remove(member.user_id),
                        }
                    }
                    if may_leave && Some(member.user_id) == me {
                        ConfirmButton {
                            id: "leave",
                            label: K::LeaveFamily,
                            question: i.t(K::LeaveFamilyAsk).to_string(),
                            confirm: K::LeaveFamilyYes,
                            disabled: busy(),
                            on_confirm: move |_| leave(member.user_id),
                        }
                    }
                }
            }
        }
    }
}

/// Said instead of "not found" when the family answers 404 to someone who was in it: they
/// were removed or left. The way home forgets the family, so the next screen finds one afresh.
#[component]
pub fn NoLongerMember() -> Element {
    let i = use_i18n();
    let session = use_session();
    let nav = use_navigator();
    rsx! {
        div { id: "no-longer-member", class: "notice notice-error", role: "alert",
            p { strong { {i.t(K::NoLongerMember)} } }
            p { {i.t(K::NoLongerMemberText)} }
        }
        p {
            button {
                id: "to-start",
                class: "button primary",
                r#type: "button",
                onclick: move |_| {
                    session.forget_family();
                    nav.replace(Route::Plan {});
                },
                {i.t(K::ToStart)}
            }
        }
    }
}

#[component]
fn Invites(family: Uuid, reload: Signal<u32>, outcome: Signal<Option<Outcome>>) -> Element {
    let i = use_i18n();
    let session = use_session();
    let invites = use_resource(move || async move {
        reload();
        session
            .call(move |c| async move { c.invites(family).await })
            .await
    });
    rsx! {
        section { class: "block", aria_labelledby: "invites-title",
            h2 { id: "invites-title", {i.t(K::InvitesTitle)} }
            match &*invites.read() {
                Some(Ok(list)) => rsx! { InviteList { family, invites: list.clone(), reload, outcome } },
                Some(Err(err)) => rsx! { Notice { text: failure_key(err), error: true } },
                None => rsx! { Loading {} },
            }
        }
    }
}

/// The open invitations, each with "send again" and "withdraw" (asked first).
#[component]
pub fn InviteList(
    family: Uuid,
    invites: Vec<Invite>,
    reload: Signal<u32>,
    outcome: Signal<Option<Outcome>>,
) -> Element {
    let i = use_i18n();
    let session = use_session();
    if invites.is_empty() {
        return rsx! { p { id: "no-invites", {i.t(K::NoInvites)} } };
    }
    rsx! {
        ul { class: "people", id: "invites",
            for invite in invites {
                li { key: "{invite.id}", class: "person invite",
                    p { class: "name", "{invite.email}" }
                    p { class: "meta",
                        {fill(i.t(K::InvitedAs), &[("role", i.t(role_key(invite.role))), ("date", &i.date(invite.expires_at))])}
                    }
                    div { class: "row-actions",
                        button {
                            id: "resend-{invite.id}",
                            class: "button",
                            r#type: "button",
                            onclick: move |_| {
                                let id = invite.id;
                                run(session, outcome, reload, K::Resent, move |c| async move { c.resend_invite(family, id).await });
                            },
                            {i.t(K::ResendInvite)}
                        }
                        ConfirmButton {
                            id: "revoke-{invite.id}",
                            label: K::RevokeInvite,
                            question: i.t(K::RevokeInviteConfirm).to_string(),
                            confirm: K::ConfirmRevokeInvite,
                            on_confirm: move |_| {
                                let id = invite.id;
                                run(session, outcome, reload, K::InviteRevoked, move |c| async move { c.revoke_invite(family, id).await });
                            },
                        }
                    }
                }
            }
        }
    }
}

#[component]
fn InviteForm(family: Uuid, reload: Signal<u32>) -> Element {
    let i = use_i18n();
    let mut reload = reload;
    let session = use_session();
    let mut email = use_signal(String::new);
    let mut message = use_signal(String::new);
    let mut role = use_signal(|| Role::Relative);
    let form = use_form::<FieldProblem>();
    let submit = move |e: FormEvent| {
        e.prevent_default();
        let request = CreateInviteRequest {
            email: email().trim().to_string(),
            role: role(),
            message: message().trim().to_string(),
            locale: (session.lang)(),
        };
        let check = request.validate().map_err(|err| field_problem(&err));
        form.submit(check, async move {
            session
                .call(move |c| {
                    let body = request.clone();
                    async move { c.invite(family, &body).await }
                })
                .await
                .map_err(|err| refusal(&err))?;
            email.set(String::new());
            message.set(String::new());
            reload += 1;
            Ok(Some(K::InviteSent))
        });
    };
    rsx! {
        section { class: "block", aria_labelledby: "invite-title",
            h2 { id: "invite-title", {i.t(K::InviteTitle)} }
            p { class: "hint", {i.t(K::InviteIntro)} }
            form { id: "invite-form", novalidate: true, onsubmit: submit,
                TextInput { id: "invite-email", label: K::FieldInviteEmail, value: email, input_type: "email", autocomplete: "email", error: form.error_of("email") }
                fieldset {
                    legend { {i.t(K::FieldInviteRole)} }
                    for (choice, label, explain) in [(Role::Relative, K::RoleRelative, K::InviteAsRelativeExplain), (Role::Parent, K::RoleParent, K::InviteAsParentExplain)] {
                        div { key: "{choice.as_str()}", class: "field check",
                            input {
                                id: "invite-role-{choice.as_str()}", r#type: "radio", name: "invite-role",
                                checked: role() == choice,
                                aria_describedby: "invite-role-{choice.as_str()}-explain",
                                onchange: move |_| role.set(choice),
                            }
                            label { r#for: "invite-role-{choice.as_str()}", {i.t(label)} }
                            p { id: "invite-role-{choice.as_str()}-explain", class: "hint", {i.t(explain)} }
                        }
                    }
                }
                TextInput { id: "invite-message", label: K::FieldInviteMessage, value: message, hint: K::InviteMessageHint, multiline: true, error: form.error_of("message") }
                OutcomeNotice { outcome: form.outcome }
                button { id: "send-invite", class: "button primary", r#type: "submit", disabled: form.busy(), {i.t(K::SendInvite)} }
            }
        }
    }
}

#[component]
fn Professionals(family: Uuid, reload: Signal<u32>, outcome: Signal<Option<Outcome>>) -> Element {
    let i = use_i18n();
    let session = use_session();
    let unlink = move |pro: Uuid| {
        let mut outcome = outcome;
        let mut reload = reload;
        outcome.set(None);
        spawn(async move {
            match session
                .call(move |c| async move { c.unlink_professional(family, pro).await })
                .await
            {
                Ok(()) => {
                    outcome.set(Some(Outcome::Done(K::Unlinked)));
                    reload += 1;
                    // The button that had focus is gone: go on from the list's heading.
                    platform::focus_id("professionals-title");
                }
                Err(err) => outcome.set(Some(Outcome::Failed(failure_key(&err)))),
            }
        });
    };
    let linked = use_resource(move || async move {
        reload();
        session
            .call(move |c| async move { c.professionals(family).await })
            .await
    });
    rsx! {
        section { class: "block", aria_labelledby: "professionals-title",
            h2 { id: "professionals-title", {i.t(K::ProfessionalsTitle)} }
            match &*linked.read() {
                Some(Ok(list)) => rsx! { ProfessionalList { professionals: list.clone(), unlink } },
                Some(Err(err)) => rsx! { Notice { text: failure_key(err), error: true } },
                None => rsx! { Loading {} },
            }
        }
    }
}

/// The linked professionals with their organisation, whether the organisation made the
/// account, the way to what the family shares with each, and (when `unlink` is given)
/// "Ontkoppelen", asked first.
#[component]
pub fn ProfessionalList(
    professionals: Vec<LinkedProfessional>,
    #[props(default)] unlink: Option<EventHandler<Uuid>>,
) -> Element {
    let i = use_i18n();
    if professionals.is_empty() {
        return rsx! { p { {i.t(K::NoProfessionals)} } };
    }
    rsx! {
        ul { class: "people", id: "professionals",
            for pro in professionals {
                li { key: "{pro.id}", class: "person",
                    p { class: "name", "{pro.name}" }
                    p { class: "meta",
                        "{pro.organisation}"
                        if pro.verified {
                            " "
                            span { class: "badge verified", title: i.t(K::VerifiedExplain), "✓ " {i.t(K::Verified)} }
                        }
                        if !pro.active {
                            " "
                            span { class: "badge stopped", {i.t(K::AccountStopped)} }
                        }
                    }
                    if pro.verified {
                        p { class: "hint", {i.t(K::VerifiedExplain)} }
                    }
                    Link {
                        id: "share-with-{pro.id}",
                        class: "button",
                        to: Route::Share { professional: pro.id },
                        {fill(i.t(K::ShareWith), &[("name", &pro.name)])}
                    }
                    if let Some(unlink) = unlink {
                        ConfirmButton {
                            id: "unlink-{pro.id}",
                            label: K::Unlink,
                            label_text: fill(i.t(K::UnlinkName), &[("name", &pro.name)]),
                            question: fill(i.t(K::UnlinkAsk), &[("name", &pro.name)]),
                            confirm: K::UnlinkYes,
                            on_confirm: move |_| unlink.call(pro.id),
                        }
                    }
                }
            }
        }
    }
}

/// Which words to show for a failed link: an unknown address gets its own explanation.
fn link_problem(err: &onsplan_shared::ClientError) -> Option<K> {
    match err {
        onsplan_shared::ClientError::Api { error, .. }
            if error.code == ErrorCode::ValidationFailed
                && error.field.as_deref() == Some("email") =>
        {
            Some(if error.message.contains("professional") {
                K::ErrNoProfessional
            } else {
                problem_key(&error.message)
            })
        }
        _ => None,
    }
}

#[component]
fn LinkForm(family: Uuid, reload: Signal<u32>) -> Element {
    let i = use_i18n();
    let mut reload = reload;
    let session = use_session();
    let mut email = use_signal(String::new);
    let form = use_form::<K>();
    let submit = move |e: FormEvent| {
        e.prevent_default();
        let body = LinkProfessionalRequest {
            email: email().trim().to_string(),
        };
        let check = onsplan_shared::auth::validate_email("email", &body.email)
            .map_err(|err| problem_key(&err.problem));
        form.submit(check, async move {
            session
                .call(move |c| {
                    let body = body.clone();
                    async move { c.link_professional(family, &body).await }
                })
                .await
                .map_err(|err| match link_problem(&err) {
                    Some(key) => Refused::Field(key),
                    None => Refused::Said(failure_key(&err)),
                })?;
            email.set(String::new());
            reload += 1;
            Ok(Some(K::Linked))
        });
    };
    rsx! {
        section { class: "block", aria_labelledby: "link-title",
            h2 { id: "link-title", {i.t(K::LinkTitle)} }
            p { class: "hint", {i.t(K::LinkIntro)} }
            form { id: "link-form", novalidate: true, onsubmit: submit,
                TextInput { id: "professional-email", label: K::FieldProfessionalEmail, value: email, input_type: "email", autocomplete: "off", error: form.problem() }
                OutcomeNotice { outcome: form.outcome }
                button { id: "link-professional", class: "button primary", r#type: "submit", disabled: form.busy(), {i.t(K::LinkButton)} }
            }
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
    fn a_refused_removal_says_why_by_its_error_code() {
        assert_eq!(
            removal_failure(&refused(403, ErrorCode::Forbidden)),
            K::ErrMayNotRemove
        );
        assert_eq!(
            removal_failure(&refused(404, ErrorCode::NotFound)),
            K::ErrNotFound
        );
    }
}
