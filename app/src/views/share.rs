//! Sharing with one professional: choose sections and the last day (the default and the
//! maximum explained), see what is shared now, what waits for the other parent's approval and
//! what ended; approve a waiting grant, and stop sharing with one confirmed tap. Before sharing,
//! the parent can see the chosen sections exactly as the professional will read them.

use dioxus::prelude::*;
use onsplan_shared::consent::{
    CreateGrantRequest, Grant, GrantStatus, GrantedSection, LinkedProfessional,
};
use onsplan_shared::section::SectionKind;
use uuid::Uuid;

use crate::api::use_session;
use crate::components::choices::{section_titles, ConfirmButton, SectionChoice, UntilField};
use crate::components::form::{Loading, Notice};
use crate::components::outcome::{failure_key, run, Outcome, OutcomeNotice};
use crate::components::parent_nav::ParentNav;
use crate::i18n::{fill, use_i18n, K};
use crate::open_family::family_id;
use crate::views::read_plan::SharedSections;
use crate::{dates, Route};

#[component]
pub fn Share(professional: Uuid) -> Element {
    let i = use_i18n();
    let session = use_session();
    let family = family_id();
    let reload = use_signal(|| 0u32);
    let outcome = use_signal(|| None::<Outcome>);
    let linked = use_resource(move || async move {
        session
            .call(move |c| async move { c.professionals(family).await })
            .await
    });
    let pro = match &*linked.read() {
        None => return rsx! { Loading {} },
        Some(Err(err)) => return rsx! { Notice { text: failure_key(err), error: true } },
        Some(Ok(list)) => list.iter().find(|p| p.id == professional).cloned(),
    };
    let Some(pro) = pro else {
        return rsx! { Notice { text: K::ErrNotFound, error: true } };
    };
    rsx! {
        ParentNav {}
        nav { class: "crumbs", Link { to: Route::Network {}, "← " {i.t(K::NavNetwork)} } }
        h1 { {fill(i.t(K::ShareWith), &[("name", &pro.name)])} }
        p { class: "family-name", "{pro.organisation}" }
        p { class: "lead", {fill(i.t(K::ShareIntro), &[("name", &pro.name)])} }
        OutcomeNotice { outcome }
        Grants { family, pro: pro.clone(), reload, outcome }
        GrantForm { family, pro, reload }
    }
}

