//! Runs the real `onsplan` binary the way an operator would: `migrate`, then `serve` with a
//! fresh data folder and no other settings, and checks `/healthz` answers.

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crate::{cargo, run_cmd, workspace_root};

pub fn binary_serves_health() -> anyhow::Result<()> {
    run_cmd(cargo().args(["build", "-p", "onsplan-server", "--bin", "onsplan"]))?;
    let binary = workspace_root().join("target/debug/onsplan");
    let data_dir = std::env::temp_dir().join(format!("onsplan-smoke-{}", std::process::id()));
    let port = TcpListener::bind("127.0.0.1:0")?.local_addr()?.port();
    let bind = format!("127.0.0.1:{port}");

    run_cmd(
        Command::new(&binary)
            .arg("migrate")
            .env("ONSPLAN_DATA_DIR", &data_dir),
    )?;
    let mut server = Command::new(&binary)
        .arg("serve")
        .env("ONSPLAN_DATA_DIR", &data_dir)
        .env("ONSPLAN_BIND", &bind)
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    let result = wait_for_health(&bind);
    let _ = server.kill();
    let _ = server.wait();
    let secret_kept = data_dir.join("jwt-secret").exists();
    let _ = std::fs::remove_dir_all(&data_dir);
    let body = result?;
    anyhow::ensure!(
        body.contains("\"status\":\"ok\""),
        "unexpected /healthz answer: {body}"
    );
    anyhow::ensure!(
        secret_kept,
        "the generated JWT secret was not kept in the data folder"
    );
    println!("onsplan serve answered /healthz: {}", body.trim());
    Ok(())
}

fn wait_for_health(bind: &str) -> anyhow::Result<String> {
    let deadline = Instant::now() + Duration::from_secs(30);
    loop {
        if let Ok(body) = get(bind, "/healthz") {
            return Ok(body);
        }
        anyhow::ensure!(
            Instant::now() < deadline,
            "the server did not answer within 30 s"
        );
        std::thread::sleep(Duration::from_millis(200));
    }
}

fn get(bind: &str, path: &str) -> std::io::Result<String> {
    let mut stream = TcpStream::connect(bind)?;
    stream.set_read_timeout(Some(Duration::from_secs(5)))?;
    write!(
        stream,
        "GET {path} HTTP/1.1\r\nHost: {bind}\r\nConnection: close\r\n\r\n"
    )?;
    let mut response = String::new();
    stream.read_to_string(&mut response)?;
    if !response.starts_with("HTTP/1.1 200") {
        return Err(std::io::Error::other(response));
    }
    Ok(response
        .split("\r\n\r\n")
        .nth(1)
        .unwrap_or_default()
        .to_string())
}
