//! The family a person has open, as the screens behind `Authed` ask for it: its id, its name,
//! and whether they read along with it as a relative.

use dioxus::prelude::*;
use onsplan_shared::family::Role;
use uuid::Uuid;

use crate::api::use_session;

/// The id of the family the screens behind `Authed` show.
pub fn family_id() -> Uuid {
    use_session()
        .family
        .read()
        .as_ref()
        .map(|f| f.id)
        .unwrap_or_default()
}

/// Whether the family shown is one the viewer reads along with as a relative.
pub fn is_relative() -> bool {
    use_session()
        .family
        .read()
        .as_ref()
        .is_some_and(|f| f.my_role == Role::Relative)
}

/// The name of the family the screens behind `Authed` show.
pub fn family_name() -> String {
    use_session()
        .family
        .read()
        .as_ref()
        .map(|f| f.name.clone())
        .unwrap_or_default()
}
