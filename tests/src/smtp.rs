//! A small SMTP server inside the test process, so tests see real SMTP conversations: it
//! speaks EHLO/HELO, MAIL FROM, RCPT TO, DATA, RSET, NOOP and QUIT, keeps every message it
//! accepts (but registration confirmations, see [`is_harness_registration`]), and can be
//! stopped and started again on the same port (to play "mail server down").

use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::io::{AsyncBufReadExt, AsyncWriteExt, BufReader};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::Notify;
use tokio::task::JoinHandle;

/// One message as the server received it.
#[derive(Debug, Clone)]
pub struct ReceivedMail {
    pub from: String,
    pub to: Vec<String>,
    /// The raw message (headers and body), dot-unstuffed, CRLF line ends.
    pub data: String,
}

#[derive(Default)]
struct Inbox {
    mails: Mutex<Vec<ReceivedMail>>,
    arrived: Notify,
}

/// Runs on a runtime of its own, so it keeps answering while the test's runtime is blocked
/// (for instance while a dropped test server waits for its email worker).
pub struct SmtpServer {
    port: u16,
    inbox: Arc<Inbox>,
    runtime: Option<tokio::runtime::Runtime>,
    task: Option<JoinHandle<()>>,
}

impl SmtpServer {
    /// Starts listening on a free port of 127.0.0.1.
    pub async fn start() -> Self {
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .worker_threads(1)
            .enable_all()
            .build()
            .expect("smtp runtime");
        let listener = runtime
            .spawn(async { TcpListener::bind("127.0.0.1:0").await })
            .await
            .expect("bind task")
            .expect("bind smtp");
        let port = listener.local_addr().unwrap().port();
        let inbox = Arc::new(Inbox::default());
        let task = Some(runtime.spawn(serve(listener, inbox.clone())));
        Self {
            port,
            inbox,
            runtime: Some(runtime),
            task,
        }
    }

    fn runtime(&self) -> &tokio::runtime::Runtime {
        self.runtime
            .as_ref()
            .expect("runtime lives as long as the server")
    }

    /// `smtp://127.0.0.1:<port>`: plaintext, as development allows.
    pub fn url(&self) -> String {
        format!("smtp://127.0.0.1:{}", self.port)
    }

    /// Stops accepting connections (and drops open ones): the mail server is down.
    pub async fn stop(&mut self) {
        if let Some(task) = self.task.take() {
            task.abort();
            let _ = task.await;
        }
    }

    /// Listens again on the same port.
    pub async fn restart(&mut self) {
        self.stop().await;
        let port = self.port;
        let listener = self
            .runtime()
            .spawn(async move { TcpListener::bind(("127.0.0.1", port)).await })
            .await
            .expect("bind task")
            .expect("rebind smtp port");
        self.task = Some(self.runtime().spawn(serve(listener, self.inbox.clone())));
    }

    /// Every message received so far.
    pub fn received(&self) -> Vec<ReceivedMail> {
        self.inbox.mails.lock().unwrap().clone()
    }

    /// Waits until at least `count` messages arrived, or panics after `timeout`.
    pub async fn wait_for(&self, count: usize, timeout: Duration) -> Vec<ReceivedMail> {
        let deadline = tokio::time::Instant::now() + timeout;
        loop {
            let arrived = self.inbox.arrived.notified();
            tokio::pin!(arrived);
            // Registered before counting, so a message arriving in between still wakes us.
            arrived.as_mut().enable();
            let mails = self.received();
            if mails.len() >= count {
                return mails;
            }
            if tokio::time::timeout_at(deadline, arrived).await.is_err() {
                panic!(
                    "expected {count} emails within {timeout:?}, got {}",
                    self.received().len()
                );
            }
        }
    }
}

/// A registration's confirmation link: [`crate::TestApp::register`] reads it from the outbox
/// and uses it up, so the message is accepted but not kept (tests count the mail they cause).
fn is_harness_registration(data: &str) -> bool {
    let marker = format!("{}#", onsplan_shared::routes::APP_REGISTER_CONFIRM_PAGE);
    crate::mail::ParsedMail::parse(data)
        .parts
        .iter()
        .any(|part| part.content_type == "text/plain" && part.text.contains(&marker))
}

impl Drop for SmtpServer {
    fn drop(&mut self) {
        if let Some(runtime) = self.runtime.take() {
            runtime.shutdown_background();
        }
    }
}

async fn serve(listener: TcpListener, inbox: Arc<Inbox>) {
    let mut sessions = tokio::task::JoinSet::new();
    while let Ok((stream, _)) = listener.accept().await {
        sessions.spawn(session(stream, inbox.clone()));
    }
}

async fn session(stream: TcpStream, inbox: Arc<Inbox>) {
    let _ = converse(stream, &inbox).await;
}

async fn converse(stream: TcpStream, inbox: &Inbox) -> std::io::Result<()> {
    let (read, mut write) = stream.into_split();
    let mut lines = BufReader::new(read);
    write.write_all(b"220 onsplan-test ESMTP ready\r\n").await?;
    let (mut from, mut to) = (String::new(), Vec::new());
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Ok(());
        }
        let command = line.trim_end().to_string();
        let upper = command.to_ascii_uppercase();
        let reply: &[u8] = if upper.starts_with("EHLO") {
            b"250-onsplan-test\r\n250-8BITMIME\r\n250 SMTPUTF8\r\n"
        } else if upper.starts_with("HELO") || upper.starts_with("NOOP") {
            b"250 OK\r\n"
        } else if upper.starts_with("MAIL FROM:") {
            from = address(&command["MAIL FROM:".len()..]);
            to.clear();
            b"250 OK\r\n"
        } else if upper.starts_with("RCPT TO:") {
            to.push(address(&command["RCPT TO:".len()..]));
            b"250 OK\r\n"
        } else if upper.starts_with("RSET") {
            from.clear();
            to.clear();
            b"250 OK\r\n"
        } else if upper == "DATA" {
            write
                .write_all(b"354 End data with <CR><LF>.<CR><LF>\r\n")
                .await?;
            let data = read_data(&mut lines).await?;
            let mail = ReceivedMail {
                from: std::mem::take(&mut from),
                to: std::mem::take(&mut to),
                data,
            };
            if !is_harness_registration(&mail.data) {
                inbox.mails.lock().unwrap().push(mail);
                inbox.arrived.notify_waiters();
            }
            b"250 OK queued\r\n"
        } else if upper.starts_with("QUIT") {
            write.write_all(b"221 Bye\r\n").await?;
            return Ok(());
        } else {
            b"502 Command not implemented\r\n"
        };
        write.write_all(reply).await?;
    }
}

async fn read_data<R: AsyncBufReadExt + Unpin>(lines: &mut R) -> std::io::Result<String> {
    let mut data = String::new();
    let mut line = String::new();
    loop {
        line.clear();
        if lines.read_line(&mut line).await? == 0 {
            return Err(std::io::ErrorKind::UnexpectedEof.into());
        }
        if line == ".\r\n" || line == ".\n" {
            return Ok(data);
        }
        data.push_str(line.strip_prefix('.').unwrap_or(&line));
    }
}

/// `<a@b.nl> SIZE=…` → `a@b.nl`.
fn address(arg: &str) -> String {
    let arg = arg.trim();
    arg.split_once('<')
        .and_then(|(_, rest)| rest.split_once('>'))
        .map_or(arg, |(inner, _)| inner)
        .to_string()
}
