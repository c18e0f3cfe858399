//! Saves made without a connection on the person's own phone: kept in the encrypted device
//! vault ([`crate::device`]) with the version they were based on, and sent when the connection
//! returns (or the app next starts). A save someone else overtook meanwhile goes back to its
//! editor, which shows the merge screen with both texts; nothing typed is lost.

use onsplan_shared::section::{SaveSectionRequest, SectionKind, Visibility};
use onsplan_shared::ClientError;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use uuid::Uuid;

use crate::api::Session;
use crate::schema::content_of;
use crate::{device, platform};

/// The vault's name for the saves waiting to be sent.
const OUTBOX: &str = "outbox";

/// One save waiting for the connection: the editor's text, who may read it, and the version
/// it was written on.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Waiting {
    pub user: Uuid,
    pub family: Uuid,
    pub kind: SectionKind,
    pub base: i64,
    pub data: Value,
    pub visibility: Visibility,
    /// Sent and refused: it waits for its editor (no longer for the connection).
    #[serde(default)]
    pub back: bool,
}

impl Waiting {
    /// Whether this is a save of that person's editor of that section.
    pub fn is_of(&self, user: Uuid, family: Uuid, kind: SectionKind) -> bool {
        (self.user, self.family, self.kind) == (user, family, kind)
    }

    fn same_editor(&self, other: &Waiting) -> bool {
        self.is_of(other.user, other.family, other.kind)
    }
}

/// How a waiting save went once sent.
#[derive(Debug, Clone, PartialEq)]
pub enum Sent {
    /// Stored as `version`.
    Saved { save: Waiting, version: i64 },
    /// Refused (someone saved first, or the server said no): back to its editor.
    Back { save: Waiting },
}

impl Sent {
    pub fn save(&self) -> &Waiting {
        match self {
            Sent::Saved { save, .. } | Sent::Back { save } => save,
        }
    }
}

/// The vault holds saves this build cannot read: nothing is overwritten or sent then.
#[derive(Debug)]
struct Unreadable;

/// What waits on the phone.
async fn waiting() -> Result<Vec<Waiting>, Unreadable> {
    // A phone that is not the person's own keeps nothing, not even an empty vault.
    if !device::is_own() {
        return Ok(Vec::new());
    }
    let Some(text) = platform::vault_get(OUTBOX).await else {
        return Ok(Vec::new());
    };
    serde_json::from_str(&text).map_err(|_| Unreadable)
}

async fn store(list: &[Waiting]) -> bool {
    match serde_json::to_string(list) {
        Ok(text) => platform::vault_put(OUTBOX, &text).await,
        Err(_) => false,
    }
}

/// Keeps `save` until the connection returns, in place of an earlier one from the same editor
/// (the text is the whole section; its base stays the version it was written on). Whether it
/// was kept on the device.
pub async fn keep(save: Waiting) -> bool {
    if !device::is_own() {
        return false;
    }
    let Ok(mut list) = waiting().await else {
        return false;
    };
    list.retain(|w| !w.same_editor(&save));
    list.push(save);
    store(&list).await
}

/// The save of this editor that was sent and refused, if any: the editor opens on it.
pub async fn refused(user: Uuid, family: Uuid, kind: SectionKind) -> Option<Waiting> {
    waiting()
        .await
        .ok()?
        .into_iter()
        .find(|w| w.back && w.is_of(user, family, kind))
}

/// Whether anything of this person's still waits on the phone (or something unreadable does).
pub async fn waits(user: Uuid) -> bool {
    waiting()
        .await
        .map_or(true, |list| list.iter().any(|w| w.user == user))
}

/// Forgets what waits for this editor: it has saved.
pub async fn forget(user: Uuid, family: Uuid, kind: SectionKind) {
    let Ok(list) = waiting().await else {
        return;
    };
    if list.iter().any(|w| w.is_of(user, family, kind)) {
        let rest: Vec<_> = list
            .into_iter()
            .filter(|w| !w.is_of(user, family, kind))
            .collect();
        store(&rest).await;
    }
}

/// Sends the person's waiting saves, oldest first; stops at the first that finds no
/// connection (it and the rest keep waiting). A refused one stays on the device for its
/// editor. Says how each sent one went.
pub async fn send(session: Session, user: Uuid) -> Vec<Sent> {
    let mut outcome = Vec::new();
    let Ok(all) = waiting().await else {
        return outcome;
    };
    let due = all.into_iter().filter(|w| w.user == user && !w.back);
    for save in due {
        let Ok(content) = content_of(save.kind, &save.data) else {
            outcome.push(Sent::Back { save });
            continue;
        };
        let body = SaveSectionRequest {
            visibility: Some(save.visibility),
            content,
        };
        let (family, kind, base) = (save.family, save.kind, save.base);
        let answer = session.save_shared(family, kind, base, body).await;
        match answer {
            Err(ClientError::Transport(_)) => break,
            Ok(saved) => outcome.push(Sent::Saved {
                version: saved.version,
                save,
            }),
            Err(_) => outcome.push(Sent::Back { save }),
        }
    }
    if outcome.is_empty() {
        return outcome;
    }
    if let Ok(mut list) = waiting().await {
        list.retain(|w| {
            !outcome
                .iter()
                .any(|sent| matches!(sent, Sent::Saved { save, .. } if save == w))
        });
        for w in list.iter_mut() {
            if outcome
                .iter()
                .any(|sent| matches!(sent, Sent::Back { save } if save == w))
            {
                w.back = true;
            }
        }
        store(&list).await;
    }
    outcome
}
