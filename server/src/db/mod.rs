//! Storage: one code path over SQLite and PostgreSQL. Owns the connection type, the pool,
//! start-up settings of each backend, migrations, and the `read`/`write` entry points that run
//! diesel work off the async workers.
//!
//! Writes on SQLite pass through one in-process gate, so concurrent writers queue fairly in
//! the server instead of spinning on SQLite's busy handler (which starves some of them and can
//! surface "database is locked"). PostgreSQL needs no gate: row locks order the writers.

pub mod access_log;
pub mod families;
pub mod invites;
pub mod login_failures;
pub mod models;
pub mod outbox;
pub mod password_resets;
pub mod schema;
pub mod sections;
pub mod sessions;
pub mod users;

use std::sync::{Arc, Mutex};
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
}

/// The storage handle the services use. Cheap to clone.
#[derive(Clone)]
pub struct Db {
    pool: r2d2::Pool<ConnectionManager>,
    write_gate: Option<Arc<Mutex<()>>>,
    backend: &'static str,
}

impl Db {
    /// Opens a pool. Run [`migrate`] first.
    pub fn connect(url: &DatabaseUrl, max_connections: u32) -> Result<Self, DbError> {
        let pool = r2d2::Pool::builder()
            .max_size(max_connections)
            .connection_timeout(Duration::from_secs(10))
            .build(ConnectionManager { url: url.clone() })?;
        let write_gate = match url {
            DatabaseUrl::Sqlite(_) => Some(Arc::new(Mutex::new(()))),
            DatabaseUrl::Postgres(_) => None,
        };
        Ok(Self {
            pool,
            write_gate,
            backend: url.backend_name(),
        })
    }

    pub fn backend(&self) -> &'static str {
        self.backend
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

    /// Runs `work` in one transaction on a blocking thread: all of it commits, or none of it
    /// when `work` returns an error.
    pub async fn write<T, E, F>(&self, work: F) -> Result<T, E>
    where
        F: FnOnce(&mut DbConnection) -> Result<T, E> + Send + 'static,
        T: Send + 'static,
        E: From<DbError> + From<diesel::result::Error> + Send + 'static,
    {
        let pool = self.pool.clone();
        let gate = self.write_gate.clone();
        run_blocking(move || {
            let mut conn = pool.get().map_err(DbError::from)?;
            // A poisoned gate only means another writer panicked; its transaction rolled back.
            let _turn = gate
                .as_ref()
                .map(|gate| gate.lock().unwrap_or_else(|poisoned| poisoned.into_inner()));
            let conn: &mut DbConnection = &mut conn;
            conn.transaction(work)
        })
        .await
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
