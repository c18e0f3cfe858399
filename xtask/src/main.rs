//! Project tasks behind the README's two commands:
//! - `cargo xtask run`: build the server in release mode and start it with the embedded
//!   defaults (SQLite in `./data`).
//! - `cargo xtask test`: install what the tests need, then run every check and test, on SQLite
//!   and on PostgreSQL, and the browser tests. `.ci/run` calls exactly this.
//! - `cargo xtask build-web`: only build the web app into `target/web`.
//! - `cargo xtask bench-web`: build the web app, report its bytes and its throttled first load.

mod bench;
mod bench_web;
mod desktop;
mod fuzz;
mod pwa;
mod run;
mod setup;
mod smoke;
mod split;
mod test;
mod wasm_size;
mod web;

use std::process::{Command, ExitCode};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let result = match args.first().map(String::as_str) {
        Some("run") => run::run(&args[1..]),
        Some("test") => test::test(&args[1..]),
        Some("bench") => bench::bench(&args[1..]),
        Some("fuzz") => fuzz::fuzz(&args[1..]),
        Some("crash") => bench::crash(&args[1..]),
        Some("bench-pdf") => bench::bench_pdf(&args[1..]),
        Some("build-web") => web::build().map(drop),
        Some("bench-web") => bench_web::bench_web(),
        Some("desktop-probe") => desktop::probe(),
        Some("wasm-size") => wasm_size::report(&web::bindgen_wasm()),
        _ => {
            eprintln!("usage: cargo xtask <run|test|bench|crash|fuzz>");
            eprintln!(
                "  run   build and start Ons Plan on http://127.0.0.1:8080 (SQLite in ./data)"
            );
            eprintln!("  test  install test prerequisites and run every check and test");
            eprintln!("  bench build release binaries and print the load benchmark (--families N, --seconds S)");
            eprintln!("  bench-pdf  build release binaries and time the PDF of a plan with 500 agreements");
            eprintln!("  crash kill -9 the server under load 20 times and check nothing acknowledged was lost");
            eprintln!("  fuzz  run schemathesis against the OpenAPI document of a local server");
            eprintln!("  build-web  build the web app into target/web");
            eprintln!("  bench-web  measure the web app's first load on a throttled cheap phone");
            eprintln!("  wasm-size  print where the built web app's wasm bytes go, by crate");
            eprintln!("  desktop-probe  start the desktop app under Xvfb and screenshot its welcome screen");
            return ExitCode::from(2);
        }
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(err) => {
            eprintln!("xtask: {err:#}");
            ExitCode::FAILURE
        }
    }
}

/// Prints a step header, so long runs show where they are.
pub fn step(title: &str) {
    println!("\n==> {title}");
}

/// Runs a command in the workspace root, echoing it, and fails when it fails.
pub fn run_cmd(cmd: &mut Command) -> anyhow::Result<()> {
    println!("$ {}", describe(cmd));
    let status = cmd.current_dir(workspace_root()).status()?;
    anyhow::ensure!(status.success(), "`{}` failed with {status}", describe(cmd));
    Ok(())
}

/// True when a command runs and exits successfully (output hidden).
pub fn succeeds(cmd: &mut Command) -> bool {
    cmd.stdout(std::process::Stdio::null())
        .stderr(std::process::Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

fn describe(cmd: &Command) -> String {
    let envs: Vec<String> = cmd
        .get_envs()
        .filter_map(|(k, v)| Some(format!("{}={}", k.to_str()?, v?.to_str()?)))
        .collect();
    let args: Vec<String> = cmd
        .get_args()
        .map(|a| a.to_string_lossy().into_owned())
        .collect();
    format!(
        "{}{}{} {}",
        envs.join(" "),
        if envs.is_empty() { "" } else { " " },
        cmd.get_program().to_string_lossy(),
        args.join(" ")
    )
}

pub fn workspace_root() -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("xtask lives in the workspace")
        .to_path_buf()
}

pub fn cargo() -> Command {
    Command::new(std::env::var("CARGO").unwrap_or_else(|_| "cargo".into()))
}
