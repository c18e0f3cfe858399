//! How the access log's [`LogBasis`] and [`DenialReason`] are stored: as text, on SQLite and
//! PostgreSQL (the server adds its multi-backend connection on top). A stored value that does
//! not read back is a deserialisation error, never a default.

use diesel::backend::Backend;
use diesel::deserialize::{self, FromSql};
use diesel::pg::Pg;
use diesel::serialize::{self, IsNull, Output, ToSql};
use diesel::sql_types::Text;
use diesel::sqlite::Sqlite;
use std::io::Write;

use crate::access_log::{DenialReason, LogBasis};

fn unreadable(what: &str, text: &str) -> Box<dyn std::error::Error + Send + Sync> {
    format!("stored {what} cannot be read: {text:?}").into()
}

impl<DB: Backend> FromSql<Text, DB> for LogBasis
where
    String: FromSql<Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        let text = String::from_sql(bytes)?;
        LogBasis::parse_text(&text).ok_or_else(|| unreadable("basis", &text))
    }
}

impl<DB: Backend> FromSql<Text, DB> for DenialReason
where
    String: FromSql<Text, DB>,
{
    fn from_sql(bytes: DB::RawValue<'_>) -> deserialize::Result<Self> {
        let text = String::from_sql(bytes)?;
        DenialReason::parse(&text).ok_or_else(|| unreadable("denial reason", &text))
    }
}

impl ToSql<Text, Pg> for LogBasis {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        out.write_all(self.text().as_bytes())?;
        Ok(IsNull::No)
    }
}

impl ToSql<Text, Sqlite> for LogBasis {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        out.set_value(self.text());
        Ok(IsNull::No)
    }
}

impl ToSql<Text, Pg> for DenialReason {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Pg>) -> serialize::Result {
        out.write_all(self.as_str().as_bytes())?;
        Ok(IsNull::No)
    }
}

impl ToSql<Text, Sqlite> for DenialReason {
    fn to_sql<'b>(&'b self, out: &mut Output<'b, '_, Sqlite>) -> serialize::Result {
        out.set_value(self.as_str());
        Ok(IsNull::No)
    }
}
