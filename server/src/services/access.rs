//! Asking the access policy from a request. [`resolve`] loads who the caller is to the family
//! (one query for the standing, and a professional's grants), `policy::decide` answers, and
//! [`read`] / [`write`] carry the answer out: the access-log row the policy wants (every read
//! by a relative or professional, and every refusal of one) commits before the answer goes
//! out, or there is no answer (fail closed).

use onsplan_shared::access_log::{LogAction, LogBasis};
use onsplan_shared::family::Role;
use onsplan_shared::section::SectionKind;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::{corrupt, families, now_ms, stored_id, Db, DbConnection};
use crate::errors::{AppError, AppResult};
use crate::policy::{self, Action, Answer, Caller, Decision, Resource, Standing};
use crate::services::audit::{Actor, Audit};
use crate::services::consent;

/// One request of one account about one family.
#[derive(Debug, Clone)]
pub struct Asking {
    pub user: AuthUser,
    pub family: Uuid,
    pub request_id: Option<String>,
}

impl Asking {
    pub fn new(user: &AuthUser, family: Uuid, request_id: Option<String>) -> Self {
        Self {
            user: user.clone(),
            family,
            request_id,
        }
    }

    pub fn family_id(&self) -> String {
        self.family.to_string()
    }
}

/// Who the caller is to the family, from the database, now.
pub fn resolve(conn: &mut DbConnection, family_id: &str, user: &AuthUser) -> AppResult<Caller> {
    let standing = families::standing(conn, family_id, &user.id)?;
    let role = match standing.role.as_deref() {
        Some(role) => Some(Role::parse(role).ok_or_else(|| corrupt("membership role"))?),
        None => None,
    };
    let grants = if user.is_professional() && standing.family_exists {
        consent::grant_facts(conn, family_id, &user.id)?
    } else {
        Vec::new()
    };
    Ok(Caller::of(
        stored_id(&user.id, "account id")?,
        user.kind,
        user.org_active,
        Standing {
            role,
            family_exists: standing.family_exists,
            linked: standing.linked,
        },
        grants,
        now_ms(),
    ))
}

/// The error a refusal answers with.
pub fn refusal(answer: Answer) -> AppError {
    match answer {
        Answer::NotFound => AppError::NotFound,
        Answer::Forbidden => AppError::Forbidden,
    }
}

/// The actor the log names for this caller.
pub fn actor(user: &AuthUser, caller: &Caller) -> Actor {
    match caller {
        Caller::Professional { .. } => Actor::professional(user),
        other => Actor::person(&user.id, &user.name, other.log_role()),
    }
}

/// What one question to the policy is about, and how the log records it.
#[derive(Debug, Clone)]
pub struct Ask {
    pub resource: Resource,
    pub action: Action,
    /// The log's action for this attempt.
    pub logged_as: LogAction,
    /// The section, with its owner (private) and version, for section rows.
    pub section: Option<(SectionKind, Option<Uuid>, Option<i64>)>,
    /// What else the attempt is about (a grant's id, `grants`, `access_log`, …).
    pub target: Option<String>,
    /// Whether an allowed attempt of a watched caller is logged too (reads of the plan).
    pub log_allowed: bool,
}

impl Ask {
    pub fn new(resource: Resource, action: Action, logged_as: LogAction) -> Self {
        Self {
            resource,
            action,
            logged_as,
            section: None,
            target: None,
            log_allowed: false,
        }
    }

    /// A section of the plan: its reads are logged for watched callers.
    pub fn section(mut self, kind: SectionKind, owner: Option<Uuid>, version: Option<i64>) -> Self {
        self.section = Some((kind, owner, version));
        self.log_allowed = true;
        self
    }

    pub fn about(mut self, target: impl Into<String>) -> Self {
        self.target = Some(target.into());
        self
    }
}

