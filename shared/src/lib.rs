//! Ons Plan's shared vocabulary: the JSON types of the API, the error wire format, the route
//! paths and a typed client. The server, the app and the end-to-end tests all speak through
//! this crate, so it must stay free of server-only dependencies and build for wasm.

pub mod access_log;
pub mod agenda;
pub mod auth;
pub mod client;
pub mod commitment;
pub mod consent;
pub mod dutch_time;
pub mod erasure;
pub mod error;
pub mod export;
pub mod family;
pub mod family_file;
pub mod invite;
pub mod notification;
pub mod routes;
pub mod section;
pub mod section_content;
#[cfg(feature = "diesel")]
pub mod storage;
pub mod transport;
pub mod validate;
pub mod version;

pub use client::{ApiClient, ClientError};
pub use error::{ApiError, ErrorCode};
