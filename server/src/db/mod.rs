//! Storage: one code path over SQLite and PostgreSQL. Owns the connection type, the pool,
//! start-up settings of each backend, migrations, and the `read`/`write` entry points that run
//! diesel work off the async workers.
//!
//! Writes on SQLite go to one writer thread that commits them in groups: it takes every write
//! waiting, runs each in its own savepoint inside one `BEGIN IMMEDIATE` transaction, commits
//! once (one fsync with `synchronous=FULL`), and only then answers each of them. A write that
//! fails rolls back to its savepoint and leaves the others alone. Writers never meet SQLite's
//! busy handler (which starves some and surfaces "database is locked"), and a burst of
//! writes costs one durable commit instead of one each. PostgreSQL runs each write in its own
//! transaction on the pool: row locks order the writers.

pub mod access_log;
pub mod access_requests;
pub mod comments;
pub mod families;
pub mod grants;
pub mod invites;
pub mod links;
pub mod login_failures;
pub mod models;
pub mod orgs;
pub mod outbox;
pub mod password_resets;
pub mod schema;
pub mod sections;
pub mod sessions;
pub mod users;

use std::time::Duration;

use diesel::connection::SimpleConnection;
use diesel::pg::PgConnection;
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, RunQueryDsl};
use diesel_migrations::{embed_migrations, EmbeddedMigrations, MigrationHarness};

pub const MIGRATIONS: EmbeddedMigrations = embed_migrations!("../migrations");

/// A connection to either backend; queries are written once against it.
#[derive(diesel::MultiConnection)]
pub enum DbConnection {
    Postgresql(PgConnection),
    Sqlite(SqliteConnection),
}

/// Which database a URL points at.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum DatabaseUrl {
    /// A file path.
    Sqlite(String),
    /// A `postgres://` URL.
    Postgres(String),
}

impl DatabaseUrl {
    /// `postgres://` and `postgresql://` select PostgreSQL; `sqlite://PATH`, `sqlite:PATH` or a
    /// bare path select SQLite.
    pub fn parse(url: &str) -> Self {
        if url.starts_with("postgres://") || url.starts_with("postgresql://") {
            return DatabaseUrl::Postgres(url.to_string());
        }
        let path = url
            .strip_prefix("sqlite://")
            .or_else(|| url.strip_prefix("sqlite:"))
            .unwrap_or(url);
        DatabaseUrl::Sqlite(path.to_string())
    }

    pub fn backend_name(&self) -> &'static str {
        match self {
            DatabaseUrl::Sqlite(_) => "sqlite",
            DatabaseUrl::Postgres(_) => "postgres",
        }
    }
}

/// SQLite's settings for every connection: a busy timeout first (as a backstop behind the
/// write gate, and so the other settings never meet a lock), durable commits, foreign keys.
const SQLITE_CONNECTION_PRAGMAS: &str = "PRAGMA busy_timeout = 15000; \
     PRAGMA synchronous = FULL; \
     PRAGMA foreign_keys = ON;";

/// Set once per database file, before the pool opens: WAL is a property of the file.
const SQLITE_FILE_PRAGMAS: &str = "PRAGMA journal_mode = WAL;";

fn establish(url: &DatabaseUrl) -> Result<DbConnection, diesel::r2d2::Error> {
    match url {
        DatabaseUrl::Sqlite(path) => {
            let mut conn =
                SqliteConnection::establish(path).map_err(diesel::r2d2::Error::ConnectionError)?;
            conn.batch_execute(SQLITE_CONNECTION_PRAGMAS)
                .map_err(diesel::r2d2::Error::QueryError)?;
            Ok(DbConnection::Sqlite(conn))
        }
        DatabaseUrl::Postgres(url) => PgConnection::establish(url)
            .map(DbConnection::Postgresql)
            .map_err(diesel::r2d2::Error::ConnectionError),
    }
}

/// Opens connections of the configured backend, never guessing from the URL's shape.
pub struct ConnectionManager {
    url: DatabaseUrl,
}

impl r2d2::ManageConnection for ConnectionManager {
    type Connection = DbConnection;
    type Error = diesel::r2d2::Error;

    fn connect(&self) -> Result<DbConnection, Self::Error> {
        establish(&self.url)
    }

    fn is_valid(&self, conn: &mut DbConnection) -> Result<(), Self::Error> {
        use diesel::r2d2::R2D2Connection;
        conn.ping().map_err(diesel::r2d2::Error::QueryError)
    }

