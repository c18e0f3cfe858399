//! Commitments on agreements ("Ik doe dit"): taking an agreement, marking it done, handing it
//! back, a parent assigning it, the list of who has what, and handing back a removed member's
//! open commitments.
//!
//! Where the state lives: IN the agreement item of the shared `agreements` section
//! ([`Agreement::commitment`], [`Agreement::handed_back`]). Every change is a versioned write
//! of that section in one transaction: read the row, change the item, write it with a
//! conditional update on the version read (bumping it) and keep a revision, exactly like a
//! parent's save. So a take and a parent's edit never lose each other: if the parent's edit
//! comes second it is based on the old version and gets 412 with the current one (or, based on
//! the new version, it carries the commitment); if the take comes second it reads the edited
//! content. A take that loses the version race itself (only possible when writes are not
//! serialised) answers 412 with the current version as well.
//!
//! Who may do what is the access policy's answer ([`Resource::Agreement`]); every allowed
//! change is logged, and refusals of watched callers too.

use std::collections::HashMap;

use onsplan_shared::access_log::LogAction;
use onsplan_shared::commitment::{
    AssignAgreementRequest, Commitment, CommitmentItem, CommitmentsResponse, HandedBack,
    ReleaseAgreementRequest, TakeAgreementRequest,
};
use onsplan_shared::section::{SectionKind, Visibility};
use onsplan_shared::section_content::{Agreement, AgreementStatus, Agreements, SectionContent};
use onsplan_shared::validate::{FieldError, SHORT_TEXT};
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::models::{RevisionRow, SectionRow};
use crate::db::sections::{SectionWrite, SHARED_SCOPE};
use crate::db::{families, new_id, now_ms, sections, stored_id, to_utc, Db, DbConnection};
use crate::errors::{AppError, AppResult};
use crate::policy::{self, Action, Caller, Resource};
use crate::services::access::{self, Ask, Asking};
use crate::services::audit::Audit;
use crate::services::section_wire::{parse_content, parse_visibility};

/// What a member does to one agreement.
#[derive(Debug, Clone)]
pub enum Change {
    Take(TakeAgreementRequest),
    Done,
    Release(ReleaseAgreementRequest),
    Assign(AssignAgreementRequest),
}

impl Change {
    fn action(&self) -> (Action, LogAction) {
        match self {
            Change::Take(_) => (Action::Take, LogAction::TakeAgreement),
            Change::Done => (Action::Done, LogAction::FinishAgreement),
            Change::Release(_) => (Action::Release, LogAction::ReleaseAgreement),
            Change::Assign(_) => (Action::Assign, LogAction::AssignAgreement),
        }
    }
}

/// The family's `agreements` section as stored, read for a change or a list.
struct Loaded {
    row: SectionRow,
    visibility: Visibility,
    agreements: Agreements,
}

fn load(conn: &mut DbConnection, family_id: &str) -> AppResult<Loaded> {
    let row = sections::find(
        conn,
        family_id,
        SHARED_SCOPE,
        SectionKind::Agreements.as_str(),
    )?
    .ok_or(AppError::NotFound)?;
    let visibility = parse_visibility(&row.visibility)?;
    let agreements = match parse_content(&row.content)? {
        SectionContent::Agreements(agreements) => agreements,
        _ => return Err(crate::db::corrupt("agreements content").into()),
    };
    Ok(Loaded {
        row,
        visibility,
        agreements,
    })
}

fn taker(item: &Agreement) -> Option<Uuid> {
    item.commitment.as_ref().map(|c| c.taker)
}

