//! This device as its owner's own phone ("Dit is mijn eigen telefoon", off by default, as a
//! shared phone must keep nothing): the plan last read is then kept in the encrypted device
//! vault (`index.html`'s `onsplanVault`) to read without a signal. Logging out or "Vergeet dit
//! apparaat" wipes the vault and its key.

use chrono::{DateTime, Utc};
use onsplan_shared::section::{Revision, SectionResponse};
use serde::{Deserialize, Serialize};
use uuid::Uuid;

use crate::components::reading::Names;
use crate::platform;

/// The local-storage mark that this device is its owner's own ("1"); logout clears it.
const OWN_KEY: &str = "onsplan.own-device";
/// The vault's name for the plan last read.
const PLAN: &str = "plan";

/// The plan as last read on this device, and when.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct KeptPlan {
    pub family: Uuid,
    pub family_name: String,
    pub at: DateTime<Utc>,
    pub sections: Vec<SectionResponse>,
    pub names: Names,
    pub goal_saves: Vec<Revision>,
}

/// Whether the person marked this device as their own.
pub fn is_own() -> bool {
    platform::storage_get(OWN_KEY).as_deref() == Some("1")
}

/// Marks this device as the person's own; the next plan read is kept, and every screen's code
/// too, so that any screen opens without a signal.
pub fn make_own() {
    platform::storage_set(OWN_KEY, "1");
    platform::keep_every_screen();
}

/// "Vergeet dit apparaat": no longer the person's own, and nothing kept.
pub async fn forget() {
    platform::storage_set(OWN_KEY, "");
    platform::vault_wipe().await;
}

/// Keeps `plan` when this device is the person's own; otherwise keeps nothing.
pub async fn keep(plan: &KeptPlan) {
    if !is_own() {
        return;
    }
    if let Ok(text) = serde_json::to_string(plan) {
        platform::vault_put(PLAN, &text).await;
    }
}

/// The plan kept on this device, if it is the person's own and holds one (of `family`, when
/// given).
pub async fn kept(family: Option<Uuid>) -> Option<KeptPlan> {
    if !is_own() {
        return None;
    }
    let plan: KeptPlan = serde_json::from_str(&platform::vault_get(PLAN).await?).ok()?;
    family.is_none_or(|f| f == plan.family).then_some(plan)
}
