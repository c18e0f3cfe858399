//! Reminders and the weekly word: the rules of what is due (`due`), their texts (`texts`) and
//! the scheduler that runs on every instance (`scheduler`), finds due work in the database
//! and queues email through the outbox, exactly once.

pub mod due;
pub mod scheduler;
pub mod texts;

use chrono::{DateTime, NaiveDate, Utc};

/// The Dutch calendar day of a moment (Europe/Amsterdam).
pub fn local_date(at: DateTime<Utc>) -> NaiveDate {
    onsplan_shared::dutch_time::dutch_time(at).date_naive()
}
