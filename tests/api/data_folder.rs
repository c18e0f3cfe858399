//! The data folder: what the server writes there is readable by its own user only, and one
//! SQLite database serves one server at a time.

use std::os::unix::fs::PermissionsExt;
use std::path::Path;

use onsplan_server::startup::Application;
use onsplan_shared::family::Role;
use onsplan_tests::{settings_for, spawn_app, spawn_app_with, unique_email, AppOptions, Backend};

use crate::invites::invitation;

fn mode(path: &Path) -> u32 {
    std::fs::metadata(path)
        .unwrap_or_else(|err| panic!("{}: {err}", path.display()))
        .permissions()
        .mode()
        & 0o777
}

#[tokio::test]
async fn the_database_its_wal_and_the_mail_folder_are_readable_by_the_owner_only() {
    let app = spawn_app().await;
    let parent = app.register("Slot").await;
    let family = app.family_of(&parent, "Familie Slot").await.id;
    let email = unique_email("privé");
    parent
        .client
        .invite(family, &invitation(&email, Role::Relative, "Kom erbij"))
        .await
        .unwrap();
    app.file_email_to(&email).await;

    let data = &app.database.data_dir;
    if onsplan_tests::backend() == Backend::Sqlite {
        for file in [
            "onsplan.sqlite3",
            "onsplan.sqlite3-wal",
            "onsplan.sqlite3-shm",
        ] {
            assert_eq!(mode(&data.join(file)), 0o600, "{file}");
        }
    }
    assert_eq!(mode(&data.join("mail")), 0o700);
    let emails: Vec<_> = std::fs::read_dir(data.join("mail"))
        .unwrap()
        .map(|entry| entry.unwrap().path())
        .collect();
    assert!(!emails.is_empty());
    for email in emails {
        assert_eq!(mode(&email), 0o600, "{}", email.display());
    }
}

#[tokio::test]
async fn a_second_server_on_the_same_sqlite_database_refuses_to_start_until_the_first_stops() {
    if onsplan_tests::backend() != Backend::Sqlite {
        println!("note: only a SQLite file is locked to one server; skipped on PostgreSQL");
        return;
    }
    let first = spawn_app().await;
    let database = first.database.clone();
    let refused = Application::build(settings_for(&database, AppOptions::default())).await;
    let err = match refused {
        Ok(_) => panic!("a second server started on the same SQLite database"),
        Err(err) => err.to_string(),
    };
    assert!(
        err.contains("another Ons Plan server is already using the database"),
        "{err}"
    );
    // The first still serves.
    first.register("Eerste").await;

    drop(first);
    let second = spawn_app_with(AppOptions {
        database: Some(database),
        ..AppOptions::default()
    })
    .await;
    second.register("Tweede").await;
}
