//! `cargo xtask run`: one command from a fresh clone to a running server.

use crate::{cargo, run_cmd, step, web, workspace_root};

pub fn run(extra: &[String]) -> anyhow::Result<()> {
    web::build()?;
    step("building the server (release)");
    run_cmd(cargo().args([
        "build",
        "--release",
        "-p",
        "onsplan-server",
        "--bin",
        "onsplan",
    ]))?;
    let binary = workspace_root().join("target/release/onsplan");
    let data_dir = std::env::var("ONSPLAN_DATA_DIR").unwrap_or_else(|_| "data".into());
    step(&format!(
        "starting Ons Plan (data folder: {data_dir}; stop with Ctrl-C)"
    ));
    println!("App:      http://127.0.0.1:8080/");
    println!("API:      http://127.0.0.1:8080/api/v1");
    println!("OpenAPI:  http://127.0.0.1:8080/api/v1/openapi.json");
    println!("Health:   http://127.0.0.1:8080/healthz");
    let mut command = std::process::Command::new(binary);
    command.arg("serve").args(extra);
    if std::env::var_os("ONSPLAN_WEB_DIR").is_none() {
        command.env("ONSPLAN_WEB_DIR", web::web_dir());
    }
    if std::env::var_os("ONSPLAN_DATA_DIR").is_none() {
        command.env("ONSPLAN_DATA_DIR", workspace_root().join("data"));
    }
    run_cmd(&mut command)
}
