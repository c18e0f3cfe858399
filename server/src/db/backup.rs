//! Backing up and restoring a SQLite database.
//!
//! - [`backup`] copies a running database without stopping its server: `VACUUM INTO` on a
//!   connection of its own reads one consistent snapshot (WAL lets the server keep writing) and
//!   writes it, compacted, to a new file readable by the owner only.
//! - [`restore`] puts a backup in place of a stopped server's database: it takes the database's
//!   lock (so it refuses while a server runs, and no server starts meanwhile), checks the
//!   backup's integrity, copies it next to the database, removes the old `-wal`/`-shm` files
//!   (they belong to the old file) and renames the copy over the database. The replaced file
//!   is kept as `<database>.before-restore`.
//!
//! PostgreSQL has its own tools (`pg_dump`, `pg_restore`); these refuse a PostgreSQL URL.

use std::path::{Path, PathBuf};

use anyhow::{bail, Context};
use diesel::connection::SimpleConnection;
use diesel::sqlite::SqliteConnection;
use diesel::{Connection, QueryableByName, RunQueryDsl};

use super::lock::DatabaseLock;
use super::DatabaseUrl;

/// The SQLite file of `url`, or the advice for PostgreSQL.
pub fn sqlite_path(url: &DatabaseUrl) -> anyhow::Result<PathBuf> {
    match url {
        DatabaseUrl::Sqlite(path) => Ok(PathBuf::from(path)),
        DatabaseUrl::Postgres(_) => bail!(
            "the database is PostgreSQL: back it up with pg_dump -Fc and restore it with \
             pg_restore"
        ),
    }
}

/// Writes a consistent copy of the database at `database` to the new file `target`.
pub fn backup(database: &Path, target: &Path) -> anyhow::Result<()> {
    anyhow::ensure!(
        database.is_file(),
        "there is no database at {}",
        database.display()
    );
    // VACUUM INTO accepts an empty file: create it private first.
    crate::private_fs::open_options()
        .write(true)
        .create_new(true)
        .open(target)
        .with_context(|| format!("cannot create {} (it must not exist yet)", target.display()))?;
    let written = (|| -> anyhow::Result<()> {
        let mut conn = open(database)?;
        conn.batch_execute(&format!("VACUUM INTO {}", sql_text(target)?))
            .context("the copy failed")?;
        Ok(())
    })();
    if written.is_err() {
        let _ = std::fs::remove_file(target);
    }
    written?;
    check_integrity(target)
}

/// Replaces the (stopped) server's database at `database` with the backup `source`.
pub fn restore(database: &Path, source: &Path) -> anyhow::Result<()> {
    let _lock = DatabaseLock::acquire(database)
        .context("stop the server before restoring: restore replaces its database")?;
    check_integrity(source)
        .with_context(|| format!("{} is not a sound backup", source.display()))?;
    let staging = with_suffix(database, ".restoring");
    let _ = std::fs::remove_file(&staging);
    {
        let mut from = std::fs::File::open(source)
            .with_context(|| format!("cannot read {}", source.display()))?;
        let mut to = crate::private_fs::open_options()
            .write(true)
            .create_new(true)
            .open(&staging)
            .with_context(|| format!("cannot create {}", staging.display()))?;
        std::io::copy(&mut from, &mut to)?;
        to.sync_all()?;
    }
    if database.exists() {
        // Checkpoint what the old file still has in its WAL, then keep it aside.
        drop(open(database)?.batch_execute("PRAGMA wal_checkpoint(TRUNCATE);"));
        std::fs::rename(database, with_suffix(database, ".before-restore"))?;
    }
    for stale in ["-wal", "-shm"] {
        match std::fs::remove_file(with_suffix(database, stale)) {
            Err(err) if err.kind() != std::io::ErrorKind::NotFound => return Err(err.into()),
            _ => {}
        }
    }
    std::fs::rename(&staging, database)?;
    if let Some(parent) = database.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::File::open(parent)?.sync_all()?;
    }
    Ok(())
}

/// Fails unless SQLite's `PRAGMA integrity_check` answers `ok` for the file at `path`.
pub fn check_integrity(path: &Path) -> anyhow::Result<()> {
    #[derive(QueryableByName)]
    struct Row {
        #[diesel(sql_type = diesel::sql_types::Text)]
        integrity_check: String,
    }
    anyhow::ensure!(path.is_file(), "{} is not a file", path.display());
    let mut conn = open(path)?;
    let rows: Vec<Row> = diesel::sql_query("PRAGMA integrity_check")
        .load(&mut conn)
        .with_context(|| format!("{} is not a SQLite database", path.display()))?;
    match rows.as_slice() {
        [row] if row.integrity_check == "ok" => Ok(()),
        rows => bail!(
            "the integrity check of {} failed: {}",
            path.display(),
            rows.iter()
                .map(|r| r.integrity_check.as_str())
                .collect::<Vec<_>>()
                .join("; ")
        ),
    }
}

fn open(path: &Path) -> anyhow::Result<SqliteConnection> {
    let text = path
        .to_str()
        .with_context(|| format!("{} is not a UTF-8 path", path.display()))?;
    let mut conn = SqliteConnection::establish(text)
        .with_context(|| format!("cannot open {}", path.display()))?;
    conn.batch_execute("PRAGMA busy_timeout = 15000;")?;
    Ok(conn)
}

/// `path` as an SQL string literal.
fn sql_text(path: &Path) -> anyhow::Result<String> {
    let text = path
        .to_str()
        .with_context(|| format!("{} is not a UTF-8 path", path.display()))?;
    Ok(format!("'{}'", text.replace('\'', "''")))
}

fn with_suffix(path: &Path, suffix: &str) -> PathBuf {
    let mut name = path.as_os_str().to_owned();
    name.push(suffix);
    PathBuf::from(name)
}
