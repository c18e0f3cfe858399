//! End-to-end API tests: each test starts the real server on a random port with its own fresh
//! database (SQLite by default, PostgreSQL with `ONSPLAN_TEST_BACKEND=postgres`) and talks to
//! it over HTTP, mostly through the typed client in `onsplan-shared`.

mod agenda;
mod auth;
mod authz;
mod backup;
mod bad_input;
mod behind_a_proxy;
mod calendar;
mod commitments;
mod concurrency;
mod consent;
mod data_folder;
mod erasure;
mod families;
mod family_file;
mod invites;
mod members;
mod notifications;
mod outbox;
mod password_reset;
mod pdf_export;
mod registration;
mod release_data;
mod reminders;
mod routes;
mod sections;
mod sessions;
mod tokens;
mod unlinking;
mod versions;
