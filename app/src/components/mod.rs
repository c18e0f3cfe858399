//! One module per screen or part of a screen.

pub mod agenda;
pub mod auth;
pub mod calendar;
pub mod comments;
pub mod commitments;
pub mod confirm;
pub mod conflict;
pub mod erasure;
pub mod family;
pub mod family_file;
pub mod fields;
pub mod form;
pub mod frame;
pub mod history;
pub mod overview;
pub mod pickers;
pub mod reading;
pub mod scale;
pub mod section;
pub mod view;
pub mod welcome;

// The network, consent, the access log, emailed links, professionals
pub mod accept;
pub mod access_log;
pub mod ask_access;
pub mod choices;
pub mod comparison;
pub mod home;
pub mod links;
pub mod network;
pub mod notifications;
pub mod org_home;
pub mod outcome;
pub mod password;
pub mod pdf;
pub mod policy;
pub mod private;
pub mod pro_section;
pub mod professional;
pub mod read_plan;
pub mod requests;
pub mod share;
pub mod version_view;
pub mod versions;

#[cfg(test)]
mod tests;
