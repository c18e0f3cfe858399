//! The SQLite writer thread: every write of the process goes to one connection that commits
//! the writes waiting at that moment together. It takes every write queued, runs each in its
//! own savepoint inside one `BEGIN IMMEDIATE` transaction, commits once (one fsync with
//! `synchronous=FULL`), and only then answers each of them. A write that fails rolls back to
//! its savepoint and leaves the others alone; a write that panics rolls back its whole group.

use super::{DbConnection, DbError};

/// Answers one grouped write once its group's commit is known.
pub type Delivery = Box<dyn FnOnce(Result<(), String>) + Send>;
/// One write for the SQLite writer thread.
pub type Job = Box<dyn FnOnce(&mut DbConnection) -> Delivery + Send>;

/// Most writes committed together.
const MAX_GROUP: usize = 256;

/// Starts the SQLite writer thread on its own connection.
pub fn spawn(
    mut conn: DbConnection,
    groups: std::sync::Arc<std::sync::atomic::AtomicU64>,
) -> Result<std::sync::mpsc::Sender<Job>, DbError> {
    let (sender, jobs) = std::sync::mpsc::channel::<Job>();
    std::thread::Builder::new()
        .name("sqlite-writer".into())
        .spawn(move || {
            while let Ok(first) = jobs.recv() {
                let mut group = vec![first];
                while group.len() < MAX_GROUP {
                    match jobs.try_recv() {
                        Ok(job) => group.push(job),
                        Err(_) => break,
                    }
                }
                commit_group(&mut conn, group);
                groups.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
            }
        })
        .map_err(|err| DbError::Task(err.to_string()))?;
    Ok(sender)
}

/// Runs a group of writes in one immediate transaction and answers each after the commit.
fn commit_group(conn: &mut DbConnection, group: Vec<Job>) {
    use diesel::connection::{AnsiTransactionManager, TransactionManager};
    let DbConnection::Sqlite(sqlite) = conn else {
        unreachable!("the writer thread only runs on SQLite");
    };
    if let Err(err) = AnsiTransactionManager::begin_transaction_sql(sqlite, "BEGIN IMMEDIATE") {
        // Dropping the jobs answers each waiting write with an error; nothing ran.
        tracing::warn!(error = %err, "could not start a write group");
        return;
    }
    let mut panicked = false;
    let deliveries: Vec<Delivery> = group
        .into_iter()
        .filter_map(|job| {
            // A panicking write answers nothing (its caller sees the write dropped), and the
            // whole group rolls back: its savepoint may still be open.
            let delivery = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| job(conn)));
            panicked |= delivery.is_err();
            delivery.ok()
        })
        .collect();
    let DbConnection::Sqlite(sqlite) = conn else {
        unreachable!("the writer thread only runs on SQLite");
    };
    let committed = if panicked {
        tracing::error!("a write panicked; its whole group was rolled back");
        let _ = AnsiTransactionManager::rollback_transaction(sqlite);
        Err("a write in the same group failed".to_string())
    } else {
        AnsiTransactionManager::commit_transaction(sqlite).map_err(|err| {
            let _ = AnsiTransactionManager::rollback_transaction(sqlite);
            err.to_string()
        })
    };
    tracing::trace!(writes = deliveries.len(), "write group committed");
    for deliver in deliveries {
        deliver(committed.clone());
    }
}
