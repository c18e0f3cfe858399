//! Create our family: the first parent names the family and becomes its parent. Someone who
//! lands here because the family this device showed no longer has them reads that first.

use dioxus::prelude::*;
use onsplan_shared::family::{CreateFamilyRequest, FamilySummary};

use crate::api::{error_key, use_session, Session};
use crate::components::family_file::ImportFile;
use crate::components::form::TextInput;
use crate::components::outcome::OutcomeNotice;
use crate::components::submit::use_form;
use crate::i18n::{use_i18n, K};
use crate::Route;

#[component]
pub fn CreateFamily() -> Element {
    let i = use_i18n();
    let session = use_session();
    let nav = use_navigator();
    let name = use_signal(String::new);
    let form = use_form::<K>();
    let removed = use_hook(|| Session::take_remembered_family().is_some());

    let submit = move |e: FormEvent| {
        e.prevent_default();
        let request = CreateFamilyRequest {
            name: name().trim().to_string(),
        };
        let check = request
            .validate()
            .map_err(|err| crate::api::problem_key(&err.problem));
        form.submit(check, async move {
            let family = session
                .call(move |c| {
                    let body = request.clone();
                    async move { c.create_family(&body).await }
                })
                .await
                .map_err(|err| error_key(&err))?;
            session.choose_family(FamilySummary {
                id: family.id,
                name: family.name,
                my_role: family.my_role,
            });
            nav.replace(Route::Plan {});
            Ok(None)
        });
    };

    rsx! {
        if removed {
            div { id: "no-longer-member", class: "notice notice-error", role: "alert",
                p { strong { {i.t(K::NoLongerMember)} } }
                p { {i.t(K::NoLongerMemberText)} }
            }
        }
        h1 { {i.t(K::CreateFamilyTitle)} }
        form { novalidate: true, onsubmit: submit,
            TextInput { id: "family-name", label: K::FieldFamilyName, value: name, hint: K::CreateFamilyIntro, error: form.problem() }
            OutcomeNotice { outcome: form.outcome }
            button { class: "button primary", r#type: "submit", disabled: form.busy(), {i.t(K::CreateFamilyButton)} }
        }
        ImportFile {}
    }
}
