//! The page an invitation email links to (`/uitnodiging#<token>`): who invites you to which
//! family and why, then one form to join — a name and a password for someone new, the
//! password for an existing account, or one button when already logged in as the invitee.
//! A link that expired or was used says so, with what to do next.

use dioxus::prelude::*;
use onsplan_shared::auth::{LoginRequest, TokenDelivery};
use onsplan_shared::family::{FamilySummary, Role};
use onsplan_shared::invite::{AcceptInviteRequest, AcceptInviteResponse, InviteLookup};
use onsplan_shared::{ApiClient, ClientError};

use crate::api::{anonymous_client, field_problem, use_session, FieldProblem, Session};
use crate::components::form::{Loading, Notice, TextInput};
use crate::components::links::{link_is_dead, link_refusal, use_fresh_page_per_link, LinkKind};
use crate::components::outcome::OutcomeNotice;
use crate::components::submit::use_form;
use crate::i18n::{fill, use_i18n, K};
use crate::Route;

#[component]
pub fn AcceptInvite(token: String) -> Element {
    use_fresh_page_per_link();
    let i = use_i18n();
    let lookup = use_resource({
        let token = token.clone();
        move || {
            let token = token.clone();
            async move { anonymous_client().lookup_invite(&token).await }
        }
    });
    let body = match &*lookup.read() {
        None => rsx! { Loading {} },
        Some(Err(err)) => {
            rsx! { DeadLink { text: link_refusal(err, LinkKind::Invite), used: err.code() == Some(onsplan_shared::ErrorCode::LinkUsed) } }
        }
        Some(Ok(invite)) => rsx! {
            InviteIntro { invite: invite.clone() }
            JoinForm { token: token.clone(), invite: invite.clone() }
        },
    };
    rsx! {
        h1 { {i.t(K::AcceptTitle)} }
        {body}
    }
}

/// A link that cannot be used, and the way on.
#[component]
fn DeadLink(text: K, used: bool) -> Element {
    let i = use_i18n();
    rsx! {
        Notice { text, error: true }
        if used {
            Link { class: "button primary", to: Route::Login { next: String::new() }, {i.t(K::LoginButton)} }
        } else {
            Link { class: "button", to: Route::Welcome {}, {i.t(K::Back)} }
        }
    }
}

/// Who invites whom to which family, with their message.
#[component]
pub fn InviteIntro(invite: InviteLookup) -> Element {
    let i = use_i18n();
    let role = match invite.role {
        Role::Parent => K::AcceptAsParent,
        Role::Relative => K::AcceptAsRelative,
    };
    rsx! {
        p { class: "lead", id: "invite-who",
            {fill(i.t(K::AcceptWho), &[("name", &invite.inviter_name), ("family", &invite.family_name)])}
        }
        p { {i.t(role)} }
        if !invite.message.trim().is_empty() {
            p { class: "hint", {fill(i.t(K::AcceptMessage), &[("name", &invite.inviter_name)])} }
            blockquote { class: "reason", "{invite.message}" }
        }
        p { class: "hint", {fill(i.t(K::AcceptFor), &[("email", &invite.email), ("date", &i.date(invite.expires_at))])} }
    }
}

