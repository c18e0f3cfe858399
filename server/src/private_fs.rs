//! Files and folders only the server's own user may read: the data folder, the SQLite
//! database (SQLite gives its `-wal` and `-shm` files the database file's mode), the mail
//! folder and its `.eml` files, the generated secret and the lock file.

use std::path::Path;

/// Mode of a private folder.
pub const DIR_MODE: u32 = 0o700;
/// Mode of a private file.
pub const FILE_MODE: u32 = 0o600;

/// Creates `dir` and any missing parents, each new one readable by the owner only. A folder
/// that already exists keeps its mode: the operator chose it.
pub fn create_dir(dir: &Path) -> std::io::Result<()> {
    let mut builder = std::fs::DirBuilder::new();
    builder.recursive(true);
    #[cfg(unix)]
    std::os::unix::fs::DirBuilderExt::mode(&mut builder, DIR_MODE);
    builder.create(dir)
}

/// Options that create a file readable by the owner only (an existing file keeps its mode).
pub fn open_options() -> std::fs::OpenOptions {
    let mut options = std::fs::OpenOptions::new();
    #[cfg(unix)]
    std::os::unix::fs::OpenOptionsExt::mode(&mut options, FILE_MODE);
    options
}

/// Creates an empty file at `path` readable by the owner only, unless it exists.
pub fn touch(path: &Path) -> std::io::Result<()> {
    match open_options().write(true).create_new(true).open(path) {
        Ok(_) => Ok(()),
        Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists => Ok(()),
        Err(err) => Err(err),
    }
}
