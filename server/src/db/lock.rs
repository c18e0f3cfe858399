//! One server per SQLite file: an exclusive lock on `<database>.lock`, held while the server
//! runs. SQLite itself would let a second process open the file, and each would then believe
//! its writer thread is the only writer. The operating system drops the lock when the holder
//! ends, however it ends, so a crash leaves nothing to clean up.

use std::fs::{File, TryLockError};
use std::path::{Path, PathBuf};

use anyhow::Context;

/// The held lock; dropping it releases it.
#[derive(Debug)]
pub struct DatabaseLock {
    _file: File,
    path: PathBuf,
}

impl DatabaseLock {
    /// The lock file of the SQLite database at `database`.
    pub fn path_for(database: &Path) -> PathBuf {
        let mut name = database.as_os_str().to_owned();
        name.push(".lock");
        PathBuf::from(name)
    }

    /// Takes the lock of the SQLite database at `database`, or explains who holds it.
    pub fn acquire(database: &Path) -> anyhow::Result<Self> {
        let path = Self::path_for(database);
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            crate::private_fs::create_dir(parent)
                .with_context(|| format!("cannot create {}", parent.display()))?;
        }
        let file = crate::private_fs::open_options()
            .read(true)
            .write(true)
            .create(true)
            .truncate(false)
            .open(&path)
            .with_context(|| format!("cannot open the lock file {}", path.display()))?;
        match file.try_lock() {
            Ok(()) => Ok(Self { _file: file, path }),
            Err(TryLockError::WouldBlock) => anyhow::bail!(
                "another Ons Plan server is already using the database {} (it holds {}); \
                 stop it first: two servers on one SQLite file would each believe they are \
                 its only writer",
                database.display(),
                path.display()
            ),
            Err(TryLockError::Error(err)) => {
                Err(err).with_context(|| format!("cannot lock {}", path.display()))
            }
        }
    }

    /// True when some process (this one included) holds the lock of `database` now.
    pub fn is_held(database: &Path) -> anyhow::Result<bool> {
        let path = Self::path_for(database);
        let Ok(file) = File::open(&path) else {
            return Ok(false);
        };
        match file.try_lock_shared() {
            Ok(()) => Ok(false),
            Err(TryLockError::WouldBlock) => Ok(true),
            Err(TryLockError::Error(err)) => Err(err.into()),
        }
    }

    pub fn path(&self) -> &Path {
        &self.path
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_second_holder_is_refused_until_the_first_lets_go() {
        let dir = std::env::temp_dir().join(format!("onsplan-lock-{}", crate::db::new_id()));
        let database = dir.join("onsplan.sqlite3");
        let first = DatabaseLock::acquire(&database).unwrap();
        assert!(DatabaseLock::is_held(&database).unwrap());
        let err = DatabaseLock::acquire(&database).unwrap_err().to_string();
        assert!(err.contains("another Ons Plan server"), "{err}");
        drop(first);
        assert!(!DatabaseLock::is_held(&database).unwrap());
        DatabaseLock::acquire(&database).unwrap();
        std::fs::remove_dir_all(dir).unwrap();
    }
}
