//! `/berichten` ("Berichten"): which emails a person gets — reminders of their agreements,
//! the review, grants that end, news from relatives and the weekly word — one switch each.

use dioxus::prelude::*;
use onsplan_shared::notification::{NotificationKind, NotificationSetting, NotificationSettings};

use crate::api::{error_key, use_session};
use crate::components::form::{Loading, Notice};
use crate::components::parent_nav::ParentNav;
use crate::i18n::{use_i18n, K};
use crate::open_family::is_relative;

/// The label and the one-line explanation of each kind.
fn texts(kind: NotificationKind) -> (K, K) {
    match kind {
        NotificationKind::Commitments => (K::NoticeCommitments, K::NoticeCommitmentsHint),
        NotificationKind::Reviews => (K::NoticeReviews, K::NoticeReviewsHint),
        NotificationKind::Grants => (K::NoticeGrants, K::NoticeGrantsHint),
        NotificationKind::Activity => (K::NoticeActivity, K::NoticeActivityHint),
        NotificationKind::WeeklyWord => (K::NoticeWeekly, K::NoticeWeeklyHint),
    }
}

#[component]
pub fn Notifications() -> Element {
    let i = use_i18n();
    let session = use_session();
    let mut outcome = use_signal(|| None::<(K, bool)>);
    let mut settings = use_resource(move || async move {
        session
            .call(|c| async move { c.notifications().await })
            .await
    });
    let switch = move |kind: NotificationKind, enabled: bool| {
        spawn(async move {
            let body = NotificationSettings {
                settings: vec![NotificationSetting { kind, enabled }],
            };
            let saved = session
                .call(move |c| {
                    let body = body.clone();
                    async move { c.update_notifications(&body).await }
                })
                .await;
            match saved {
                Ok(_) => {
                    outcome.set(Some((K::NoticesSaved, false)));
                    settings.restart();
                }
                Err(err) => outcome.set(Some((error_key(&err), true))),
            }
        });
    };
    let body = match &*settings.read() {
        None => rsx! { Loading {} },
        Some(Err(err)) => rsx! { Notice { text: error_key(err), error: true } },
        Some(Ok(list)) => {
            let rows: Vec<(NotificationKind, bool, String, K, K)> = list
                .settings
                .iter()
                .map(|setting| {
                    let (label, hint) = texts(setting.kind);
                    let id = format!("notice-{}", setting.kind.as_str());
                    (setting.kind, setting.enabled, id, label, hint)
                })
                .collect();
            rsx! {
                for (kind, on, id, label, hint) in rows {
                    div { key: "{id}", class: "field check",
                        input {
                            id: "{id}",
                            r#type: "checkbox",
                            checked: on,
                            aria_describedby: "{id}-hint",
                            onchange: move |e: FormEvent| switch(kind, e.checked()),
                        }
                        label { r#for: "{id}", {i.t(label)} }
                        p { id: "{id}-hint", class: "hint", {i.t(hint)} }
                    }
                }
            }
        }
    };
    rsx! {
        if !is_relative() {
            ParentNav {}
        }
        h1 { {i.t(K::NoticesTitle)} }
        p { {i.t(K::NoticesIntro)} }
        {body}
        if let Some((text, error)) = outcome() {
            Notice { text, error }
        }
    }
}
