//! Domain logic: what may happen and in what order. Handlers call these; these call `db`.

pub mod access;
pub mod access_log;
pub mod access_requests;
pub mod accounts;
pub mod audit;
pub mod comments;
pub mod commitments;
pub mod consent;
pub mod families;
pub mod grants;
pub mod invites;
pub mod links;
pub mod members;
pub mod organisations;
pub mod password_reset;
pub mod plan_pdf;
pub mod policy;
pub mod professionals;
pub mod rate_limit;
pub mod registration;
pub mod revisions;
pub mod section_access;
pub mod section_save;
pub mod section_wire;
pub mod sections;
pub mod versions;
