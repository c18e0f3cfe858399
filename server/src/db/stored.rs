//! Storage of typed values on the multi-backend connection: each hands its text form to the
//! backend in use (the text forms and the single-backend impls live with the types in
//! `onsplan_shared::storage`).

use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::Text;
use onsplan_shared::access_log::{DenialReason, LogBasis};

use super::MultiBackend;

impl ToSql<Text, MultiBackend> for LogBasis {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
        out.set_value((Text, self));
        Ok(IsNull::No)
    }
}

impl ToSql<Text, MultiBackend> for DenialReason {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, MultiBackend>) -> serialize::Result {
        out.set_value((Text, self));
        Ok(IsNull::No)
    }
}
