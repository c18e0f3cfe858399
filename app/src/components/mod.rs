//! One module per screen or part of a screen.

pub mod auth;
pub mod conflict;
pub mod family;
pub mod fields;
pub mod form;
pub mod frame;
pub mod history;
pub mod overview;
pub mod section;
pub mod view;
pub mod welcome;

#[cfg(test)]
mod tests;
