//! Queuing email in the caller's transaction: the message is rendered, sealed and inserted as
//! an outbox row, so it is committed together with the change that causes it (and vanishes
//! with it on rollback). The worker wakes up at once on this instance; other instances find the
//! row on their next poll.

use std::sync::Arc;

use tokio::sync::Notify;

use super::seal::Sealer;
use super::Email;
use crate::db::models::OutboxRow;
use crate::db::{new_id, now_ms, outbox, DbConnection};

/// What kind of message a row holds (kept in clear for operators; no personal data).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum EmailKind {
    Invite,
    PasswordReset,
    AccountActivation,
    AccessRequest,
    PolicyChange,
    MemberRemoved,
    Registration,
    AddressTaken,
    DeletionAsked,
    FamilyDeleted,
    /// A reminder of something due (a commitment, a review, a grant, a relative's deed).
    Reminder,
    WeeklyWord,
}

impl EmailKind {
    pub fn as_str(self) -> &'static str {
        match self {
            EmailKind::Invite => "invite",
            EmailKind::PasswordReset => "password_reset",
            EmailKind::AccountActivation => "account_activation",
            EmailKind::AccessRequest => "access_request",
            EmailKind::PolicyChange => "policy_change",
            EmailKind::MemberRemoved => "member_removed",
            EmailKind::Registration => "registration",
            EmailKind::AddressTaken => "address_taken",
            EmailKind::DeletionAsked => "deletion_asked",
            EmailKind::FamilyDeleted => "family_deleted",
            EmailKind::Reminder => "reminder",
            EmailKind::WeeklyWord => "weekly_word",
        }
    }
}

/// The outbox as the services see it. Cheap to clone.
#[derive(Debug, Clone)]
pub struct Outbox {
    sealer: Sealer,
    public_url: String,
    wakeup: Arc<Notify>,
}

impl Outbox {
    pub fn new(sealer: Sealer, public_url: &str) -> Self {
        Self {
            sealer,
            public_url: public_url.trim_end_matches('/').to_string(),
            wakeup: Arc::new(Notify::new()),
        }
    }

    /// The app page `page` with the token in the fragment, which browsers never send to a
    /// server, so the token stays out of access logs and `Referer` headers.
    pub fn link(&self, page: &str, token: &str) -> String {
        format!("{}{page}#{token}", self.public_url)
    }

    /// An app page without a token, for emails that only ask someone to log in.
    pub fn page(&self, page: &str) -> String {
        format!("{}{page}", self.public_url)
    }

    /// Inserts `email` sealed, in the caller's transaction. Call [`Outbox::wake`] after commit.
    pub fn queue(
        &self,
        conn: &mut DbConnection,
        kind: EmailKind,
        email: &Email,
    ) -> diesel::QueryResult<String> {
        self.insert(conn, kind, email, None)
    }

    /// Like [`Outbox::queue`], for email about the family `family_id`: deleting the family
    /// deletes it too, queued or sent.
    pub fn queue_about(
        &self,
        conn: &mut DbConnection,
        kind: EmailKind,
        email: &Email,
        family_id: &str,
    ) -> diesel::QueryResult<String> {
        self.insert(conn, kind, email, Some(family_id))
    }

    fn insert(
        &self,
        conn: &mut DbConnection,
        kind: EmailKind,
        email: &Email,
        family_id: Option<&str>,
    ) -> diesel::QueryResult<String> {
        let id = new_id();
        let plain = serde_json::to_vec(email).expect("an email always serialises");
        let now = now_ms();
        outbox::insert(
            conn,
            &OutboxRow {
                id: id.clone(),
                kind: kind.as_str().to_string(),
                sealed: self.sealer.seal(&id, &plain),
                status: outbox::QUEUED.to_string(),
                attempts: 0,
                next_attempt_at: now,
                claimed_by: None,
                claimed_until: None,
                last_error: None,
                created_at: now,
                sent_at: None,
                family_id: family_id.map(str::to_string),
            },
        )?;
        Ok(id)
    }

    /// Tells this instance's worker that a message was committed.
    pub fn wake(&self) {
        self.wakeup.notify_one();
    }

    pub(crate) fn wakeup(&self) -> Arc<Notify> {
        self.wakeup.clone()
    }

    /// Opens a claimed row's message.
    pub(crate) fn open(&self, row: &OutboxRow) -> anyhow::Result<Email> {
        Ok(serde_json::from_slice(
            &self.sealer.open(&row.id, &row.sealed)?,
        )?)
    }
}
