//! Writing the access log. Callers describe an event with [`Audit`] and append it inside the
//! same transaction as the change it records, so an event is never lost and never claims a
//! change that rolled back. A read is answered only after its row commits (fail closed).
//! Refused attempts by the same person at the same family, section, action and reason within
//! one clock hour share one row with a count, so a flood of probes cannot bury the real reads;
//! every other event is a new row.

use onsplan_shared::access_log::{ActorRole, DenialReason, LogAction, LogBasis, LogOutcome};
use onsplan_shared::section::SectionKind;

use crate::db::models::AccessLogRow;
use diesel::Connection;

use crate::db::{access_log, is_unique_violation, new_id, now_ms, DbConnection};

/// Who acted.
#[derive(Debug, Clone)]
pub struct Actor {
    pub id: Option<String>,
    pub name: Option<String>,
    pub role: ActorRole,
    pub org_id: Option<String>,
    pub org_name: Option<String>,
}

impl Actor {
    pub fn person(id: &str, name: &str, role: ActorRole) -> Self {
        Self {
            id: Some(id.to_string()),
            name: Some(name.to_string()),
            role,
            org_id: None,
            org_name: None,
        }
    }

    /// A professional, with their organisation's name as the request's account lookup found it.
    pub fn professional(user: &crate::auth::AuthUser) -> Self {
        Self {
            org_id: user.org_id.clone(),
            org_name: user.org_name.clone(),
            ..Self::person(&user.id, &user.name, ActorRole::Professional)
        }
    }

    pub fn anonymous() -> Self {
        Self {
            id: None,
            name: None,
            role: ActorRole::Anonymous,
            org_id: None,
            org_name: None,
        }
    }
}

/// One event for the log, built up step by step.
#[derive(Debug, Clone)]
pub struct Audit {
    row: AccessLogRow,
}

impl Audit {
    pub fn new(actor: &Actor, action: LogAction) -> Self {
        Self {
            row: AccessLogRow {
                id: new_id(),
                occurred_at: now_ms(),
                actor_id: actor.id.clone(),
                actor_name: actor.name.clone(),
                actor_role: actor.role.as_str().to_string(),
                actor_org_id: actor.org_id.clone(),
                actor_org_name: actor.org_name.clone(),
                action: action.as_str().to_string(),
                outcome: LogOutcome::Allowed.as_str().to_string(),
                attempts: 1,
                ..AccessLogRow::default()
            },
        }
    }

    pub fn family(mut self, family_id: &str) -> Self {
        self.row.family_id = Some(family_id.to_string());
        self
    }

    /// The section acted on; `owner` is set for a parent's private section, so only that
    /// parent ever reads this row.
    pub fn section(mut self, kind: SectionKind, owner: Option<&str>, version: Option<i64>) -> Self {
        self.row.section_kind = Some(kind.as_str().to_string());
        self.row.section_owner_id = owner.map(str::to_string);
        self.row.section_version = version;
        self
    }

    /// Keeps this row for one parent's eyes: it is about their private section.
    pub fn private_to(mut self, owner: &str) -> Self {
        self.row.section_owner_id = Some(owner.to_string());
        self
    }

    /// On whose behalf the actor acted (e.g. the family a professional serves).
    pub fn acting_for(mut self, whom: &str) -> Self {
        self.row.acting_for = Some(whom.to_string());
        self
    }

    /// Why it was allowed.
    pub fn basis(mut self, basis: LogBasis) -> Self {
        self.row.basis = Some(basis);
        self
    }

    /// The invite, grant, request or account the action is about.
    pub fn target(mut self, id: &str) -> Self {
        self.row.target_id = Some(id.to_string());
        self
    }

    pub fn request_id(mut self, request_id: Option<&str>) -> Self {
        self.row.request_id = request_id.map(str::to_string);
        self
    }

    pub fn denied(mut self, reason: DenialReason) -> Self {
        self.row.outcome = LogOutcome::Denied.as_str().to_string();
        self.row.denial_reason = Some(reason);
        self
    }

    /// Appends the event in the caller's transaction; a refused attempt that repeats one of
    /// this clock hour counts on that row instead.
    pub fn append(mut self, conn: &mut DbConnection) -> diesel::QueryResult<()> {
        let Some(key) = group_key(&self.row) else {
            return access_log::append(conn, &self.row);
        };
        if access_log::count_again(conn, &key)? {
            return Ok(());
        }
        self.row.group_key = Some(key.clone());
        // In a savepoint: when a concurrent attempt inserted the group's row first, the
        // unique key refuses this one and the count goes onto that row instead.
        match conn.transaction(|conn| access_log::append(conn, &self.row)) {
            Err(err) if is_unique_violation(&err) => access_log::count_again(conn, &key).map(drop),
            other => other,
        }
    }
}

const HOUR_MS: i64 = 60 * 60 * 1000;

/// The group of a refused attempt by a known person in a family: who, where, what, why, at
/// what, and the clock hour. `None` for every other event (those are never grouped).
fn group_key(row: &AccessLogRow) -> Option<String> {
    if row.outcome != LogOutcome::Denied.as_str() {
        return None;
    }
    let (actor, family) = (row.actor_id.as_deref()?, row.family_id.as_deref()?);
    Some(
        [
            actor,
            family,
            row.section_kind.as_deref().unwrap_or("-"),
            row.section_owner_id.as_deref().unwrap_or("-"),
            &row.action,
            row.denial_reason.map_or("-", DenialReason::as_str),
            row.target_id.as_deref().unwrap_or("-"),
            &row.occurred_at.div_euclid(HOUR_MS).to_string(),
        ]
        .join("|"),
    )
}
