//! The family's file in the app: a parent saves everything the family holds as a JSON file
//! ("Download ons plan als bestand"), and someone making a family brings a plan along from
//! another server by choosing such a file ("Plan meenemen van een andere server").

use dioxus::prelude::*;
use onsplan_shared::family::FamilySummary;
use onsplan_shared::family_file::ImportedFamily;
use onsplan_shared::{ClientError, ErrorCode};
use uuid::Uuid;

use crate::api::{error_key, use_session};
use crate::components::outcome::OutcomeNotice;
use crate::components::submit::use_form;
use crate::i18n::{use_i18n, K};
use crate::{platform, Route};

/// What to tell someone whose file was refused.
pub fn file_failure(err: &ClientError) -> K {
    match err.code() {
        Some(ErrorCode::FamilyFileInvalid) => K::ErrFileInvalid,
        Some(ErrorCode::FamilyFileVersionUnsupported) => K::ErrFileVersion,
        Some(ErrorCode::FamilyFileDamaged) => K::ErrFileDamaged,
        Some(ErrorCode::FamilyFileSectionInvalid) => K::ErrFileSection,
        Some(ErrorCode::PayloadTooLarge) => K::ErrFileTooLarge,
        _ => error_key(err),
    }
}

/// "Download ons plan als bestand", for parents.
#[component]
pub fn DownloadFile(family: Uuid) -> Element {
    let i = use_i18n();
    let session = use_session();
    let form = use_form::<()>();
    let download = move |_| {
        form.submit(Ok(()), async move {
            let bytes = session
                .call(move |c| async move { c.export_family_file(family).await })
                .await
                .map_err(|err| error_key(&err))?;
            platform::offer_download(&bytes, "ons-plan.json", "application/json");
            Ok(None)
        });
    };
    rsx! {
        section { id: "family-file", "aria-labelledby": "family-file-title",
            h2 { id: "family-file-title", {i.t(K::FamilyFileTitle)} }
            p { {i.t(K::FamilyFileIntro)} }
            OutcomeNotice { outcome: form.outcome }
            button { id: "download-file", class: "button", r#type: "button", disabled: form.busy(), onclick: download,
                {i.t(K::FamilyFileDownload)}
            }
        }
    }
}

/// "Plan meenemen van een andere server": choose a family file to make the family from it.
#[component]
pub fn ImportFile() -> Element {
    let i = use_i18n();
    let session = use_session();
    let form = use_form::<()>();
    let mut imported = use_signal(|| None::<ImportedFamily>);
    let choose = move |e: FormEvent| {
        let Some(file) = e.files().into_iter().next() else {
            return;
        };
        form.submit(Ok(()), async move {
            let bytes = file
                .read_bytes()
                .await
                .map_err(|_| K::ErrFileInvalid)?
                .to_vec();
            let done = session
                .call(move |c| {
                    let bytes = bytes.clone();
                    async move { c.import_family_file(bytes).await }
                })
                .await
                .map_err(|err| file_failure(&err))?;
            session.choose_family(FamilySummary {
                id: done.family.id,
                name: done.family.name.clone(),
                my_role: done.family.my_role,
            });
            imported.set(Some(done));
            Ok(None)
        });
    };
    rsx! {
        section { id: "import-file", "aria-labelledby": "import-file-title",
            h2 { id: "import-file-title", {i.t(K::ImportFileTitle)} }
            if let Some(done) = imported() {
                p { role: "status", class: "notice", {i.t(K::ImportFileDone)} }
                if !done.invite_again.is_empty() {
                    p { {i.t(K::ImportFileInviteAgain)} }
                    ul { id: "invite-again",
                        for person in done.invite_again.iter() {
                            li { "{person.name}" if let Some(email) = &person.email { " ({email})" } }
                        }
                    }
                }
                p { Link { to: Route::Plan {}, class: "button primary", {i.t(K::ImportFileOpen)} } }
            } else {
                label { r#for: "import-file-input", {i.t(K::ImportFileChoose)} }
                p { class: "hint", {i.t(K::ImportFileIntro)} }
                input { id: "import-file-input", r#type: "file", accept: ".json,application/json", disabled: form.busy(), onchange: choose }
                OutcomeNotice { outcome: form.outcome }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use onsplan_shared::ApiError;

    fn refused(code: ErrorCode) -> ClientError {
        ClientError::Api {
            status: 422,
            error: ApiError::new(code, "x"),
        }
    }

    #[test]
    fn each_refusal_of_a_file_has_its_own_words() {
        let keys: Vec<K> = [
            ErrorCode::FamilyFileInvalid,
            ErrorCode::FamilyFileVersionUnsupported,
            ErrorCode::FamilyFileDamaged,
            ErrorCode::FamilyFileSectionInvalid,
            ErrorCode::PayloadTooLarge,
        ]
        .into_iter()
        .map(|code| file_failure(&refused(code)))
        .collect();
        assert_eq!(
            keys,
            [
                K::ErrFileInvalid,
                K::ErrFileVersion,
                K::ErrFileDamaged,
                K::ErrFileSection,
                K::ErrFileTooLarge
            ]
        );
        assert_eq!(
            file_failure(&refused(ErrorCode::ServiceUnavailable)),
            K::ErrBusy
        );
    }
}
