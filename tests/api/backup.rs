//! Backing up a running SQLite database and restoring it: the copy is consistent while the
//! server keeps writing, and a restored server has every save acknowledged before the backup
//! began.

use std::collections::HashSet;
use std::path::PathBuf;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use onsplan_server::db::backup::{backup, check_integrity, restore, sqlite_path};
use onsplan_server::db::DatabaseUrl;
use onsplan_shared::family::CreateFamilyRequest;
use onsplan_tests::{spawn_app, spawn_app_with, AppOptions, Backend, TestDatabase};

fn database_file(database: &TestDatabase) -> PathBuf {
    sqlite_path(&DatabaseUrl::parse(&database.url)).unwrap()
}

/// Waits until `count()` reaches `at_least`.
async fn until(what: &str, at_least: usize, count: impl Fn() -> usize) {
    let deadline = Instant::now() + Duration::from_secs(30);
    while count() < at_least {
        assert!(Instant::now() < deadline, "timed out waiting for {what}");
        tokio::time::sleep(Duration::from_millis(10)).await;
    }
}

#[tokio::test]
async fn a_backup_under_steady_writes_restores_every_save_acknowledged_before_it_began() {
    if onsplan_tests::backend() != Backend::Sqlite {
        println!("note: PostgreSQL is backed up with pg_dump; skipped on PostgreSQL");
        return;
    }
    let app = spawn_app().await;
    let parent = app.register("Reserve").await;

    // A steady stream of saves, each noted with the moment its answer arrived.
    let acknowledged: Arc<Mutex<Vec<(Instant, String)>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let writer = {
        let (client, acknowledged, stop) =
            (parent.client.clone(), acknowledged.clone(), stop.clone());
        tokio::spawn(async move {
            let mut i = 0;
            while !stop.load(Ordering::Relaxed) {
                let name = format!("Familie {i:05}");
                client
                    .create_family(&CreateFamilyRequest { name: name.clone() })
                    .await
                    .unwrap();
                acknowledged.lock().unwrap().push((Instant::now(), name));
                i += 1;
            }
        })
    };
    let saved = || acknowledged.lock().unwrap().len();
    until("the first saves", 20, saved).await;

    let target = app.database.data_dir.join("backup.sqlite3");
    let began = Instant::now();
    let during = saved();
    let (database, copy) = (database_file(&app.database), target.clone());
    tokio::task::spawn_blocking(move || backup(&database, &copy))
        .await
        .unwrap()
        .unwrap();
    until("saves after the backup", saved() + 10, saved).await;
    // An existing file is never overwritten.
    let again = backup(&database_file(&app.database), &target).unwrap_err();
    assert!(format!("{again:#}").contains("must not exist"), "{again:#}");
    stop.store(true, Ordering::Relaxed);
    writer.await.unwrap();
    assert!(
        saved() > during,
        "the writes did not go on during the backup"
    );

    // A running server's database is not replaced.
    let refused = restore(&database_file(&app.database), &target).unwrap_err();
    assert!(
        format!("{refused:#}").contains("stop the server"),
        "{refused:#}"
    );

    let fresh = Arc::new(TestDatabase::create());
    restore(&database_file(&fresh), &target).unwrap();
    check_integrity(&database_file(&fresh)).unwrap();
    let restored = spawn_app_with(AppOptions {
        database: Some(fresh),
        ..AppOptions::default()
    })
    .await;
    let person = restored.login(&parent.me.email).await;
    let names: HashSet<String> = person
        .client
        .families()
        .await
        .unwrap()
        .into_iter()
        .map(|family| family.name)
        .collect();
    let before: Vec<String> = acknowledged
        .lock()
        .unwrap()
        .iter()
        .filter(|(at, _)| *at < began)
        .map(|(_, name)| name.clone())
        .collect();
    assert!(before.len() >= 20);
    for name in &before {
        assert!(
            names.contains(name),
            "{name} was acknowledged before the backup but is lost"
        );
    }
}