/// `POST .../agreements/{agreement}/take|done|release|assign`, at `now` (the server's clock:
/// reminders read the times it stamps).
pub async fn change(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    agreement: String,
    change: Change,
    now: i64,
) -> AppResult<CommitmentsResponse> {
    if let Change::Release(ReleaseAgreementRequest { word: Some(word) }) = &change {
        if word.chars().count() > SHORT_TEXT {
            return Err(FieldError::new("word", format!("at most {SHORT_TEXT} characters")).into());
        }
    }
    let asking = Asking::new(user, family, request_id.clone());
    let (action, logged_as) = change.action();
    let user = user.clone();
    let wanted = agreement.clone();
    access::write(
        db,
        asking,
        move |conn, _| {
            let loaded = load(conn, &family.to_string())?;
            let item = loaded
                .agreements
                .items
                .iter()
                .find(|a| a.id == wanted)
                .ok_or(AppError::NotFound)?;
            let resource = Resource::Agreement {
                visibility: loaded.visibility,
                taker: taker(item),
            };
            let ask = Ask::new(resource, action, logged_as)
                .section(SectionKind::Agreements, None, Some(loaded.row.version))
                .about(wanted.clone());
            // Allowed changes are logged below for everyone, not only watched callers.
            Ok((
                Ask {
                    log_allowed: false,
                    ..ask
                },
                loaded,
            ))
        },
        move |conn, allowed, mut loaded| {
            let family_id = family.to_string();
            let me = allowed.caller.id().ok_or(AppError::NotFound)?;
            if let Change::Assign(body) = &change {
                if families::role_of(conn, &family_id, &body.member.to_string())?.is_none() {
                    return Err(FieldError::new("member", "is not a member of this family").into());
                }
            }
            let item = loaded
                .agreements
                .items
                .iter_mut()
                .find(|a| a.id == agreement)
                .ok_or(AppError::NotFound)?;
            apply(item, &change, me, now);
            let version = store(conn, &loaded, &user.id, now)?;
            Audit::new(&access::actor(&user, &allowed.caller), logged_as)
                .family(&family_id)
                .request_id(request_id.as_deref())
                .basis(allowed.basis)
                .section(SectionKind::Agreements, None, Some(version))
                .target(&agreement)
                .append(conn)?;
            loaded.row.version = version;
            view(conn, &allowed.caller, &family_id, &loaded)
        },
    )
    .await
}

/// The change itself, on the item (the policy has allowed it).
fn apply(item: &mut Agreement, change: &Change, me: Uuid, now: i64) {
    match change {
        Change::Take(body) => {
            let earlier = item.commitment.take();
            item.commitment = Some(Commitment {
                taker: me,
                due: body.due.or(item.by_when),
                taken_at: earlier.as_ref().map_or(to_utc(now), |c| c.taken_at),
                assigned_by: earlier.as_ref().and_then(|c| c.assigned_by),
                done_at: earlier.and_then(|c| c.done_at),
            });
        }
        Change::Done => {
            if let Some(commitment) = item.commitment.as_mut() {
                commitment.done_at.get_or_insert(to_utc(now));
            }
            item.status = AgreementStatus::Done;
        }
        Change::Release(body) => {
            item.commitment = None;
            item.status = AgreementStatus::Open;
            item.handed_back = Some(HandedBack {
                by: me,
                at: to_utc(now),
                word: body.word.clone().unwrap_or_default().trim().to_string(),
            });
        }
        Change::Assign(body) => {
            item.commitment = Some(Commitment {
                taker: body.member,
                due: body.due.or(item.by_when),
                taken_at: to_utc(now),
                assigned_by: Some(me),
                done_at: None,
            });
            item.status = AgreementStatus::Open;
        }
    }
}

