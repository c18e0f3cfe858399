//! "PDF maken": a parent ticks the sections (all to start with; the children's words can be
//! ticked off) and downloads a PDF of the living plan or of one fixed version. The PDF comes
//! through the session's client (the access token travels as on every call) and is offered as
//! a file from memory: the download starts by itself, with a link in case it does not.

use dioxus::prelude::*;
use onsplan_shared::export::PdfQuery;
use onsplan_shared::family::Role;
use onsplan_shared::section::SectionKind;
use uuid::Uuid;

use crate::api::{error_key, use_session};
use crate::components::choices::SectionChoice;
use crate::components::form::Notice;
use crate::components::outcome::OutcomeNotice;
use crate::components::submit::use_form;
use crate::i18n::{use_i18n, K};
use crate::open_family::family_id;
use crate::platform;

/// The name the downloaded file gets.
fn file_name(version: Option<Uuid>) -> String {
    let day = chrono::Utc::now().format("%Y-%m-%d");
    match version {
        Some(_) => format!("ons-plan-{day}-versie.pdf"),
        None => format!("ons-plan-{day}.pdf"),
    }
}

/// The query for the ticked sections: none named when every section is ticked.
pub fn query_for(version: Option<Uuid>, picked: Vec<SectionKind>) -> PdfQuery {
    let all = picked.len() == SectionKind::ALL.len();
    PdfQuery {
        version,
        sections: (!all).then_some(picked),
    }
}

/// Shown to parents only; `version`: a fixed version, else the plan as it is now.
#[component]
pub fn MakePdf(version: Option<Uuid>) -> Element {
    let session = use_session();
    let parent = session
        .family
        .read()
        .as_ref()
        .is_some_and(|f| f.my_role == Role::Parent);
    if !parent {
        return rsx! {};
    }
    rsx! { PdfForm { version } }
}

#[component]
fn PdfForm(version: Option<Uuid>) -> Element {
    let i = use_i18n();
    let session = use_session();
    let family = family_id();
    let mut open = use_signal(|| false);
    let chosen = use_signal(|| SectionKind::ALL.to_vec());
    let form = use_form::<K>();
    let mut link = use_signal(|| None::<(String, String)>);

    let submit = move |e: FormEvent| {
        e.prevent_default();
        let picked = chosen();
        let check = if picked.is_empty() {
            Err(K::ErrPickSection)
        } else {
            Ok(query_for(version, picked))
        };
        link.set(None);
        form.submit_checked(check, |query| async move {
            let bytes = session
                .call(move |c| {
                    let query = query.clone();
                    async move { c.export_pdf(family, &query).await }
                })
                .await
                .map_err(|err| error_key(&err))?;
            let name = file_name(version);
            link.set(
                platform::offer_download(&bytes, &name, "application/pdf").map(|url| (url, name)),
            );
            Ok(None)
        });
    };

    let intro = if version.is_some() {
        K::PdfIntroVersion
    } else {
        K::PdfIntroPlan
    };
    rsx! {
        section { class: "block make-pdf", aria_labelledby: "pdf-title",
            h2 { id: "pdf-title", {i.t(K::PdfTitle)} }
            p { {i.t(intro)} }
            if !open() {
                button { id: "pdf-open", class: "button", r#type: "button", onclick: move |_| open.set(true), {i.t(K::PdfOpen)} }
            } else {
                form { id: "pdf-form", novalidate: true, onsubmit: submit,
                    SectionChoice { id: "pdf", legend: i.t(K::PdfWhich).to_string(), kinds: SectionKind::ALL.to_vec(), chosen }
                    p { class: "hint", {i.t(K::PdfHint)} }
                    if let Some(text) = form.problem() {
                        Notice { text, error: true }
                    }
                    OutcomeNotice { outcome: form.outcome }
                    button { id: "pdf-make", class: "button primary", r#type: "submit", disabled: form.busy(),
                        {i.t(if form.busy() { K::PdfBusy } else { K::PdfMake })}
                    }
                }
                if let Some((url, name)) = link() {
                    p { class: "notice", role: "status",
                        a { id: "pdf-download", href: "{url}", download: "{name}", {i.t(K::PdfReady)} }
                    }
                }
            }
        }
    }
}
