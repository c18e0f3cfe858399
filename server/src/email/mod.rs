//! Email: the message type, the Dutch/English texts (`catalogue`), sealing of queued messages
//! (`seal`), the transactional outbox (`outbox`), the SMTP and file transports (`transport`)
//! and the background worker that delivers queued messages (`worker`).

pub mod catalogue;
pub mod outbox;
pub mod seal;
pub mod transport;
pub mod worker;

use serde::{Deserialize, Serialize};

/// One rendered message, as it is sealed into the outbox and sent.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Email {
    pub to: String,
    pub subject: String,
    pub text: String,
    pub html: String,
    /// The link the message carries; the file transport prints it for local trying out.
    pub link: String,
    /// The one-click unsubscribe address (RFC 8058) of reminders and the weekly word; sent as
    /// `List-Unsubscribe` with `List-Unsubscribe-Post`.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unsubscribe: Option<String>,
}

impl Email {
    /// A rendered message for `to`, carrying `link`.
    pub fn new(to: &str, rendered: catalogue::Rendered, link: String) -> Self {
        Self {
            to: to.to_string(),
            subject: rendered.subject,
            text: rendered.text,
            html: rendered.html,
            link,
            unsubscribe: None,
        }
    }
}
