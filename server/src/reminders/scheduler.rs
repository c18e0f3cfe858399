//! The reminder scheduler: a task per server instance. Each round it enrols new families,
//! claims families due for a scan with a lease (as the outbox claims rows: of several
//! instances one gets each family; a family whose instance died is claimed again once its
//! lease ends), works out what is due with [`due::due`] at the clock's time and queues each
//! message through the outbox in one transaction with its `reminders_sent` row. That row's
//! unique key (person, kind, subject, date) makes every message go out once, whoever scans,
//! also after a crash between the queuing and the end of a scan.
//!
//! Nothing is queued in quiet hours (21:00–08:00 Dutch time): what falls due then is found
//! by the first scan after 08:00. A person's switched-off kinds are never queued.

use std::collections::HashMap;
use std::time::Duration;

use chrono::Timelike;
use onsplan_shared::auth::Locale;
use onsplan_shared::family::Role;
use onsplan_shared::section::SectionKind;
use onsplan_shared::section_content::SectionContent;
use tokio::sync::watch;

use super::due::{self, Due, Family, GrantFacts, Member, Message, ReminderKind};
use super::texts::{render_message, Addressing};
use crate::clock::Clock;
use crate::config::ReminderSettings;
use crate::db::reminders::{self as sql, SentKey};
use crate::db::sections::SHARED_SCOPE;
use crate::db::{families, grants, new_id, sections, stored_id, to_utc, users, Db, DbConnection};
use crate::email::outbox::{EmailKind, Outbox};
use crate::email::Email;
use crate::errors::{AppError, AppResult};
use crate::services::notifications::{self, Explicit};
use crate::services::section_wire::{parse_content, parse_visibility};

/// Families claimed at once.
const BATCH: i64 = 20;
/// How long a claim holds (clock time).
const LEASE_MS: i64 = 10 * 60 * 1000;
/// At most one activity bundle per person per this long.
const ACTIVITY_GAP_MS: i64 = 60 * 60 * 1000;
/// How long stopping waits for the scan in hand.
const STOP_GRACE: Duration = Duration::from_secs(5);

pub struct SchedulerHandle {
    stop: watch::Sender<bool>,
    task: tokio::task::JoinHandle<()>,
}

impl SchedulerHandle {
    pub async fn stop(mut self) {
        let _ = self.stop.send(true);
        if tokio::time::timeout(STOP_GRACE, &mut self.task)
            .await
            .is_err()
        {
            tracing::warn!("the reminder scheduler did not stop in time");
            self.task.abort();
        }
    }
}

pub struct Scheduler {
    db: Db,
    outbox: Outbox,
    clock: Clock,
    settings: ReminderSettings,
    instance: String,
}

impl Scheduler {
    pub fn new(db: Db, outbox: Outbox, clock: Clock, settings: ReminderSettings) -> Self {
        Self {
            db,
            outbox,
            clock,
            settings,
            instance: new_id(),
        }
    }

    pub fn spawn(self) -> SchedulerHandle {
        let (stop, stopped) = watch::channel(false);
        let task = tokio::spawn(self.run(stopped));
        SchedulerHandle { stop, task }
    }

    async fn run(self, mut stopped: watch::Receiver<bool>) {
        let moved = self.clock.moved();
        let poll = Duration::from_millis(self.settings.poll_ms);
        tracing::info!(instance = %self.instance, "reminder scheduler started");
        while !*stopped.borrow() {
            // Register for a clock move before the round, so a move during it is not missed.
            let notified = moved.notified();
            tokio::pin!(notified);
            notified.as_mut().enable();
            match self.round().await {
                Ok(count) if count as i64 == BATCH => continue,
                Ok(_) => {}
                Err(err) => tracing::warn!(error = %err, "the reminder scheduler round failed"),
            }
            tokio::select! {
                _ = stopped.changed() => {}
                _ = notified => {}
                _ = tokio::time::sleep(poll) => {}
            }
        }
        tracing::info!(instance = %self.instance, "reminder scheduler stopped");
    }

