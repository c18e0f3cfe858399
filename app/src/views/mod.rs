//! One module per screen: the targets of [`crate::Route`], with the layouts around them.

pub mod accept;
pub mod access_log;
pub mod ask_access;
pub mod auth;
pub mod calendar;
pub mod commitments;
pub mod confirm;
pub mod erasure;
pub mod family;
pub mod frame;
pub mod history;
pub mod home;
pub mod network;
pub mod notifications;
pub mod org_home;
pub mod password;
pub mod private;
pub mod pro_section;
pub mod professional;
pub mod read_plan;
pub mod requests;
pub mod section;
pub mod share;
pub mod version_view;
pub mod versions;
pub mod welcome;