/// Decides, and the log row of the attempt if the policy watches it.
pub fn judge(
    asking: &Asking,
    caller: &Caller,
    ask: &Ask,
) -> (Result<LogBasis, AppError>, Option<Audit>) {
    let decision = policy::decide(caller, ask.resource, ask.action);
    let logged =
        policy::watched(caller, ask.resource) && (ask.log_allowed || !decision.is_allowed());
    let event = logged.then(|| {
        let mut event = Audit::new(&actor(&asking.user, caller), ask.logged_as)
            .family(&asking.family_id())
            .request_id(asking.request_id.as_deref());
        if let Caller::Professional { .. } = caller {
            event = event.acting_for(asking.user.org_name.as_deref().unwrap_or(""));
        }
        if let Some((kind, owner, version)) = ask.section {
            let owner = owner.map(|o| o.to_string());
            event = event.section(kind, owner.as_deref(), version);
        }
        if let Some(target) = &ask.target {
            event = event.target(target);
        }
        match decision {
            Decision::Allow(basis) => event.basis(basis),
            Decision::Deny { reason, .. } => event.denied(reason),
        }
    });
    let outcome = match decision {
        Decision::Allow(basis) => Ok(basis),
        Decision::Deny { answer, .. } => Err(refusal(answer)),
    };
    (outcome, event)
}

/// What a guarded piece of work gets: the caller and why they are allowed.
pub struct Allowed {
    pub caller: Caller,
    pub basis: LogBasis,
}

/// A read: resolves, asks `ask(conn, caller)` (which also hands `work` what it loaded), and
/// when allowed runs `work`. The log row (an allowed read of a watched caller, or any refusal
/// of one) goes to the writer, and the answer waits for its durable commit.
pub async fn read<T, C, A, F>(db: &Db, asking: Asking, ask: A, work: F) -> AppResult<T>
where
    T: Send + 'static,
    A: FnOnce(&mut DbConnection, &Caller) -> AppResult<(Ask, C)> + Send + 'static,
    F: FnOnce(&mut DbConnection, &Allowed, C) -> AppResult<T> + Send + 'static,
{
    db.read_then_write(move |conn| {
        let caller = resolve(conn, &asking.family_id(), &asking.user)?;
        let (ask, loaded) = ask(conn, &caller)?;
        let (outcome, event) = judge(&asking, &caller, &ask);
        let value = match outcome {
            Ok(basis) => work(conn, &Allowed { caller, basis }, loaded),
            Err(refused) => Err(refused),
        };
        Ok((value, append(event)))
    })
    .await?
}

/// A change: resolves, asks and runs `work` in one transaction. A refusal's log row commits
/// (and nothing else); when `work` fails, its changes roll back.
pub async fn write<T, C, A, F>(db: &Db, asking: Asking, ask: A, work: F) -> AppResult<T>
where
    T: Send + 'static,
    A: FnOnce(&mut DbConnection, &Caller) -> AppResult<(Ask, C)> + Send + 'static,
    F: FnOnce(&mut DbConnection, &Allowed, C) -> AppResult<T> + Send + 'static,
{
    use diesel::Connection;
    db.write(move |conn| -> AppResult<AppResult<T>> {
        let caller = resolve(conn, &asking.family_id(), &asking.user)?;
        let (ask, loaded) = ask(conn, &caller)?;
        let (outcome, event) = judge(&asking, &caller, &ask);
        if let Some(event) = event {
            event.append(conn)?;
        }
        Ok(match outcome {
            Ok(basis) => conn.transaction(|conn| work(conn, &Allowed { caller, basis }, loaded)),
            Err(refused) => Err(refused),
        })
    })
    .await?
}

/// An ask that loads nothing for the work.
pub fn plain(ask: Ask) -> AppResult<(Ask, ())> {
    Ok((ask, ()))
}

/// The write that appends `event`, if there is one.
pub fn append(
    event: Option<Audit>,
) -> Option<impl FnOnce(&mut DbConnection) -> AppResult<()> + Send + 'static> {
    append_all(event.into_iter().collect())
}

/// The write that appends `events`, if there are any.
pub fn append_all(
    events: Vec<Audit>,
) -> Option<impl FnOnce(&mut DbConnection) -> AppResult<()> + Send + 'static> {
    (!events.is_empty()).then_some(move |conn: &mut DbConnection| -> AppResult<()> {
        events
            .into_iter()
            .try_for_each(|event| event.append(conn))?;
        Ok(())
    })
}
