//! Storage: one code path over SQLite and PostgreSQL. Owns the connection type, start-up
//! settings of each backend, migrations, and the `read`/`write` entry points the services use.
//!
//! SQLite: reads run on the calling thread on its own read-only connection ([`readers`]);
//! writes go to one writer thread that commits them in groups ([`writer`]): a burst of writes
//! costs one durable commit instead of one each, and writers never meet SQLite's busy handler
//! (which starves some and surfaces "database is locked").
//!
//! PostgreSQL: reads and writes run on a connection pool on blocking threads, each write in
//! its own transaction; row locks order the writers.

pub mod access_log;
pub mod access_requests;
pub mod agenda;
pub mod backup;
pub mod calendar_feeds;
pub mod comments;
pub mod erasure;
pub mod families;
pub mod grants;
pub mod invites;
pub mod links;
pub mod lock;
pub mod models;
pub mod notifications;
pub mod orgs;
pub mod outbox;
pub mod password_resets;
pub mod pending_registrations;
pub mod policy_changes;
pub mod rate_counters;
pub mod readers;
pub mod reminders;
pub mod schema;
pub mod sections;
pub mod sessions;
pub mod stored;
pub mod users;
pub mod versions;
pub mod writer;

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

/// SQLite's settings for the writer connection: a busy timeout first (as a backstop behind
/// the writer thread, and so the other settings never meet a lock), durable commits, foreign
/// keys.
const SQLITE_CONNECTION_PRAGMAS: &str = "PRAGMA busy_timeout = 15000; \
     PRAGMA synchronous = FULL; \
     PRAGMA foreign_keys = ON;";

/// Set once per database file, before the pool opens: WAL is a property of the file.
const SQLITE_FILE_PRAGMAS: &str = "PRAGMA journal_mode = WAL;";