    /// Claims one batch of families and scans each. Returns how many were claimed.
    async fn round(&self) -> AppResult<usize> {
        let claim = format!("{}:{}", self.instance, new_id());
        let now = self.clock.now_ms();
        let families = {
            let claim = claim.clone();
            self.db
                .write(move |conn| -> AppResult<Vec<String>> {
                    sql::enrol_new_families(conn)?;
                    Ok(sql::claim_due(conn, &claim, now, now + LEASE_MS, BATCH)?)
                })
                .await?
        };
        let count = families.len();
        for family_id in families {
            let (outbox, claim) = (self.outbox.clone(), claim.clone());
            let next = now + self.settings.scan_every_ms;
            let queued = self
                .db
                .write(move |conn| -> AppResult<usize> {
                    let queued = diesel::Connection::transaction(conn, |conn| {
                        scan(conn, &outbox, &family_id, now)
                    })?;
                    sql::finish(conn, &family_id, &claim, now, next)?;
                    Ok(queued)
                })
                .await?;
            if queued > 0 {
                tracing::info!(queued, "reminders queued");
                self.outbox.wake();
            }
        }
        Ok(count)
    }
}

/// Reads one family, works out what is due at `now_ms` and queues it. Returns how many
/// messages were queued.
pub fn scan(
    conn: &mut DbConnection,
    outbox: &Outbox,
    family_id: &str,
    now_ms: i64,
) -> AppResult<usize> {
    let now = to_utc(now_ms);
    let local = onsplan_shared::dutch_time::dutch_time(now);
    if due::quiet(local.hour()) {
        return Ok(0);
    }
    let Some(family_row) = families::find(conn, family_id)? else {
        return Ok(0);
    };
    let (family, contacts) = load(conn, family_id)?;
    let mut queued = 0;
    for item in due::due(&family, local.date_naive(), now) {
        let Some(contact) = contacts.get(&item.to) else {
            continue;
        };
        if !contact
            .settings
            .enabled(item.kind.setting(), contact.member.role)
        {
            continue;
        }
        if queue_one(
            conn,
            outbox,
            &family_row.name,
            family_id,
            contact,
            item,
            now_ms,
        )? {
            queued += 1;
        }
    }
    Ok(queued)
}

/// A member with what an email to them needs.
struct Contact {
    member: Member,
    email: String,
    locale: Locale,
    settings: Explicit,
}

fn load(
    conn: &mut DbConnection,
    family_id: &str,
) -> AppResult<(Family, HashMap<uuid::Uuid, Contact>)> {
    let mut family = Family::default();
    let mut contacts = HashMap::new();
    for (user_id, role, name, email, locale) in sql::member_contacts(conn, family_id)? {
        let member = Member {
            id: stored_id(&user_id, "member id")?,
            role: Role::parse(&role).ok_or_else(|| crate::db::corrupt("membership role"))?,
            name,
        };
        family.members.push(member.clone());
        contacts.insert(
            member.id,
            Contact {
                member,
                email,
                locale: Locale::parse(&locale).unwrap_or_default(),
                settings: Explicit::load(conn, &user_id)?,
            },
        );
    }
    for row in sections::list(conn, family_id, SHARED_SCOPE)? {
        let Some(kind) = SectionKind::parse(&row.kind) else {
            continue;
        };
        let visibility = parse_visibility(&row.visibility)?;
        family
            .sections
            .push((kind, visibility, row.updated_at.map(to_utc)));
        match kind {
            SectionKind::Agreements | SectionKind::Evaluation => {}
            _ => continue,
        }
        match parse_content(&row.content)? {
            SectionContent::Agreements(content) => family.agreements = Some((visibility, content)),
            SectionContent::Evaluation(content) => family.evaluation = Some((visibility, content)),
            _ => {}
        }
    }
    let grants: Vec<_> = grants::for_family(conn, family_id, None)?
        .into_iter()
        .filter(|g| g.activated_at.is_some() && g.revoked_at.is_none())
        .collect();
    let ids: Vec<String> = grants.iter().map(|g| g.professional_id.clone()).collect();
    let names: HashMap<String, String> = users::names(conn, &ids)?.into_iter().collect();
    family.grants = grants
        .into_iter()
        .map(|g| GrantFacts {
            professional: names.get(&g.professional_id).cloned().unwrap_or_default(),
            id: g.id,
            valid_until: to_utc(g.valid_until),
        })
        .collect();
    Ok((family, contacts))
}