/// How joining went.
fn joined(
    session: Session,
    nav: dioxus::router::Navigator,
    invite: &InviteLookup,
    accepted: AcceptInviteResponse,
) {
    session.choose_family(FamilySummary {
        id: accepted.family_id,
        name: invite.family_name.clone(),
        my_role: accepted.role,
    });
    nav.replace(Route::Plan {});
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Way {
    /// Logged in already as the invited address.
    SignedIn,
    /// Logged in as someone else.
    OtherAccount,
    /// An account with the invited address exists: its password.
    Existing,
    /// A new account: name and password.
    New,
}

#[component]
fn JoinForm(token: String, invite: InviteLookup) -> Element {
    let i = use_i18n();
    let session = use_session();
    let nav = use_navigator();
    let name = use_signal(String::new);
    let password = use_signal(String::new);
    let form = use_form::<FieldProblem>();
    let mut dead = use_signal(|| false);
    let me = session.me.read().clone();
    let way = match (&me, invite.account_exists) {
        (Some(me), _) if me.email.eq_ignore_ascii_case(&invite.email) => Way::SignedIn,
        (Some(_), _) => Way::OtherAccount,
        (None, true) => Way::Existing,
        (None, false) => Way::New,
    };
    if way == Way::OtherAccount {
        return rsx! {
            Notice { text: K::AcceptOtherAccount, error: true }
            button {
                id: "switch-account",
                class: "button primary",
                r#type: "button",
                onclick: move |_| {
                    spawn(session.logout());
                },
                {i.t(K::LogoutButton)}
            }
        };
    }
    let submit = move |e: FormEvent| {
        e.prevent_default();
        let mut request = AcceptInviteRequest {
            token: token.clone(),
            name: None,
            password: None,
            locale: (session.lang)(),
            token_delivery: TokenDelivery::Cookie,
        };
        let mut check = Ok(());
        if way == Way::New {
            request.name = Some(name().trim().to_string());
            request.password = Some(password());
            check = request
                .validate_new_account()
                .map_err(|err| field_problem(&err));
        }
        let invite = invite.clone();
        let secret = password();
        form.submit(check, async move {
            let accepted = join(session, way, &invite.email, secret, request)
                .await
                .map_err(|err| {
                    dead.set(link_is_dead(&err));
                    link_refusal(&err, LinkKind::Invite)
                })?;
            joined(session, nav, &invite, accepted);
            Ok(None)
        });
    };
    let autocomplete = if way == Way::New {
        "new-password"
    } else {
        "current-password"
    };
    let hint = (way == Way::New).then_some(K::PasswordHint);
    let (intro, button) = match way {
        Way::New => (Some(K::AcceptNewAccount), K::AcceptNewButton),
        Way::Existing => (Some(K::AcceptExisting), K::AcceptLoginButton),
        _ => (None, K::AcceptJoinButton),
    };
    rsx! {
        form { id: "join", novalidate: true, onsubmit: submit,
            if let Some(intro) = intro {
                p { {i.t(intro)} }
            }
            if way == Way::New {
                TextInput { id: "name", label: K::FieldName, value: name, autocomplete: "name", error: form.error_of("name") }
            }
            if way != Way::SignedIn {
                TextInput {
                    id: "password",
                    label: K::FieldPassword,
                    value: password,
                    input_type: "password",
                    autocomplete,
                    hint,
                    error: form.error_of("password"),
                }
            }
            OutcomeNotice { outcome: form.outcome }
            button { id: "accept", class: "button primary", r#type: "submit", disabled: form.busy() || dead(), {i.t(button)} }
            if way == Way::Existing {
                p { Link { to: Route::ForgotPassword {}, {i.t(K::ForgotPassword)} } }
            }
        }
    }
}

/// Accepts the invitation the chosen way; afterwards the session belongs to the invitee.
async fn join(
    session: Session,
    way: Way,
    email: &str,
    password: String,
    request: AcceptInviteRequest,
) -> Result<AcceptInviteResponse, ClientError> {
    match way {
        Way::SignedIn => {
            session
                .call(move |mut c: ApiClient| {
                    let request = request.clone();
                    async move { c.accept_invite(&request).await }
                })
                .await
        }
        Way::Existing => {
            let mut client = anonymous_client();
            let started = client
                .login(&LoginRequest {
                    email: email.to_string(),
                    password,
                    token_delivery: TokenDelivery::Cookie,
                })
                .await?;
            session.start(client.clone(), started.user);
            client.accept_invite(&request).await
        }
        Way::New | Way::OtherAccount => {
            let mut client = anonymous_client();
            let accepted = client.accept_invite(&request).await?;
            if let Some(started) = &accepted.session {
                session.start(client, started.user.clone());
            }
            Ok(accepted)
        }
    }
}
