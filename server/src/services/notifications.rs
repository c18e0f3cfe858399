//! Each person's on/off setting per kind of email, and one-click unsubscribe. A kind nobody
//! set is on, except the weekly word, which is on for parents and off for relatives until they
//! switch it on. An unsubscribe token switches off exactly the one kind it was made for, for
//! the one person it was sent to, once.

use std::collections::HashMap;

use onsplan_shared::family::Role;
use onsplan_shared::notification::{
    NotificationKind, NotificationSetting, NotificationSettings, UnsubscribeResponse,
};
use onsplan_shared::validate::FieldError;

use crate::auth::tokens;
use crate::db::{families, notifications, now_ms, Db, DbConnection};
use crate::errors::{AppError, AppResult};
use crate::services::links;

/// A person's explicit settings.
#[derive(Debug, Clone, Default)]
pub struct Explicit(HashMap<NotificationKind, bool>);

impl Explicit {
    pub fn load(conn: &mut DbConnection, user_id: &str) -> AppResult<Self> {
        Ok(Self(
            notifications::settings_of(conn, user_id)?
                .into_iter()
                .filter_map(|(kind, on)| Some((NotificationKind::parse(&kind)?, on)))
                .collect(),
        ))
    }

    /// Whether the person gets `kind` about a family where they have `role`.
    pub fn enabled(&self, kind: NotificationKind, role: Role) -> bool {
        self.0.get(&kind).copied().unwrap_or(match kind {
            NotificationKind::WeeklyWord => role == Role::Parent,
            _ => true,
        })
    }
}

fn current(conn: &mut DbConnection, user_id: &str) -> AppResult<NotificationSettings> {
    let explicit = Explicit::load(conn, user_id)?;
    let is_parent = families::list_for_user(conn, user_id)?
        .iter()
        .any(|(_, role)| role == Role::Parent.as_str());
    let role = if is_parent {
        Role::Parent
    } else {
        Role::Relative
    };
    Ok(NotificationSettings {
        settings: NotificationKind::ALL
            .into_iter()
            .map(|kind| NotificationSetting {
                kind,
                enabled: explicit.enabled(kind, role),
            })
            .collect(),
    })
}

/// `GET /api/v1/me/notifications`.
pub async fn get(db: &Db, user_id: &str) -> AppResult<NotificationSettings> {
    let user_id = user_id.to_string();
    db.read(move |conn| current(conn, &user_id)).await
}

/// `PUT /api/v1/me/notifications`: each kind at most once; all or nothing.
pub async fn update(
    db: &Db,
    user_id: &str,
    body: NotificationSettings,
) -> AppResult<NotificationSettings> {
    let mut seen = Vec::new();
    for setting in &body.settings {
        if seen.contains(&setting.kind) {
            return Err(FieldError::new("settings", "names a kind more than once").into());
        }
        seen.push(setting.kind);
    }
    let user_id = user_id.to_string();
    db.write(move |conn| {
        diesel::Connection::transaction(conn, |conn| {
            let now = now_ms();
            for setting in &body.settings {
                notifications::set(conn, &user_id, setting.kind.as_str(), setting.enabled, now)?;
            }
            current(conn, &user_id)
        })
    })
    .await
}

/// A new unsubscribe token for `kind` of `user_id`, stored hashed in the caller's transaction.
pub fn new_token(
    conn: &mut DbConnection,
    user_id: &str,
    kind: NotificationKind,
    now: i64,
) -> diesel::QueryResult<String> {
    let (raw, hash) = tokens::new_token();
    notifications::insert_token(conn, &hash, user_id, kind.as_str(), now)?;
    Ok(raw)
}

/// `POST /api/v1/unsubscribe/{token}`: switches the token's kind off for its person. Unknown:
/// 404 `link_invalid`; used before: 410 `link_used`.
pub async fn unsubscribe(db: &Db, token: &str) -> AppResult<UnsubscribeResponse> {
    let hash = links::presented_hash(token)?;
    db.write(move |conn| {
        diesel::Connection::transaction(conn, |conn| {
            let (user_id, kind, used_at) =
                notifications::find_token(conn, &hash)?.ok_or(AppError::LinkInvalid)?;
            let kind = NotificationKind::parse(&kind)
                .ok_or_else(|| crate::db::corrupt("notification kind"))?;
            let now = now_ms();
            if used_at.is_some() || !notifications::use_token(conn, &hash, now)? {
                return Err(AppError::LinkUsed);
            }
            notifications::set(conn, &user_id, kind.as_str(), false, now)?;
            Ok(UnsubscribeResponse { kind })
        })
    })
    .await
}