/// Queues one message with its `reminders_sent` rows. A bundle keeps only the entries not
/// told before; an activity bundle waits while the reader had one in the last hour.
fn queue_one(
    conn: &mut DbConnection,
    outbox: &Outbox,
    family_name: &str,
    family_id: &str,
    to: &Contact,
    mut item: Due,
    now_ms: i64,
) -> AppResult<bool> {
    let user_id = to.member.id.to_string();
    let kind = item.kind.as_str();
    let mut fresh = Vec::new();
    let mut kept = Vec::new();
    for (index, (subject, on)) in item.keys.iter().enumerate() {
        let on = on.to_string();
        let sent = SentKey {
            user_id: &user_id,
            kind,
            subject,
            due_on: &on,
            family_id,
        };
        if !sql::was_sent(conn, &sent)? {
            fresh.push((subject.clone(), on));
            kept.push(index);
        }
    }
    if fresh.is_empty() {
        return Ok(false);
    }
    if item.kind == ReminderKind::Activity
        && sql::last_sent(conn, &user_id, kind)?.is_some_and(|at| at > now_ms - ACTIVITY_GAP_MS)
    {
        return Ok(false);
    }
    item.message.keep(&kept);
    record_and_queue(
        conn,
        outbox,
        family_name,
        family_id,
        to,
        &item,
        &fresh,
        now_ms,
    )
}

#[allow(clippy::too_many_arguments)]
fn record_and_queue(
    conn: &mut DbConnection,
    outbox: &Outbox,
    family_name: &str,
    family_id: &str,
    to: &Contact,
    item: &Due,
    keys: &[(String, String)],
    now_ms: i64,
) -> AppResult<bool> {
    let user_id = to.member.id.to_string();
    let outcome = diesel::Connection::transaction(conn, |conn| -> AppResult<bool> {
        let record = |conn: &mut DbConnection, email_id: Option<&str>| -> AppResult<()> {
            for (subject, on) in keys {
                let key = SentKey {
                    user_id: &user_id,
                    kind: item.kind.as_str(),
                    subject,
                    due_on: on,
                    family_id,
                };
                if !sql::record(conn, &key, email_id, now_ms)? {
                    return Err(diesel::result::Error::RollbackTransaction.into());
                }
            }
            Ok(())
        };
        if matches!(&item.message, Message::Weekly(word) if word.is_empty()) {
            // Nothing to say this week: decided, and no email.
            record(conn, None)?;
            return Ok(false);
        }
        let setting = item.kind.setting();
        let token = notifications::new_token(conn, &user_id, setting, now_ms)?;
        let unsubscribe = outbox.page(&onsplan_shared::routes::fill(
            onsplan_shared::routes::UNSUBSCRIBE,
            &[&token],
        ));
        let app_link = outbox.page("/");
        let rendered = render_message(
            to.locale,
            &item.message,
            &Addressing {
                name: &to.member.name,
                family: family_name,
                app_link: &app_link,
                unsubscribe_link: &unsubscribe,
            },
        );
        let mut email = Email::new(&to.email, rendered, app_link);
        email.unsubscribe = Some(unsubscribe);
        let kind = match item.kind {
            ReminderKind::WeeklyWord => EmailKind::WeeklyWord,
            _ => EmailKind::Reminder,
        };
        let email_id = outbox.queue_about(conn, kind, &email, family_id)?;
        record(conn, Some(&email_id))?;
        Ok(true)
    });
    match outcome {
        Ok(queued) => Ok(queued),
        Err(AppError::Internal(err))
            if matches!(
                err.downcast_ref::<diesel::result::Error>(),
                Some(diesel::result::Error::RollbackTransaction)
            ) =>
        {
            Ok(false)
        }
        Err(err) => Err(err),
    }
}