fn establish(url: &DatabaseUrl) -> Result<DbConnection, diesel::r2d2::Error> {
    configure_sqlite();
    match url {
        DatabaseUrl::Sqlite(path) => {
            create_private_file(path).map_err(|err| {
                diesel::r2d2::Error::ConnectionError(diesel::ConnectionError::BadConnection(
                    format!("cannot create {path}: {err}"),
                ))
            })?;
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

/// The storage handle the services use. Cheap to clone.
#[derive(Clone)]
pub struct Db {
    backend: Backend,
    /// Durable commits made by the SQLite writer thread (each may carry many writes).
    groups: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

#[derive(Clone)]
enum Backend {
    Sqlite {
        readers: std::sync::Arc<readers::Readers>,
        writer: std::sync::mpsc::Sender<writer::Job>,
    },
    Postgres {
        pool: r2d2::Pool<ConnectionManager>,
    },
}

impl Db {
    /// Opens the database: on PostgreSQL a pool of at most `max_connections`, on SQLite the
    /// writer thread (readers open per thread on first use). Run [`migrate`] first.
    pub fn connect(url: &DatabaseUrl, max_connections: u32) -> Result<Self, DbError> {
        let groups = std::sync::Arc::default();
        let backend = match url {
            DatabaseUrl::Sqlite(path) => Backend::Sqlite {
                readers: readers::Readers::new(path),
                writer: writer::spawn(establish(url)?, std::sync::Arc::clone(&groups))?,
            },
            DatabaseUrl::Postgres(_) => Backend::Postgres {
                pool: r2d2::Pool::builder()
                    .max_size(max_connections)
                    // A PostgreSQL server may restart under an open connection.
                    .test_on_check_out(true)
                    .connection_timeout(Duration::from_secs(10))
                    .build(ConnectionManager { url: url.clone() })?,
            },
        };
        Ok(Self { backend, groups })
    }

    pub fn backend(&self) -> &'static str {
        match self.backend {
            Backend::Sqlite { .. } => "sqlite",
            Backend::Postgres { .. } => "postgres",
        }
    }

    /// How many group commits the SQLite writer has made so far (0 on PostgreSQL).
    pub fn write_groups(&self) -> u64 {
        self.groups.load(std::sync::atomic::Ordering::Relaxed)
    }

    /// Runs read-only work: on SQLite on this thread, on PostgreSQL on a blocking thread.
    pub async fn read<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + Send + 'static,
    {
        match &self.backend {
            Backend::Sqlite { readers, .. } => readers.run(work),
            Backend::Postgres { pool } => {
                let pool = pool.clone();
                run_blocking(move || work(&mut *pool.get().map_err(DbError::from)?)).await
            }
        }
    }

    /// Runs `work` in one transaction: all of it commits, or none of it when `work` returns an
    /// error. Returns only once the outcome is durable.
    pub async fn write<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + From<diesel::result::Error> + Send + 'static,
    {
        match &self.backend {
            Backend::Sqlite { writer, .. } => grouped_write(writer, work).await,
            Backend::Postgres { pool } => {
                let pool = pool.clone();
                run_blocking(move || {
                    let mut conn = pool.get().map_err(DbError::from)?;
                    let conn: &mut DbConnection = &mut conn;
                    conn.transaction(work)
                })
                .await
            }
        }
    }

    /// Runs `read`, then the write it returns (if any) in one transaction, and answers with
    /// the read's value only once that write is durable: "no log row, no answer". On SQLite
    /// the read runs on this thread and the write joins the writer thread's next group; on
    /// PostgreSQL both run on one pooled connection in one blocking task.
    pub async fn read_then_write<T, E, R, W>(&self, read: R) -> Result<T, E>
    where
        R: FnOnce(&mut DbConnection) -> Result<(T, Option<W>), E> + Send + 'static,
        W: FnOnce(&mut DbConnection) -> Result<(), E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + From<diesel::result::Error> + Send + 'static,
    {
        match &self.backend {
            Backend::Sqlite { readers, writer } => {
                let (value, write) = readers.run(read)?;
                if let Some(write) = write {
                    grouped_write(writer, write).await?;
                }
                Ok(value)
            }
            Backend::Postgres { pool } => {
                let pool = pool.clone();
                run_blocking(move || {
                    let mut conn = pool.get().map_err(DbError::from)?;
                    let conn: &mut DbConnection = &mut conn;
                    let (value, write) = read(conn)?;
                    if let Some(write) = write {
                        conn.transaction(write)?;
                    }
                    Ok(value)
                })
                .await
            }
        }
    }
}

/// Hands `work` to the SQLite writer thread and waits for its group's durable commit.
async fn grouped_write<T, E, F>(
    writer: &std::sync::mpsc::Sender<writer::Job>,
    work: F,
) -> Result<T, E>
where
    F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
    T: Send + 'static,
    E: From<DbError> + From<diesel::result::Error> + Send + 'static,
{
    let (answer, answered) = tokio::sync::oneshot::channel::<Result<T, E>>();
    let job: writer::Job = Box::new(move |conn: &mut DbConnection| {
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

/// Process-wide SQLite settings, made once before the first connection opens: no global
/// memory statistics. With them on (SQLite's default) every allocation of every connection
/// takes one process-wide mutex, which the profile showed as threads queueing on each other.
fn configure_sqlite() {
    static ONCE: std::sync::Once = std::sync::Once::new();
    ONCE.call_once(|| {
        // SAFETY: sqlite3_config is only allowed before SQLite initialises; later it returns
        // SQLITE_MISUSE and changes nothing, which is harmless (the statistics stay on).
        // SQLITE_CONFIG_MEMSTATUS takes one int argument.
        let _ = unsafe {
            libsqlite3_sys::sqlite3_config(
                libsqlite3_sys::SQLITE_CONFIG_MEMSTATUS,
                0 as std::ffi::c_int,
            )
        };
    });
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
            create_private_file(path)?;
            configure_sqlite();
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

/// Creates the SQLite file (and its folder) readable by the owner only before SQLite opens
/// it; SQLite then creates the `-wal` and `-shm` files with the same mode.
fn create_private_file(path: &str) -> std::io::Result<()> {
    let path = std::path::Path::new(path);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        crate::private_fs::create_dir(parent)?;
    }
    crate::private_fs::touch(path)
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

/// A stored value that does not read back into its type (an id that is no uuid, an unknown
/// role or section): the same error a column's own `FromSql` gives, so every unreadable row is
/// one kind of error, answered one way (500, no data).
pub fn corrupt(what: &str) -> diesel::result::Error {
    diesel::result::Error::DeserializationError(format!("stored {what} cannot be read").into())
}

/// Reads a stored id back into its type.
pub fn stored_id(value: &str, what: &str) -> Result<uuid::Uuid, diesel::result::Error> {
    value.parse().map_err(|_| corrupt(what))
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
                        "INSERT INTO rate_counters (scope, subject, window_start, expires_at, hits) \
                         VALUES ('test', '{i}', 0, 0, 1)"
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
                Ok(schema::rate_counters::table.count().get_result(conn)?)
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
