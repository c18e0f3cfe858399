//! The family's rule "every parent must agree" (a grant starts only once every parent approved
//! it). Switching it on takes effect at once: a stricter rule needs nobody's consent, and the
//! grants already active stay active (each parent sees them and can revoke any of them alone).
//! Switching it off loosens consent, so with more than one parent it waits until every parent
//! approved it, and any other parent can decline it. Every step is logged and emailed to the
//! other parents.

use onsplan_shared::access_log::{ActorRole, LogAction, LogBasis};
use onsplan_shared::auth::Locale;
use onsplan_shared::consent::UpdatePolicyRequest;
use onsplan_shared::family::FamilyDetail;
use onsplan_shared::routes::APP_NETWORK_PAGE;
use uuid::Uuid;

use crate::auth::AuthUser;
use crate::db::models::{FamilyRow, PolicyChangeRow};
use crate::db::{families, new_id, now_ms, policy_changes, users, DbConnection};
use crate::email::catalogue::{self, PolicyEvent, PolicyMail};
use crate::email::outbox::{EmailKind, Outbox};
use crate::email::Email;
use crate::errors::{AppError, AppResult};
use crate::policy::{Action, Resource};
use crate::services::access::{self, Ask, Asking};
use crate::services::audit::{Actor, Audit};
use crate::services::families::{load_detail, parent_ids};
use crate::services::grants::parent_actor;
use crate::state::AppState;

/// What a parent's choice of the rule does now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PolicyStep {
    /// It is already so and nothing waits: nothing changes.
    Unchanged,
    /// Switched on at once.
    SwitchOn,
    /// Switched off at once: the caller is the family's only parent.
    SwitchOff,
    /// Switching off waits for every other parent's approval.
    AskToSwitchOff,
    /// Switching off already waits: the caller's choice is their approval.
    ApproveSwitchOff,
    /// Switching off waits and the caller keeps the rule on: the switch-off is declined.
    DeclineSwitchOff,
}

/// Decides what a parent's `wanted` value does, given the rule now (`on`), the number of
/// parents and whether a switch-off already waits.
pub fn step(on: bool, wanted: bool, parents: usize, switch_off_waits: bool) -> PolicyStep {
    match (on, wanted) {
        (true, true) if switch_off_waits => PolicyStep::DeclineSwitchOff,
        (true, false) if switch_off_waits => PolicyStep::ApproveSwitchOff,
        (false, true) => PolicyStep::SwitchOn,
        (true, false) if parents <= 1 => PolicyStep::SwitchOff,
        (true, false) => PolicyStep::AskToSwitchOff,
        _ => PolicyStep::Unchanged,
    }
}

/// Whether a waiting switch-off takes effect: every current parent approved it (a parent who
/// joined after it was asked must approve too).
pub fn takes_effect(parents: &[String], approved: &[String]) -> bool {
    parents.iter().all(|parent| approved.contains(parent))
}

/// `PUT .../policy`: a parent chooses the rule.
pub async fn update(
    state: &AppState,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    request: UpdatePolicyRequest,
) -> AppResult<FamilyDetail> {
    let logged_as = if request.both_parents_must_agree {
        LogAction::PolicyOn
    } else {
        LogAction::PolicyOffAsked
    };
    let asking = Asking::new(user, family, request_id.clone());
    let (user, outbox) = (user.clone(), state.outbox.clone());
    let detail = access::write(
        &state.db,
        asking,
        move |_, _| switching(Action::Write, logged_as),
        move |conn, allowed, ()| {
            let family_id = family.to_string();
            let mut change = Change::load(conn, &outbox, &user, request_id, &family_id)?;
            let parents = parent_ids(conn, &family_id)?;
            let on = change.family.both_parents_must_agree;
            let waiting = change.waiting.is_some();
            match step(on, request.both_parents_must_agree, parents.len(), waiting) {
                PolicyStep::Unchanged => {}
                PolicyStep::SwitchOn => change.switch(conn, true, LogAction::PolicyOn)?,
                PolicyStep::SwitchOff => change.switch(conn, false, LogAction::PolicyOff)?,
                PolicyStep::AskToSwitchOff => change.ask(conn)?,
                PolicyStep::ApproveSwitchOff => change.approve(conn, &parents)?,
                PolicyStep::DeclineSwitchOff => change.decline(conn)?,
            }
            load_detail(conn, &family_id, &allowed.caller)
        },
    )
    .await?;
    state.outbox.wake();
    Ok(detail)
}

