//! Where sent email goes: an SMTP server (lettre's async transport, explicit timeouts), or,
//! in development without SMTP settings, .eml files in `<data dir>/mail/` (folder and files
//! readable by the owner only) with each link printed in the server log (the only place a
//! link is ever logged).

use std::path::PathBuf;
use std::time::Duration;

use anyhow::Context;
use lettre::message::{Mailbox, MultiPart};
use lettre::{AsyncSmtpTransport, AsyncTransport, Message, Tokio1Executor};

use super::Email;
use crate::config::Settings;

/// How long one SMTP connection or command may take.
pub const SMTP_TIMEOUT: Duration = Duration::from_secs(10);
/// How long a whole SMTP conversation may take, whatever the server does.
pub const SEND_TIMEOUT: Duration = Duration::from_secs(30);

pub enum Transport {
    Smtp(AsyncSmtpTransport<Tokio1Executor>),
    Files(PathBuf),
}

/// Why a message was not delivered: `permanent` failures are not retried.
#[derive(Debug, thiserror::Error)]
#[error("{message}")]
pub struct SendError {
    pub message: String,
    pub permanent: bool,
}

impl Transport {
    pub fn from_settings(settings: &Settings) -> anyhow::Result<Self> {
        match &settings.mail.smtp_url {
            Some(url) => {
                let transport = AsyncSmtpTransport::<Tokio1Executor>::from_url(url.expose())
                    .context("ONSPLAN_SMTP_URL is not a valid smtp:// or smtps:// URL")?
                    .timeout(Some(SMTP_TIMEOUT))
                    .build();
                Ok(Transport::Smtp(transport))
            }
            None => {
                let dir = settings.data_dir.join("mail");
                crate::private_fs::create_dir(&dir)
                    .with_context(|| format!("cannot create {}", dir.display()))?;
                tracing::info!(folder = %dir.display(), "no ONSPLAN_SMTP_URL: emails are written as files");
                Ok(Transport::Files(dir))
            }
        }
    }

    pub fn describe(&self) -> &'static str {
        match self {
            Transport::Smtp(_) => "smtp",
            Transport::Files(_) => "files",
        }
    }

    /// Sends one message; `id` names the file for the file transport.
    pub async fn send(&self, id: &str, from: &Mailbox, email: &Email) -> Result<(), SendError> {
        let message = build(from, email).map_err(|err| SendError {
            message: format!("message cannot be built: {err}"),
            permanent: true,
        })?;
        match self {
            Transport::Smtp(smtp) => {
                match tokio::time::timeout(SEND_TIMEOUT, smtp.send(message)).await {
                    Ok(sent) => sent.map(drop).map_err(|err| SendError {
                        message: err.to_string(),
                        permanent: err.is_permanent(),
                    }),
                    Err(_) => Err(SendError {
                        message: format!("the SMTP conversation took longer than {SEND_TIMEOUT:?}"),
                        permanent: false,
                    }),
                }
            }
            Transport::Files(dir) => {
                let path = dir.join(format!("{id}.eml"));
                let partial = dir.join(format!("{id}.eml.partial"));
                let written = match write_private(&partial, &message.formatted()).await {
                    Ok(()) => tokio::fs::rename(&partial, &path).await,
                    Err(err) => Err(err),
                };
                written.map_err(|err| SendError {
                    message: format!("cannot write {}: {err}", path.display()),
                    permanent: false,
                })?;
                tracing::info!(file = %path.display(), link = %email.link, "email written (development mail transport)");
                Ok(())
            }
        }
    }
}

/// Writes `bytes` to a new file readable by the owner only: an email holds a one-time link.
async fn write_private(path: &std::path::Path, bytes: &[u8]) -> std::io::Result<()> {
    use tokio::io::AsyncWriteExt;
    let mut options = tokio::fs::OpenOptions::new();
    options.write(true).create(true).truncate(true);
    #[cfg(unix)]
    options.mode(crate::private_fs::FILE_MODE);
    let mut file = options.open(path).await?;
    file.write_all(bytes).await?;
    file.flush().await
}

fn build(from: &Mailbox, email: &Email) -> anyhow::Result<Message> {
    let mut builder = Message::builder()
        .from(from.clone())
        .to(email.to.parse()?)
        .subject(email.subject.clone());
    if let Some(url) = &email.unsubscribe {
        use lettre::message::header::{HeaderName, HeaderValue};
        builder = builder
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe"),
                format!("<{url}>"),
            ))
            .raw_header(HeaderValue::new(
                HeaderName::new_from_ascii_str("List-Unsubscribe-Post"),
                "List-Unsubscribe=One-Click".to_string(),
            ));
    }
    Ok(builder.multipart(MultiPart::alternative_plain_html(
        email.text.clone(),
        email.html.clone(),
    ))?)
}
