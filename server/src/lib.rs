//! Ons Plan's HTTP service: configuration, authentication, routes, domain services and
//! storage. `main.rs` is only the command line around [`startup::Application`].

pub mod auth;
pub mod clock;
pub mod config;
pub mod db;
pub mod email;
pub mod errors;
pub mod http;
pub mod pdf;
pub mod policy;
pub mod private_fs;
pub mod reminders;
pub mod routes;
pub mod services;
pub mod startup;
pub mod state;
pub mod telemetry;