/// `POST .../policy/approve`: a parent approves the waiting switch-off.
pub async fn approve(
    state: &AppState,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
) -> AppResult<FamilyDetail> {
    answer(state, user, request_id, family, true).await
}

/// `POST .../policy/decline`: a parent declines the waiting switch-off; the rule stays on.
pub async fn decline(
    state: &AppState,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
) -> AppResult<FamilyDetail> {
    answer(state, user, request_id, family, false).await
}

async fn answer(
    state: &AppState,
    user: &AuthUser,
    request_id: Option<String>,
    family: Uuid,
    yes: bool,
) -> AppResult<FamilyDetail> {
    let (action, logged_as) = if yes {
        (Action::Approve, LogAction::PolicyOffApproved)
    } else {
        (Action::Decline, LogAction::PolicyOffDeclined)
    };
    let asking = Asking::new(user, family, request_id.clone());
    let (user, outbox) = (user.clone(), state.outbox.clone());
    let detail = access::write(
        &state.db,
        asking,
        move |_, _| switching(action, logged_as),
        move |conn, allowed, ()| {
            let family_id = family.to_string();
            let mut change = Change::load(conn, &outbox, &user, request_id, &family_id)?;
            if change.waiting.is_none() {
                return Err(AppError::Conflict(
                    "no change of the rules waits for approval".into(),
                ));
            }
            if yes {
                let parents = parent_ids(conn, &family_id)?;
                change.approve(conn, &parents)?;
            } else {
                change.decline(conn)?;
            }
            load_detail(conn, &family_id, &allowed.caller)
        },
    )
    .await?;
    state.outbox.wake();
    Ok(detail)
}

/// One parent's step on the family's rule, inside the write transaction.
struct Change<'a> {
    outbox: &'a Outbox,
    user: &'a AuthUser,
    request_id: Option<String>,
    family: FamilyRow,
    waiting: Option<PolicyChangeRow>,
}

/// The policy's question about the switch.
fn switching(action: Action, logged_as: LogAction) -> AppResult<(Ask, ())> {
    access::plain(Ask::new(Resource::PolicySwitch, action, logged_as).about("policy"))
}

impl<'a> Change<'a> {
    /// For a parent the policy allowed: takes the family's lock (so two parents' steps
    /// take turns and the last approval sees every earlier one) and reads the rule now.
    fn load(
        conn: &mut DbConnection,
        outbox: &'a Outbox,
        user: &'a AuthUser,
        request_id: Option<String>,
        family_id: &str,
    ) -> AppResult<Self> {
        families::lock(conn, family_id)?;
        let family = families::find(conn, family_id)?.ok_or(AppError::NotFound)?;
        let waiting = policy_changes::pending(conn, family_id)?;
        Ok(Self {
            outbox,
            user,
            request_id,
            family,
            waiting,
        })
    }

    /// Applies the rule at once.
    fn switch(&mut self, conn: &mut DbConnection, on: bool, action: LogAction) -> AppResult<()> {
        families::set_both_parents_must_agree(conn, &self.family.id, on)?;
        self.log(conn, &parent_actor(self.user), action)?;
        let event = if on {
            PolicyEvent::SwitchedOn
        } else {
            PolicyEvent::SwitchedOff
        };
        self.tell(conn, event, Some(&self.user.id))
    }

    /// Stores a waiting switch-off with the asker's approval.
    fn ask(&mut self, conn: &mut DbConnection) -> AppResult<()> {
        let now = now_ms();
        let row = PolicyChangeRow {
            id: new_id(),
            family_id: self.family.id.clone(),
            both_parents_must_agree: false,
            requested_by: self.user.id.clone(),
            requested_at: now,
            status: policy_changes::PENDING.to_string(),
            decided_by: None,
            decided_at: None,
        };
        policy_changes::insert(conn, &row)?;
        policy_changes::approve(conn, &row.id, &self.user.id, now)?;
        self.waiting = Some(row);
        self.log(conn, &parent_actor(self.user), LogAction::PolicyOffAsked)?;
        self.tell(conn, PolicyEvent::SwitchOffAsked, Some(&self.user.id))
    }

