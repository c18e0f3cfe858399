//! Proving who a caller is: password hashing, access tokens (JWT), opaque refresh and link
//! tokens, and the extractor that turns a request into an [`AuthUser`]. What a caller may see
//! is not decided here but in the services, from the database, on every request.

pub mod extractor;
pub mod jwt;
pub mod password;
pub mod password_policy;
pub mod tokens;
pub mod turns;

pub use extractor::AuthUser;