    fn has_broken(&self, conn: &mut DbConnection) -> bool {
        use diesel::r2d2::R2D2Connection;
        std::thread::panicking() || conn.is_broken()
    }
}

/// Why storage work failed.
#[derive(Debug, thiserror::Error)]
pub enum DbError {
    #[error("no database connection available: {0}")]
    Pool(#[from] r2d2::Error),
    #[error("query failed: {0}")]
    Query(#[from] diesel::result::Error),
    #[error("storage task did not finish: {0}")]
    Task(String),
    #[error("commit failed: {0}")]
    Commit(String),
    #[error("the write was dropped before it finished")]
    Dropped,
    #[error("cannot open the database: {0}")]
    Connect(#[from] diesel::r2d2::Error),
}

/// Answers one grouped write once its group's commit is known.
type Delivery = Box<dyn FnOnce(Result<(), String>) + Send>;
/// One write for the SQLite writer thread.
type Job = Box<dyn FnOnce(&mut DbConnection) -> Delivery + Send>;

/// Most writes committed together.
const MAX_GROUP: usize = 256;

/// The storage handle the services use. Cheap to clone.
#[derive(Clone)]
pub struct Db {
    pool: r2d2::Pool<ConnectionManager>,
    writer: Option<std::sync::mpsc::Sender<Job>>,
    /// Durable commits made by the SQLite writer thread (each may carry many writes).
    groups: std::sync::Arc<std::sync::atomic::AtomicU64>,
    backend: &'static str,
}

impl Db {
    /// Opens a pool. Run [`migrate`] first.
    pub fn connect(url: &DatabaseUrl, max_connections: u32) -> Result<Self, DbError> {
        let pool = r2d2::Pool::builder()
            .max_size(max_connections)
            // A local SQLite file does not go away under an open connection; a PostgreSQL
            // server may restart, so its connections are checked before use.
            .test_on_check_out(matches!(url, DatabaseUrl::Postgres(_)))
            .connection_timeout(Duration::from_secs(10))
            .build(ConnectionManager { url: url.clone() })?;
        let groups = std::sync::Arc::default();
        let writer = match url {
            DatabaseUrl::Sqlite(_) => Some(spawn_writer(
                establish(url)?,
                std::sync::Arc::clone(&groups),
            )?),
            DatabaseUrl::Postgres(_) => None,
        };
        Ok(Self {
            pool,
            writer,
            groups,
            backend: url.backend_name(),
        })
    }

    pub fn backend(&self) -> &'static str {
        self.backend
    }

    /// How many group commits the SQLite writer has made so far (0 on PostgreSQL).
    pub fn write_groups(&self) -> u64 {
        self.groups.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Runs read-only work on a blocking thread.
    pub async fn read<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        let pool = self.pool.clone();
        run_blocking(move || {
            let mut conn = pool.get().map_err(DbError::from)?;
            work(&mut conn)
        })
        .await
    }

    /// Runs `work` in one transaction: all of it commits, or none of it when `work` returns an
    /// error. Returns only once the outcome is durable.
    pub async fn write<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + From<diesel::result::Error> + Send + 'static,
    {
        let Some(writer) = &self.writer else {
            let pool = self.pool.clone();
            return run_blocking(move || {
                let mut conn = pool.get().map_err(DbError::from)?;
                let conn: &mut DbConnection = &mut conn;
                conn.transaction(work)
            })
            .await;
        };
        let (answer, answered) = tokio::sync::oneshot::channel::<Result<T, E>>();
        let job: Job = Box::new(move |conn: &mut DbConnection| {
            // A savepoint inside the group's transaction.
            let outcome = conn.transaction(work);
            Box::new(move |committed: Result<(), String>| {
                let result = match (outcome, committed) {
                    (Ok(value), Ok(())) => Ok(value),
                    (Ok(_), Err(commit)) => Err(DbError::Commit(commit).into()),
                    (Err(err), _) => Err(err),
                };
                let _ = answer.send(result);
            })
        });
        writer
            .send(job)
            .map_err(|_| DbError::Task("the writer thread has stopped".into()))?;
        answered.await.map_err(|_| DbError::Dropped)?
    }
}

/// Starts the SQLite writer thread on its own connection.
fn spawn_writer(
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

async fn run_blocking<T, E, F>(work: F) -> Result<T, E>
where
    F: FnOnce() -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: From<DbError> + Send + 'static,
{
    match tokio::task::spawn_blocking(work).await {
        Ok(result) => result,
        Err(join) => Err(DbError::Task(join.to_string()).into()),
    }
}

/// Runs every pending migration. On PostgreSQL an advisory lock makes instances that start
/// together take turns.
pub fn migrate(url: &DatabaseUrl) -> anyhow::Result<Vec<String>> {
    let applied = match url {
        DatabaseUrl::Sqlite(path) => {
            if let Some(parent) = std::path::Path::new(path).parent() {
                if !parent.as_os_str().is_empty() {
                    std::fs::create_dir_all(parent)?;
                }
            }
            let mut conn = SqliteConnection::establish(path)?;
            conn.batch_execute(SQLITE_CONNECTION_PRAGMAS)?;
            conn.batch_execute(SQLITE_FILE_PRAGMAS)?;
            run_migrations(&mut conn)?
        }
        DatabaseUrl::Postgres(url) => {
            let mut conn = PgConnection::establish(url)?;
            diesel::sql_query("SELECT pg_advisory_lock(7010001)").execute(&mut conn)?;
            let result = run_migrations(&mut conn);
            diesel::sql_query("SELECT pg_advisory_unlock(7010001)").execute(&mut conn)?;
            result?
        }
    };
    Ok(applied)
}

fn run_migrations<C>(conn: &mut C) -> anyhow::Result<Vec<String>>
where
    C: MigrationHarness<C::Backend> + Connection,
{
    let applied = conn
        .run_pending_migrations(MIGRATIONS)
        .map_err(|err| anyhow::anyhow!("migration failed: {err}"))?;
    Ok(applied.iter().map(ToString::to_string).collect())
}

/// Milliseconds since the Unix epoch, the storage format of every time.
pub fn now_ms() -> i64 {
    chrono::Utc::now().timestamp_millis()
}

/// Converts a stored time back to a UTC timestamp for the wire.
pub fn to_utc(ms: i64) -> chrono::DateTime<chrono::Utc> {
    chrono::DateTime::from_timestamp_millis(ms).unwrap_or_default()
}

/// A new random id.
pub fn new_id() -> String {
    uuid::Uuid::new_v4().to_string()
}

/// True when an error is a broken unique constraint (a lost race on insert).
pub fn is_unique_violation(err: &diesel::result::Error) -> bool {
    matches!(
        err,
        diesel::result::Error::DatabaseError(diesel::result::DatabaseErrorKind::UniqueViolation, _)
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn concurrent_sqlite_writes_share_durable_commits_and_all_land() {
        let dir = std::env::temp_dir().join(format!("onsplan-db-{}", new_id()));
        let url = DatabaseUrl::Sqlite(dir.join("t.sqlite3").display().to_string());
        migrate(&url).unwrap();
        let db = Db::connect(&url, 4).unwrap();
        let writes = (0..64).map(|i| {
            let db = db.clone();
            async move {
                db.write(move |conn| -> Result<(), DbError> {
                    diesel::sql_query(format!(
                        "INSERT INTO login_failures (id, subject, failed_at) VALUES ('{i}', 'test', {i})"
                    ))
                    .execute(conn)?;
                    Ok(())
                })
                .await
            }
        });
        for result in futures_util::future::join_all(writes).await {
            result.unwrap();
        }
        let stored: i64 = db
            .read(|conn| -> Result<i64, DbError> {
                use diesel::prelude::*;
                Ok(schema::login_failures::table.count().get_result(conn)?)
            })
            .await
            .unwrap();
        assert_eq!(stored, 64);
        assert!(
            db.write_groups() < 64,
            "every write paid its own commit: {}",
            db.write_groups()
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn urls_select_their_backend() {
        assert_eq!(
            DatabaseUrl::parse("postgres://postgres@127.0.0.1/x"),
            DatabaseUrl::Postgres("postgres://postgres@127.0.0.1/x".into())
        );
        assert_eq!(
            DatabaseUrl::parse("sqlite://data/onsplan.sqlite3"),
            DatabaseUrl::Sqlite("data/onsplan.sqlite3".into())
        );
        assert_eq!(
            DatabaseUrl::parse("data/x.db"),
            DatabaseUrl::Sqlite("data/x.db".into())
        );
    }
}
