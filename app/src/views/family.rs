//! Create our family: the first parent names the family and becomes its parent. Someone who
//! lands here because the family this device showed no longer has them reads that first.

use dioxus::prelude::*;
use onsplan_shared::family::{CreateFamilyRequest, FamilySummary};

use crate::api::{error_key, use_session, Session};
use crate::components::family_file::ImportFile;
use crate::components::form::{Notice, TextInput};
use crate::i18n::{use_i18n, K};
use crate::Route;

#[component]
pub fn CreateFamily() -> Element {
    let i = use_i18n();
    let session = use_session();
    let nav = use_navigator();
    let name = use_signal(String::new);
    let mut problem = use_signal(|| None::<K>);
    let mut failure = use_signal(|| None::<K>);
    let mut busy = use_signal(|| false);
    let removed = use_hook(|| Session::take_remembered_family().is_some());

    let submit = move |e: FormEvent| {
        e.prevent_default();
        let request = CreateFamilyRequest {
            name: name().trim().to_string(),
        };
        if let Err(err) = request.validate() {
            problem.set(Some(crate::api::problem_key(&err.problem)));
            return;
        }
        problem.set(None);
        failure.set(None);
        busy.set(true);
        spawn(async move {
            let body = request.clone();
            match session
                .call(move |c| {
                    let body = body.clone();
                    async move { c.create_family(&body).await }
                })
                .await
            {
                Ok(family) => {
                    session.choose_family(FamilySummary {
                        id: family.id,
                        name: family.name,
                        my_role: family.my_role,
                    });
                    nav.replace(Route::Plan {});
                }
                Err(err) => failure.set(Some(error_key(&err))),
            }
            busy.set(false);
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
            TextInput { id: "family-name", label: K::FieldFamilyName, value: name, hint: K::CreateFamilyIntro, error: problem() }
            if let Some(text) = failure() {
                Notice { text, error: true }
            }
            button { class: "button primary", r#type: "submit", disabled: busy(), {i.t(K::CreateFamilyButton)} }
        }
        ImportFile {}
    }
}
