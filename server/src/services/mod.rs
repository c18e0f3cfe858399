//! Domain logic: what may happen and in what order. Handlers call these; these call `db`.

pub mod access_log;
pub mod access_requests;
pub mod accounts;
pub mod audit;
pub mod comments;
pub mod consent;
pub mod families;
pub mod grants;
pub mod invites;
pub mod links;
pub mod organisations;
pub mod password_reset;
pub mod policy;
pub mod professionals;
pub mod sections;

/// Runs CPU-heavy work (password hashing) off the async workers.
pub async fn cpu<T, F>(work: F) -> crate::errors::AppResult<T>
where
    F: FnOnce() -> T + Send + 'static,
    T: Send + 'static,
{
    tokio::task::spawn_blocking(work)
        .await
        .map_err(|err| crate::errors::AppError::Internal(err.into()))
}
