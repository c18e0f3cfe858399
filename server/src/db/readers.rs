//! SQLite reads on the calling thread. Each thread keeps one read-only connection per open
//! database and runs a read on it directly: a plan read is tens of microseconds of SQLite work,
//! and handing it to a blocking thread pool (two thread switches, a pool checkout) cost more
//! than the read itself. In WAL mode a reader never waits for the writer, and the database
//! file lives in the page cache, so a read holds an async worker no longer than the JSON work
//! around it. Every read starts from the latest commit: nothing is cached between requests.
//!
//! The connections are `query_only`: a write slipped into a read fails instead of bypassing the
//! writer thread. A thread drops its connection to a database once that database is closed
//! (every [`super::Db`] clone dropped) and the thread reads again, or when the thread ends.

use std::cell::RefCell;
use std::sync::{Arc, Weak};

use diesel::connection::SimpleConnection;
use diesel::r2d2::R2D2Connection;
use diesel::sqlite::SqliteConnection;
use diesel::Connection;

use super::{DbConnection, DbError};

/// Settings of a read connection: wait rather than fail on a rare WAL-index lock, and refuse
/// writes.
const READER_PRAGMAS: &str = "PRAGMA busy_timeout = 15000; PRAGMA query_only = ON;";

/// The read side of one SQLite database.
pub struct Readers {
    path: String,
}

thread_local! {
    /// This thread's idle read connections, each with the database it belongs to.
    static IDLE: RefCell<Vec<(Weak<Readers>, DbConnection)>> = const { RefCell::new(Vec::new()) };
}

impl Readers {
    pub fn new(path: &str) -> Arc<Self> {
        Arc::new(Self {
            path: path.to_string(),
        })
    }

    /// Runs `work` on this thread's read connection to the database.
    pub fn run<T, E, F>(self: &Arc<Self>, work: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E>,
        E: From<DbError>,
    {
        let mut conn = match self.take_idle() {
            Some(conn) => conn,
            None => self.open()?,
        };
        let result = work(&mut conn);
        if !conn.is_broken() {
            self.put_back(conn);
        }
        result
    }

    fn open(&self) -> Result<DbConnection, DbError> {
        let mut conn = SqliteConnection::establish(&self.path)
            .map_err(|err| DbError::Connect(diesel::r2d2::Error::ConnectionError(err)))?;
        conn.batch_execute(READER_PRAGMAS)?;
        Ok(DbConnection::Sqlite(conn))
    }

    /// Takes this thread's idle connection to this database, dropping those of closed ones.
    fn take_idle(self: &Arc<Self>) -> Option<DbConnection> {
        IDLE.try_with(|idle| {
            let mut idle = idle.borrow_mut();
            idle.retain(|(owner, _)| owner.strong_count() > 0);
            let at = idle
                .iter()
                .position(|(owner, _)| std::ptr::eq(owner.as_ptr(), Arc::as_ptr(self)))?;
            Some(idle.swap_remove(at).1)
        })
        .ok()
        .flatten()
    }

    fn put_back(self: &Arc<Self>, conn: DbConnection) {
        // During thread teardown the list is gone; the connection then just closes.
        let _ = IDLE.try_with(|idle| idle.borrow_mut().push((Arc::downgrade(self), conn)));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use diesel::RunQueryDsl;

    #[test]
    fn a_read_connection_refuses_writes_and_is_reused_on_its_thread() {
        let dir = std::env::temp_dir().join(format!("onsplan-readers-{}", super::super::new_id()));
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join("r.sqlite3").display().to_string();
        let readers = Readers::new(&path);
        let write = readers.run(|conn| -> Result<usize, DbError> {
            Ok(diesel::sql_query("CREATE TABLE t (x INTEGER)").execute(conn)?)
        });
        assert!(write.is_err(), "a read connection accepted a write");
        readers.run(|_| -> Result<(), DbError> { Ok(()) }).unwrap();
        let idle = IDLE.with(|idle| idle.borrow().len());
        assert_eq!(idle, 1, "the connection was not kept for the next read");
        drop(readers);
        let other = Readers::new(&path);
        other.run(|_| -> Result<(), DbError> { Ok(()) }).unwrap();
        let idle = IDLE.with(|idle| idle.borrow().len());
        assert_eq!(idle, 1, "a closed database's connection was kept");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
