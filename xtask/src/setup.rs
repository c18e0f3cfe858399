//! Installs and checks what the tests need on a fresh machine, printing each step: the rustfmt
//! and clippy components, the wasm32 target, libpq for diesel's PostgreSQL backend, poppler-utils
//! (the tests read PDFs with pdftotext), a
//! running PostgreSQL server, and the npm packages of `package.json` (binaryen, axe-core).

use std::net::TcpStream;
use std::process::Command;
use std::time::Duration;

use crate::{run_cmd, step, succeeds, workspace_root};

pub fn prepare() -> anyhow::Result<()> {
    step("checking the Rust toolchain (rustfmt, clippy, wasm32 target)");
    ensure_rustup_parts()?;
    step("checking libpq (PostgreSQL client library)");
    ensure_debian_package("libpq-dev")?;
    step("checking poppler-utils (pdftotext and pdftoppm read the plan's PDFs in the tests)");
    ensure_debian_package("poppler-utils")?;
    step("checking PostgreSQL on 127.0.0.1:5432");
    ensure_postgres()?;
    Ok(())
}

fn ensure_rustup_parts() -> anyhow::Result<()> {
    let has_rustup = succeeds(Command::new("rustup").arg("--version"));
    if !has_rustup {
        println!("rustup not found; assuming rustfmt, clippy and wasm32 are provided otherwise");
        return Ok(());
    }
    run_cmd(Command::new("rustup").args(["component", "add", "rustfmt", "clippy"]))?;
    ensure_wasm_target()
}

/// Adds the wasm32 target with rustup when it is missing.
pub fn ensure_wasm_target() -> anyhow::Result<()> {
    if !succeeds(Command::new("rustup").arg("--version")) {
        return Ok(());
    }
    let installed = Command::new("rustup")
        .args(["target", "list", "--installed"])
        .output()?;
    if String::from_utf8_lossy(&installed.stdout).contains("wasm32-unknown-unknown") {
        println!("wasm32-unknown-unknown is installed");
        Ok(())
    } else {
        run_cmd(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))
    }
}

/// Installs a Debian package with apt-get when dpkg does not know it.
pub fn ensure_debian_package(name: &str) -> anyhow::Result<()> {
    if succeeds(Command::new("dpkg").args(["-s", name])) {
        println!("{name} is installed");
        return Ok(());
    }
    if !succeeds(Command::new("apt-get").arg("--version")) {
        anyhow::bail!("{name} is missing and apt-get is not available: install it by hand");
    }
    println!("installing {name} with apt-get");
    // Another install on the machine holds dpkg's lock for a while: wait for it, not fail.
    let lock_wait = "DPkg::Lock::Timeout=600";
    run_cmd(Command::new("apt-get").args(["-o", lock_wait, "update", "-q"]))?;
    run_cmd(
        Command::new("apt-get")
            .args([
                "-o",
                lock_wait,
                "install",
                "-y",
                "-q",
                "--no-install-recommends",
                name,
            ])
            .env("DEBIAN_FRONTEND", "noninteractive"),
    )
}

fn postgres_is_up() -> bool {
    TcpStream::connect_timeout(&"127.0.0.1:5432".parse().unwrap(), Duration::from_secs(2)).is_ok()
}

fn ensure_postgres() -> anyhow::Result<()> {
    if postgres_is_up() {
        println!("PostgreSQL answers");
        return Ok(());
    }
    println!("PostgreSQL does not answer; trying to start the local cluster");
    if let Ok(versions) = std::fs::read_dir("/etc/postgresql") {
        for version in versions.flatten() {
            let version = version.file_name().to_string_lossy().into_owned();
            let _ = run_cmd(Command::new("pg_ctlcluster").args([
                "--skip-systemctl-redirect",
                &version,
                "main",
                "start",
            ]));
        }
    }
    for _ in 0..30 {
        if postgres_is_up() {
            println!("PostgreSQL answers");
            return Ok(());
        }
        std::thread::sleep(Duration::from_secs(1));
    }
    anyhow::bail!(
        "PostgreSQL is needed on 127.0.0.1:5432 (trust auth, user postgres); set \
         ONSPLAN_TEST_POSTGRES_URL to use another server"
    )
}

/// Installs the npm packages of `package.json` (`npm ci`) when one is missing: binaryen's
/// `wasm-opt` for the web build and `axe-core`, which the browser journeys inject into every
/// screen they visit.
pub fn ensure_npm_packages() -> anyhow::Result<()> {
    let root = workspace_root();
    let wasm_opt = succeeds(Command::new(root.join("node_modules/.bin/wasm-opt")).arg("--version"));
    let axe = root.join("node_modules/axe-core/axe.min.js").is_file();
    if wasm_opt && axe {
        println!("binaryen's wasm-opt and axe-core are installed");
        return Ok(());
    }
    if !succeeds(Command::new("npm").arg("--version")) {
        ensure_debian_package("npm")?;
    }
    println!("installing binaryen and axe-core with npm (package.json)");
    run_cmd(Command::new("npm").args(["ci", "--no-audit", "--no-fund"]))
}

/// Installs Debian's Chromium and its WebDriver when missing, for the browser tests.
pub fn ensure_browser() -> anyhow::Result<()> {
    step("checking Chromium and chromedriver (browser tests)");
    ensure_debian_package("chromium")?;
    ensure_debian_package("chromium-driver")
}
