//! Helpers for tests of reminders: servers with a movable clock, Dutch local times as clock
//! values, moving every instance's clock at once and waiting until the schedulers have
//! scanned every family at that time and the outbox is empty.

use std::time::{Duration, Instant};

use chrono::{NaiveDate, TimeZone, Utc};
use onsplan_server::email::Email;

use crate::{AppOptions, TestApp};

/// Options for a server whose clock the test moves; emails go to `smtp_url` when given.
pub fn options(smtp_url: Option<String>) -> AppOptions {
    AppOptions {
        smtp_url,
        env: vec![
            ("ONSPLAN_TEST_CLOCK", "1".to_string()),
            ("ONSPLAN_REMINDER_POLL_MS", "1000".to_string()),
            ("ONSPLAN_REMINDER_SCAN_MS", "60000".to_string()),
        ],
        ..AppOptions::default()
    }
}

/// The clock value (ms since the epoch) of Dutch local time `hour:minute` on `day`.
pub fn local(day: NaiveDate, hour: u32, minute: u32) -> i64 {
    let naive = day.and_hms_opt(hour, minute, 0).expect("a real time");
    for offset in [2, 1] {
        let utc = Utc.from_utc_datetime(&(naive - chrono::Duration::hours(offset)));
        let back = onsplan_shared::dutch_time::dutch_time(utc);
        if back.naive_local() == naive {
            return utc.timestamp_millis();
        }
    }
    panic!("{naive} does not exist in Dutch time");
}

/// Sets every instance's clock to `at`.
pub fn set_clock(apps: &[&TestApp], at: i64) {
    for app in apps {
        app.clock.set(at).expect("the test clock moves");
    }
}

/// Waits until every family was scanned at `at` or later and no email waits in the outbox.
pub async fn drain(app: &TestApp, at: i64) {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        let unscanned = app.sql_count(&format!(
            "SELECT COUNT(*) AS n FROM families f WHERE NOT EXISTS (SELECT 1 FROM reminder_scans s \
             WHERE s.family_id = f.id AND s.scanned_at >= {at})"
        ));
        let queued =
            app.sql_count("SELECT COUNT(*) AS n FROM email_outbox WHERE status = 'queued'");
        if unscanned == 0 && queued == 0 {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "the schedulers did not finish at {at}: {unscanned} families unscanned, {queued} emails queued"
        );
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

/// Moves every instance's clock to `at` and waits for the work due then.
pub async fn step(apps: &[&TestApp], at: i64) {
    set_clock(apps, at);
    drain(apps[0], at).await;
}

/// Every reminder email queued so far (sent or not), opened, with its outbox kind.
pub async fn queued(app: &TestApp) -> Vec<(String, Email)> {
    use diesel::prelude::*;
    use onsplan_server::db::models::OutboxRow;
    use onsplan_server::db::schema::email_outbox as ob;
    let rows: Vec<OutboxRow> = app
        .db
        .read(move |conn| -> Result<_, onsplan_server::errors::AppError> {
            Ok(ob::table
                .filter(ob::kind.eq_any(["reminder", "weekly_word"]))
                .order(ob::created_at.asc())
                .select(OutboxRow::as_select())
                .load::<OutboxRow>(conn)?)
        })
        .await
        .expect("outbox is read");
    rows.iter()
        .map(|row| {
            let plain = app
                .sealer
                .open(&row.id, &row.sealed)
                .expect("sealed email opens");
            (
                row.kind.clone(),
                serde_json::from_slice(&plain).expect("an email"),
            )
        })
        .collect()
}

/// The token at the end of an unsubscribe address.
pub fn unsubscribe_token(email: &Email) -> String {
    email
        .unsubscribe
        .as_deref()
        .expect("the email has an unsubscribe address")
        .rsplit('/')
        .next()
        .unwrap()
        .to_string()
}

/// Every recorded reminder that was an email: (user id, kind, clock time it was queued).
pub async fn sent_rows(app: &TestApp) -> Vec<(String, String, i64)> {
    use diesel::prelude::*;
    use onsplan_server::db::schema::reminders_sent as rs;
    app.db
        .read(move |conn| -> Result<_, onsplan_server::errors::AppError> {
            Ok(rs::table
                .filter(rs::email_id.is_not_null())
                .order(rs::sent_at.asc())
                .select((rs::user_id, rs::kind, rs::sent_at))
                .load::<(String, String, i64)>(conn)?)
        })
        .await
        .expect("reminders are read")
}