    /// Adds the caller's approval (once); with every parent's approval the rule goes off.
    fn approve(&mut self, conn: &mut DbConnection, parents: &[String]) -> AppResult<()> {
        let Some(waiting) = self.waiting.clone() else {
            return Ok(());
        };
        let mut approved = policy_changes::approvals(conn, &waiting.id)?;
        if approved.contains(&self.user.id) {
            return Ok(());
        }
        let now = now_ms();
        policy_changes::approve(conn, &waiting.id, &self.user.id, now)?;
        approved.push(self.user.id.clone());
        self.log(conn, &parent_actor(self.user), LogAction::PolicyOffApproved)?;
        if !takes_effect(parents, &approved) {
            return self.tell(conn, PolicyEvent::SwitchOffApproved, Some(&self.user.id));
        }
        if policy_changes::close(conn, &waiting.id, policy_changes::APPLIED, None, now)? {
            families::set_both_parents_must_agree(conn, &self.family.id, false)?;
            // The change itself is the system's doing: it follows from every approval.
            self.log(conn, &system(), LogAction::PolicyOff)?;
            self.tell(conn, PolicyEvent::SwitchedOff, None)?;
        }
        Ok(())
    }

    /// Declines the waiting switch-off: the rule stays on.
    fn decline(&mut self, conn: &mut DbConnection) -> AppResult<()> {
        let Some(waiting) = self.waiting.clone() else {
            return Ok(());
        };
        if policy_changes::close(
            conn,
            &waiting.id,
            policy_changes::DECLINED,
            Some(&self.user.id),
            now_ms(),
        )? {
            self.log(conn, &parent_actor(self.user), LogAction::PolicyOffDeclined)?;
            self.tell(conn, PolicyEvent::SwitchOffDeclined, Some(&self.user.id))?;
        }
        self.waiting = None;
        Ok(())
    }

    fn log(&self, conn: &mut DbConnection, actor: &Actor, action: LogAction) -> AppResult<()> {
        let basis = if actor.role == ActorRole::System {
            LogBasis::EveryParentApproved
        } else {
            LogBasis::Parent
        };
        Audit::new(actor, action)
            .family(&self.family.id)
            .request_id(self.request_id.as_deref())
            .basis(basis)
            .target(
                self.waiting
                    .as_ref()
                    .map_or(self.family.id.as_str(), |w| w.id.as_str()),
            )
            .append(conn)?;
        Ok(())
    }

    /// Emails every parent except `except` (the one who acted) about `event`.
    fn tell(
        &self,
        conn: &mut DbConnection,
        event: PolicyEvent,
        except: Option<&str>,
    ) -> AppResult<()> {
        let link = self.outbox.page(APP_NETWORK_PAGE);
        for parent_id in parent_ids(conn, &self.family.id)? {
            if Some(parent_id.as_str()) == except {
                continue;
            }
            let Some(parent) = users::find_active(conn, &parent_id)? else {
                continue;
            };
            let rendered = catalogue::policy_change(
                Locale::parse(&parent.locale).unwrap_or_default(),
                &PolicyMail {
                    name: &parent.name,
                    parent: &self.user.name,
                    family: &self.family.name,
                    event,
                    link: &link,
                },
            );
            self.outbox.queue_about(
                conn,
                EmailKind::PolicyChange,
                &Email::new(&parent.email, rendered, link.clone()),
                &self.family.id,
            )?;
        }
        Ok(())
    }
}

fn system() -> Actor {
    Actor {
        role: ActorRole::System,
        ..Actor::anonymous()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn switching_on_applies_at_once_and_switching_off_waits_for_the_other_parents() {
        assert_eq!(step(false, true, 2, false), PolicyStep::SwitchOn);
        assert_eq!(step(true, false, 2, false), PolicyStep::AskToSwitchOff);
        assert_eq!(step(true, false, 1, false), PolicyStep::SwitchOff);
        assert_eq!(step(true, true, 2, false), PolicyStep::Unchanged);
        assert_eq!(step(false, false, 2, false), PolicyStep::Unchanged);
    }

    #[test]
    fn while_a_switch_off_waits_a_parents_choice_approves_or_declines_it() {
        assert_eq!(step(true, false, 2, true), PolicyStep::ApproveSwitchOff);
        assert_eq!(step(true, true, 2, true), PolicyStep::DeclineSwitchOff);
    }

    #[test]
    fn a_switch_off_takes_effect_only_with_every_current_parent() {
        let parents = ["a".to_string(), "b".to_string(), "c".to_string()];
        let two = ["a".to_string(), "b".to_string()];
        assert!(!takes_effect(&parents, &two));
        let all = ["c".to_string(), "a".to_string(), "b".to_string()];
        assert!(takes_effect(&parents, &all));
    }
}