#[component]
fn GrantForm(family: Uuid, pro: LinkedProfessional, reload: Signal<u32>) -> Element {
    let i = use_i18n();
    let outcome = use_signal(|| None::<Outcome>);
    let session = use_session();
    let now = chrono::Utc::now();
    let max = dates::max_last_day(now);
    let chosen = use_signal(Vec::<SectionKind>::new);
    let mut comment = use_signal(|| false);
    let mut export = use_signal(|| false);
    let until = use_signal(move || dates::input_value(dates::default_last_day(now)));
    let mut sections_error = use_signal(|| None::<K>);
    let mut until_error = use_signal(|| None::<K>);
    let policy = use_resource(move || async move {
        session
            .call(move |c| async move { c.family(family).await })
            .await
    });
    let both_must_agree =
        matches!(&*policy.read(), Some(Ok(d)) if d.policy.both_parents_must_agree);
    let professional_id = pro.id;
    let submit = move |e: FormEvent| {
        e.prevent_default();
        let picked = chosen();
        sections_error.set(picked.is_empty().then_some(K::ErrPickSection));
        let valid_until = dates::until_of(&until(), chrono::Utc::now(), max);
        until_error.set(valid_until.is_none().then_some(K::ErrUntilRange));
        let (false, Some(valid_until)) = (picked.is_empty(), valid_until) else {
            return;
        };
        let body = CreateGrantRequest {
            professional_id,
            sections: picked.into_iter().map(GrantedSection::shared).collect(),
            can_comment: comment(),
            can_export: export(),
            valid_from: None,
            valid_until: Some(valid_until),
        };
        let done = if both_must_agree {
            K::SharedPending
        } else {
            K::Shared
        };
        run(session, outcome, reload, done, move |c| {
            let body = body.clone();
            async move { c.create_grant(family, &body).await }
        });
    };
    rsx! {
        section { class: "block", aria_labelledby: "grant-title",
            h2 { id: "grant-title", {i.t(K::ShareNew)} }
            form { id: "grant-form", novalidate: true, onsubmit: submit,
                SectionChoice {
                    id: "share",
                    legend: fill(i.t(K::ShareWhat), &[("name", &pro.name)]),
                    kinds: SectionKind::ALL.to_vec(),
                    chosen,
                    error: sections_error(),
                }
                div { class: "field check",
                    input { id: "share-comment", r#type: "checkbox", checked: comment(), onchange: move |e: FormEvent| comment.set(e.checked()) }
                    label { r#for: "share-comment", {fill(i.t(K::ShareComment), &[("name", &pro.name)])} }
                }
                div { class: "field check",
                    input { id: "share-export", r#type: "checkbox", checked: export(), onchange: move |e: FormEvent| export.set(e.checked()) }
                    label { r#for: "share-export", {fill(i.t(K::ShareExport), &[("name", &pro.name)])} }
                }
                if !chosen.read().is_empty() {
                    SharePreview { family, name: pro.name.clone(), chosen: chosen() }
                }
                UntilField { id: "share-until", value: until, max, error: until_error() }
                if both_must_agree {
                    p { class: "hint", {i.t(K::BothMustAgreeHint)} }
                }
                OutcomeNotice { outcome }
                button { id: "share-submit", class: "button primary", r#type: "submit", {i.t(K::ShareButton)} }
            }
        }
    }
}

/// "Zo ziet {name} het": the chosen sections as the professional's screen shows them.
#[component]
fn SharePreview(family: Uuid, name: String, chosen: Vec<SectionKind>) -> Element {
    let i = use_i18n();
    let session = use_session();
    let plan = use_resource(move || async move {
        session
            .call(move |c| async move { c.plan(family).await })
            .await
    });
    let sections = match &*plan.read() {
        Some(Ok(sections)) => sections
            .iter()
            .filter(|s| chosen.contains(&s.kind))
            .cloned()
            .collect(),
        Some(Err(err)) => return rsx! { Notice { text: failure_key(err), error: true } },
        None => return rsx! { Loading {} },
    };
    rsx! {
        details { class: "filters", id: "share-preview",
            summary { {fill(i.t(K::SharePreview), &[("name", &name)])} }
            p { class: "hint", {fill(i.t(K::SharePreviewHint), &[("name", &name)])} }
            SharedSections { sections }
        }
    }
}

#[component]
fn Grants(
    family: Uuid,
    pro: LinkedProfessional,
    reload: Signal<u32>,
    outcome: Signal<Option<Outcome>>,
) -> Element {
    let i = use_i18n();
    let session = use_session();
    let grants = use_resource(move || async move {
        reload();
        session
            .call(move |c| async move { c.grants(family).await })
            .await
    });
    let list: Vec<Grant> = match &*grants.read() {
        None => return rsx! { Loading {} },
        Some(Err(err)) => return rsx! { Notice { text: failure_key(err), error: true } },
        Some(Ok(list)) => list
            .iter()
            .filter(|g| g.professional.user_id == pro.id)
            .cloned()
            .collect(),
    };
    let me = session.me.read().as_ref().map(|m| m.id);
    let groups = [
        (
            "grants-active",
            K::GrantsActive,
            vec![GrantStatus::Active, GrantStatus::Scheduled],
        ),
        (
            "grants-pending",
            K::GrantsPending,
            vec![GrantStatus::Pending],
        ),
        (
            "grants-ended",
            K::GrantsEnded,
            vec![GrantStatus::Expired, GrantStatus::Revoked],
        ),
    ];
    let nothing_now = !list.iter().any(|g| {
        matches!(
            g.status,
            GrantStatus::Active | GrantStatus::Scheduled | GrantStatus::Pending
        )
    });
    rsx! {
        if nothing_now {
            p { id: "nothing-shared", class: "notice", {i.t(K::NoGrants)} }
        }
        for (id, title, statuses) in groups {
            if list.iter().any(|g| statuses.contains(&g.status)) {
                section { key: "{id}", class: "block", id,
                    h2 { {i.t(title)} }
                    ul { class: "grants",
                        for grant in list.iter().filter(|g| statuses.contains(&g.status)).cloned() {
                            GrantCard { key: "{grant.id}", family, grant, me, reload, outcome }
                        }
                    }
                }
            }
        }
    }
}

/// One grant: what, until when, by whom; approve when it waits for me, stop when it runs.
#[component]
pub fn GrantCard(
    family: Uuid,
    grant: Grant,
    me: Option<Uuid>,
    reload: Signal<u32>,
    outcome: Signal<Option<Outcome>>,
) -> Element {
    let i = use_i18n();
    let session = use_session();
    let id = grant.id;
    let name = grant.professional.name.clone();
    let shared = section_titles(i, grant.sections.iter().map(|s| s.kind));
    let period = match grant.status {
        GrantStatus::Revoked => fill(
            i.t(K::GrantRevokedOn),
            &[(
                "date",
                &i.day(grant.revoked_at.unwrap_or(grant.valid_until)),
            )],
        ),
        GrantStatus::Expired => fill(
            i.t(K::GrantExpiredOn),
            &[("date", &i.last_day(grant.valid_until))],
        ),
        GrantStatus::Scheduled => fill(i.t(K::GrantStarts), &[("date", &i.day(grant.valid_from))]),
        _ => fill(
            i.t(K::GrantUntil),
            &[("date", &i.last_day(grant.valid_until))],
        ),
    };
    let approvers = grant
        .approved_by
        .iter()
        .map(|a| a.name.as_str())
        .collect::<Vec<_>>()
        .join(", ");
    let waits_for_me = grant.status == GrantStatus::Pending
        && me.is_some_and(|me| grant.approved_by.iter().all(|a| a.user_id != me));
    let running = matches!(
        grant.status,
        GrantStatus::Active | GrantStatus::Scheduled | GrantStatus::Pending
    );
    rsx! {
        li { class: "card grant", id: "grant-{id}",
            p { class: "shared", "{shared}" }
            p { class: "meta", "{period}" }
            if grant.can_comment {
                p { class: "meta", {i.t(K::GrantMayComment)} }
            }
            if grant.can_export {
                p { class: "meta", {i.t(K::GrantMayExport)} }
            }
            p { class: "meta", {fill(i.t(K::GrantBy), &[("name", &grant.granted_by.name)])} }
            if grant.status == GrantStatus::Pending {
                p { class: "meta", {fill(i.t(K::GrantApprovedBy), &[("names", &approvers)])} }
            }
            div { class: "row-actions",
                if waits_for_me {
                    button {
                        id: "approve-{id}",
                        class: "button primary",
                        r#type: "button",
                        onclick: move |_| run(session, outcome, reload, K::Shared, move |c| async move { c.approve_grant(family, id).await }),
                        {i.t(K::ApproveGrant)}
                    }
                }
                if running {
                    ConfirmButton {
                        id: "revoke-{id}",
                        label: K::RevokeGrant,
                        question: fill(i.t(K::RevokeConfirm), &[("name", &name)]),
                        confirm: K::ConfirmRevoke,
                        on_confirm: move |_| run(session, outcome, reload, K::Revoked, move |c| async move { c.revoke_grant(family, id).await }),
                    }
                }
            }
        }
    }
}
