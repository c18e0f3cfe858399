//! The parts screens are built from: fields and pickers, forms and notices, lists and views
//! of section content, comments, the agenda, the parents' menu.

pub mod agenda;
pub mod choices;
pub mod comments;
pub mod comparison;
pub mod conflict;
pub mod family_file;
pub mod fields;
pub mod form;
pub mod leave;
pub mod links;
pub mod outcome;
pub mod overview;
pub mod own_device;
pub mod parent_nav;
pub mod pdf;
pub mod pickers;
pub mod policy;
pub mod reading;
pub mod scale;
pub mod sent_notes;
pub mod submit;
pub mod view;

#[cfg(test)]
mod tests;
