//! The family's file in the app: a parent saves everything the family holds as a JSON file
//! ("Download ons plan als bestand"), and someone making a family brings a plan along from
//! another server by choosing such a file ("Plan meenemen van een andere server").

use dioxus::prelude::*;
use onsplan_shared::family::FamilySummary;
use onsplan_shared::family_file::ImportedFamily;
use onsplan_shared::{ClientError, ErrorCode};
use uuid::Uuid;

use crate::api::{error_key, use_session};
use crate::components::form::Notice;
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
    let mut failure = use_signal(|| None::<K>);
    let mut busy = use_signal(|| false);
    let download = move |_| {
        busy.set(true);
        failure.set(None);
        spawn(async move {
            match session
                .call(move |c| async move { c.export_family_file(family).await })
                .await
            {
                Ok(bytes) => {
                    platform::offer_download(&bytes, "ons-plan.json", "application/json");
                }
                Err(err) => failure.set(Some(error_key(&err))),
            }
            busy.set(false);
        });
    };
    rsx! {
        section { id: "family-file", "aria-labelledby": "family-file-title",
            h2 { id: "family-file-title", {i.t(K::FamilyFileTitle)} }
            p { {i.t(K::FamilyFileIntro)} }
            if let Some(text) = failure() {
                Notice { text, error: true }
            }
            button { id: "download-file", class: "button", r#type: "button", disabled: busy(), onclick: download,
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
    let mut failure = use_signal(|| None::<K>);
    let mut imported = use_signal(|| None::<ImportedFamily>);
    let mut busy = use_signal(|| false);
    let choose = move |e: FormEvent| {
        let Some(file) = e.files().into_iter().next() else {
            return;
        };
        busy.set(true);
        failure.set(None);
        spawn(async move {
            let outcome = match file.read_bytes().await {
                Ok(bytes) => {
                    let bytes = bytes.to_vec();
                    session
                        .call(move |c| {
                            let bytes = bytes.clone();
                            async move { c.import_family_file(bytes).await }
                        })
                        .await
                        .map_err(|err| file_failure(&err))
                }
                Err(_) => Err(K::ErrFileInvalid),
            };
            match outcome {
                Ok(done) => {
                    session.choose_family(FamilySummary {
                        id: done.family.id,
                        name: done.family.name.clone(),
                        my_role: done.family.my_role,
                    });
                    imported.set(Some(done));
                }
                Err(key) => failure.set(Some(key)),
            }
            busy.set(false);
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
                input { id: "import-file-input", r#type: "file", accept: ".json,application/json", disabled: busy(), onchange: choose }
                if let Some(text) = failure() {
                    Notice { text, error: true }
                }
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
