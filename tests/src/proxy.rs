//! A small HTTP reverse proxy inside the test process, standing in for a load balancer: it
//! forwards each connection to the test server and appends the client's address to
//! `X-Forwarded-For`, as real proxies do. Every test request comes from 127.0.0.1, so the
//! test names the client it plays in an `X-Test-Client` header, which the proxy takes off
//! and uses as that connection's client address.

use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpListener, TcpStream};
use tokio::task::JoinHandle;

/// The header through which a test names the client it plays.
pub const TEST_CLIENT: &str = "x-test-client";
/// The client address when a request names none.
const DEFAULT_CLIENT: &str = "192.0.2.1";

pub struct ForwardingProxy {
    pub address: String,
    task: JoinHandle<()>,
}

impl Drop for ForwardingProxy {
    fn drop(&mut self) {
        self.task.abort();
    }
}

impl ForwardingProxy {
    /// Listens on a free port of 127.0.0.1 and forwards to `upstream` (`host:port`).
    pub async fn start(upstream: &str) -> Self {
        let listener = TcpListener::bind("127.0.0.1:0").await.expect("bind proxy");
        let address = format!("http://{}", listener.local_addr().unwrap());
        let upstream = upstream.to_string();
        let task = tokio::spawn(async move {
            while let Ok((client, _)) = listener.accept().await {
                tokio::spawn(forward(client, upstream.clone()));
            }
        });
        Self { address, task }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{path}", self.address)
    }
}

/// Forwards one request (the connection is closed after its answer).
async fn forward(mut client: TcpStream, upstream: String) {
    let mut buffer = Vec::new();
    let head_end = loop {
        if let Some(end) = buffer.windows(4).position(|w| w == b"\r\n\r\n") {
            break end + 4;
        }
        let mut chunk = [0u8; 4096];
        match client.read(&mut chunk).await {
            Ok(0) | Err(_) => return,
            Ok(n) => buffer.extend_from_slice(&chunk[..n]),
        }
    };
    let head = String::from_utf8_lossy(&buffer[..head_end]).to_string();
    let mut lines = head.trim_end().split("\r\n");
    let request_line = lines.next().unwrap_or_default().to_string();
    let mut headers: Vec<(String, String)> = lines
        .filter_map(|line| line.split_once(':'))
        .map(|(name, value)| (name.trim().to_ascii_lowercase(), value.trim().to_string()))
        .collect();
    let client_ip = headers
        .iter()
        .find(|(name, _)| name == TEST_CLIENT)
        .map_or_else(|| DEFAULT_CLIENT.to_string(), |(_, v)| v.clone());
    headers.retain(|(name, _)| name != TEST_CLIENT && name != "connection");
    match headers
        .iter_mut()
        .find(|(name, _)| name == "x-forwarded-for")
    {
        Some((_, value)) => *value = format!("{value}, {client_ip}"),
        None => headers.push(("x-forwarded-for".into(), client_ip)),
    }
    headers.push(("connection".into(), "close".into()));
    let mut out = format!("{request_line}\r\n");
    for (name, value) in headers {
        out.push_str(&format!("{name}: {value}\r\n"));
    }
    out.push_str("\r\n");
    let Ok(mut server) = TcpStream::connect(&upstream).await else {
        return;
    };
    if server.write_all(out.as_bytes()).await.is_err()
        || server.write_all(&buffer[head_end..]).await.is_err()
    {
        return;
    }
    let _ = tokio::io::copy_bidirectional(&mut client, &mut server).await;
}
