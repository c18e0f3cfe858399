//! The desktop build, started for real: `cargo xtask test` builds the `desktop` app, starts it
//! in a virtual X display (Xvfb), waits for the WebView to show the welcome screen's heading
//! (the app's probe prints it), and saves a screenshot of the window to
//! `tests/artifacts/desktop-welcome.png`.

use std::io::{BufRead, BufReader};
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::Duration;

use crate::{cargo, run_cmd, setup, web, workspace_root};

/// A display number no desktop session uses.
const DISPLAY: &str = ":77";
/// How long the WebView may take to show its first screen (a cold WebKit start is slow).
const START_LIMIT: Duration = Duration::from_secs(120);
/// The welcome screen's heading, in the default language.
const WELCOME_HEADING: &str = "Ons Plan";

/// Kills the child when dropped, so a failed check leaves no X server or app behind.
struct Running(Child);

impl Drop for Running {
    fn drop(&mut self) {
        let _ = self.0.kill();
        let _ = self.0.wait();
    }
}

pub fn probe() -> anyhow::Result<()> {
    for package in ["xvfb", "imagemagick", "xauth"] {
        setup::ensure_debian_package(package)?;
    }
    run_cmd(cargo().args([
        "build",
        "-p",
        "onsplan-app",
        "--no-default-features",
        "--features",
        "desktop",
    ]))?;
    let binary = web::cargo_target_dir().join("debug/onsplan-app");

    let _xvfb = Running(
        Command::new("Xvfb")
            .args([DISPLAY, "-screen", "0", "1024x768x24", "-nolisten", "tcp"])
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()?,
    );
    std::thread::sleep(Duration::from_secs(1));
    let mut app = Running(
        Command::new(&binary)
            .env("DISPLAY", DISPLAY)
            .env("ONSPLAN_DESKTOP_PROBE", "1")
            // No GPU in a virtual display; WebKit's own sandbox needs namespaces CI lacks.
            .env("WEBKIT_DISABLE_COMPOSITING_MODE", "1")
            .env("WEBKIT_DISABLE_DMABUF_RENDERER", "1")
            .env("WEBKIT_DISABLE_SANDBOX_THIS_IS_DANGEROUS", "1")
            .env("LIBGL_ALWAYS_SOFTWARE", "1")
            .stdout(Stdio::piped())
            .stderr(Stdio::null())
            .spawn()?,
    );
    let stdout = app.0.stdout.take().expect("piped");
    let (lines, heard) = mpsc::channel();
    std::thread::spawn(move || {
        for line in BufReader::new(stdout).lines().map_while(Result::ok) {
            if lines.send(line).is_err() {
                break;
            }
        }
    });
    let heading = loop {
        let line = heard.recv_timeout(START_LIMIT).map_err(|_| {
            anyhow::anyhow!("the desktop app showed no heading within {START_LIMIT:?}")
        })?;
        if let Some(result) = line.strip_prefix("desktop probe: ") {
            break result.to_string();
        }
    };
    anyhow::ensure!(
        heading == format!("h1={WELCOME_HEADING}"),
        "the desktop app's first screen is not the welcome screen: {heading}"
    );
    // Let the page finish painting before the picture.
    std::thread::sleep(Duration::from_secs(2));
    let shot = workspace_root().join("tests/artifacts/desktop-welcome.png");
    std::fs::create_dir_all(shot.parent().expect("a folder"))?;
    run_cmd(
        Command::new("import")
            .env("DISPLAY", DISPLAY)
            .args(["-window", "root"])
            .arg(&shot),
    )?;
    let bytes = std::fs::metadata(&shot)?.len();
    println!(
        "the desktop app shows the welcome screen ({heading}); screenshot {} ({bytes} B)",
        shot.display()
    );
    Ok(())
}