/// Writes the changed agreements if the section is still at the version read; returns the
/// new version, or 412 with the current one.
fn store(conn: &mut DbConnection, loaded: &Loaded, by: &str, now: i64) -> AppResult<i64> {
    let content = SectionContent::Agreements(loaded.agreements.clone());
    let stored = serde_json::to_string(&content).map_err(|err| AppError::Internal(err.into()))?;
    let based_on = loaded.row.version;
    let write = SectionWrite {
        visibility: &loaded.row.visibility,
        content: &stored,
        saved_by: by,
        saved_at: now,
    };
    if !sections::update_if_version(conn, &loaded.row.id, based_on, &write)? {
        let current = sections::find(
            conn,
            &loaded.row.family_id,
            SHARED_SCOPE,
            SectionKind::Agreements.as_str(),
        )?
        .map_or(0, |row| row.version);
        return Err(AppError::VersionConflict {
            current_version: current,
        });
    }
    sections::insert_revision(
        conn,
        &RevisionRow {
            id: new_id(),
            section_id: loaded.row.id.clone(),
            version: based_on + 1,
            visibility: loaded.row.visibility.clone(),
            content: stored,
            saved_by: by.to_string(),
            saved_at: now,
        },
    )?;
    Ok(based_on + 1)
}

/// `GET .../commitments`: the agreements the caller may see, plus their own commitments.
pub async fn list(
    db: &Db,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
) -> AppResult<CommitmentsResponse> {
    let asking = Asking::new(user, family, request_id);
    access::read(
        db,
        asking,
        move |conn, _| {
            let loaded = load(conn, &family.to_string())?;
            Ok((
                Ask::new(Resource::Commitments, Action::Read, LogAction::Read).section(
                    SectionKind::Agreements,
                    None,
                    Some(loaded.row.version),
                ),
                loaded,
            ))
        },
        move |conn, allowed, loaded| view(conn, &allowed.caller, &family.to_string(), &loaded),
    )
    .await
}

/// The list as `caller` may see it, with what they may do on each item.
fn view(
    conn: &mut DbConnection,
    caller: &Caller,
    family_id: &str,
    loaded: &Loaded,
) -> AppResult<CommitmentsResponse> {
    let names: HashMap<Uuid, String> = families::members(conn, family_id)?
        .into_iter()
        .map(|(row, name)| Ok((stored_id(&row.user_id, "member id")?, name)))
        .collect::<AppResult<_>>()?;
    let may = |item: &Agreement, action| {
        let resource = Resource::Agreement {
            visibility: loaded.visibility,
            taker: taker(item),
        };
        policy::decide(caller, resource, action).is_allowed()
    };
    let items = loaded
        .agreements
        .items
        .iter()
        .filter(|item| may(item, Action::Read))
        .map(|item| CommitmentItem {
            agreement_id: item.id.clone(),
            what: item.what.clone(),
            by_when: item.by_when,
            status: item.status,
            taker_name: taker(item).and_then(|id| names.get(&id).cloned()),
            commitment: item.commitment.clone(),
            handed_back_by_name: item
                .handed_back
                .as_ref()
                .and_then(|back| names.get(&back.by).cloned()),
            handed_back: item.handed_back.clone(),
            may_take: may(item, Action::Take) && taker(item) != caller.id(),
            may_done: may(item, Action::Done) && item.status != AgreementStatus::Done,
            may_release: may(item, Action::Release),
            may_assign: may(item, Action::Assign),
        })
        .collect();
    Ok(CommitmentsResponse {
        version: loaded.row.version,
        items,
    })
}

/// A member leaves or is removed: their open commitments become open again (done ones stay,
/// as a record of who did them). Runs inside the removal's transaction.
pub fn hand_back_open(
    conn: &mut DbConnection,
    family_id: &str,
    member: Uuid,
    by: &str,
) -> AppResult<()> {
    let mut loaded = match load(conn, family_id) {
        Ok(loaded) => loaded,
        Err(AppError::NotFound) => return Ok(()),
        Err(err) => return Err(err),
    };
    let now = now_ms();
    let mut changed = false;
    for item in &mut loaded.agreements.items {
        let open_and_theirs = item
            .commitment
            .as_ref()
            .is_some_and(|c| c.taker == member && c.done_at.is_none());
        if open_and_theirs {
            item.commitment = None;
            item.status = AgreementStatus::Open;
            changed = true;
        }
    }
    if changed {
        store(conn, &loaded, by, now)?;
    }
    Ok(())
}
