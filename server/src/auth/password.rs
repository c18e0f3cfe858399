//! Password hashing with argon2id (OWASP's minimum: 19 MiB, 2 passes, 1 lane).
//!
//! Requests hash through [`hash_queued`] and [`verify_queued`]: at most one argon2 run per
//! core at a time, on the blocking pool, so a burst of logins costs time rather than memory
//! (each run holds 19 MiB). A request that cannot start within [`QUEUE_WAIT`] is
//! [`AppError::Busy`] (503 with `Retry-After`).

use std::sync::{Arc, OnceLock};
use std::time::Duration;

use argon2::password_hash::{PasswordHash, PasswordHasher, PasswordVerifier, SaltString};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

use crate::errors::{AppError, AppResult};

/// How long a request waits for a free hashing slot before it is asked to come back.
pub const QUEUE_WAIT: Duration = Duration::from_secs(3);

fn argon2() -> Argon2<'static> {
    counted_run();
    let params = Params::new(19_456, 2, 1, None).expect("constant argon2 parameters are valid");
    Argon2::new(Algorithm::Argon2id, Version::V0x13, params)
}

/// A PHC-format argon2id hash of `password` with a fresh random salt.
pub fn hash(password: &str) -> String {
    let salt = SaltString::generate(&mut rand::rngs::OsRng);
    argon2()
        .hash_password(password.as_bytes(), &salt)
        .expect("argon2 hashing with valid parameters cannot fail")
        .to_string()
}

/// True when `password` matches `stored`. A stored value that is not an argon2 hash (an
/// account without a password yet) never matches, and is refused after the same work as a
/// wrong password.
pub fn verify(stored: &str, password: &str) -> bool {
    match PasswordHash::new(stored) {
        Ok(parsed) => argon2()
            .verify_password(password.as_bytes(), &parsed)
            .is_ok(),
        Err(_) => {
            verify_decoy(password);
            false
        }
    }
}

/// Spends the time of a verification when there is nothing to verify against.
fn verify_decoy(password: &str) {
    if let Ok(parsed) = PasswordHash::new(decoy_hash()) {
        let _ = argon2().verify_password(password.as_bytes(), &parsed);
    }
}

/// A hash to verify against when the account does not exist, so that an unknown email takes
/// as long to refuse as a wrong password.
pub fn decoy_hash() -> &'static str {
    static DECOY: OnceLock<String> = OnceLock::new();
    DECOY.get_or_init(|| hash("decoy password that matches nothing"))
}

/// [`hash`] in turn with other requests.
pub async fn hash_queued(password: String) -> AppResult<String> {
    in_turn(move || hash(&password)).await
}

/// [`verify`] in turn with other requests. Without a stored hash (an unknown account) it
/// verifies against the decoy and answers false.
pub async fn verify_queued(stored: Option<String>, password: String) -> AppResult<bool> {
    in_turn(move || match stored {
        Some(stored) => verify(&stored, &password),
        None => {
            verify_decoy(&password);
            false
        }
    })
    .await
}

/// Runs `work` on the blocking pool once one of the per-core slots is free. The slot goes
/// with the work, so a caller that stops waiting does not free it early.
async fn in_turn<T, F>(work: F) -> AppResult<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    let slot = tokio::time::timeout(QUEUE_WAIT, Arc::clone(slots()).acquire_owned())
        .await
        .map_err(|_| AppError::Busy)?
        .map_err(|err| AppError::Internal(err.into()))?;
    tokio::task::spawn_blocking(move || {
        let _slot = slot;
        work()
    })
    .await
    .map_err(|err| AppError::Internal(err.into()))
}

/// One slot per core.
fn slots() -> &'static Arc<Semaphore> {
    static SLOTS: OnceLock<Arc<Semaphore>> = OnceLock::new();
    SLOTS.get_or_init(|| {
        return_large_blocks_to_the_system();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Arc::new(Semaphore::new(cores))
    })
}

/// glibc's malloc raises its mmap threshold to the size of the first large block freed (up to
/// 32 MiB), after which argon2's 19 MiB blocks come from per-thread arenas and stay resident
/// in every blocking thread that ever hashed. A fixed threshold keeps such blocks mapped on
/// their own, so freeing one returns it to the system.
fn return_large_blocks_to_the_system() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    // SAFETY: mallopt only tunes the allocator; M_MMAP_THRESHOLD takes a size in bytes.
    unsafe {
        libc::mallopt(libc::M_MMAP_THRESHOLD, 1 << 20);
    }
}

#[cfg(test)]
thread_local! {
    static RUNS: std::cell::Cell<u32> = const { std::cell::Cell::new(0) };
}

/// Counts argon2 runs on this thread, for tests.
fn counted_run() {
    #[cfg(test)]
    RUNS.with(|runs| runs.set(runs.get() + 1));
}

#[cfg(test)]
mod tests {
    use super::*;

    fn runs_of(work: impl FnOnce()) -> u32 {
        let before = RUNS.with(|runs| runs.get());
        work();
        RUNS.with(|runs| runs.get()) - before
    }

    #[test]
    fn right_password_verifies_and_wrong_one_does_not() {
        let stored = hash("correct horse battery");
        assert!(stored.starts_with("$argon2id$"));
        assert!(verify(&stored, "correct horse battery"));
        assert!(!verify(&stored, "wrong horse battery"));
    }

    #[test]
    fn malformed_hash_never_verifies() {
        assert!(!verify("plain-text", "plain-text"));
    }

    #[test]
    fn an_account_without_a_password_costs_one_argon2_run_like_a_wrong_password() {
        decoy_hash();
        let stored = hash("correct horse battery");
        assert_eq!(runs_of(|| assert!(!verify(&stored, "wrong horse"))), 1);
        assert_eq!(runs_of(|| assert!(!verify("!unset", "wrong horse"))), 1);
    }
}
