//! Builds the web app without the `dx` CLI: a release wasm build of `app/`, `wasm-bindgen
//! --target web` (the CLI at the version Cargo.lock pins), `wasm-opt -Oz` from the npm package
//! `binaryen`, content-hashed names under `assets/`, an `index.html` with the CSS inlined and a
//! content security policy, and brotli and gzip variants of every file. The result goes to
//! `target/web`, which the server serves at `/`. Missing tools are installed first, printing
//! each step.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::Context;
use base64::Engine as _;
use sha2::Digest;

use crate::{cargo, pwa, run_cmd, setup, split, step, workspace_root};

/// The wasm features Rust emits, for `wasm-opt`.
pub const WASM_FEATURES: [&str; 6] = [
    "--enable-bulk-memory",
    "--enable-nontrapping-float-to-int",
    "--enable-sign-ext",
    "--enable-mutable-globals",
    "--enable-reference-types",
    "--enable-multivalue",
];

/// The wasm-bindgen output of the last build, before `wasm-opt`.
pub fn bindgen_wasm() -> PathBuf {
    workspace_root().join("target/web-staging/onsplan-app_bg.wasm")
}

/// Where the built web app goes.
pub fn web_dir() -> PathBuf {
    workspace_root().join("target/web")
}

/// Cargo's build folder: `CARGO_TARGET_DIR` when set (worktrees sharing one machine), else
/// the workspace's `target`.
pub fn cargo_target_dir() -> PathBuf {
    std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .map_or_else(
            || workspace_root().join("target"),
            |dir| workspace_root().join(dir),
        )
}

/// Folder of the project-local tools (`wasm-bindgen`).
fn tools_root() -> PathBuf {
    cargo_target_dir().join("tools")
}

/// The version of a package in Cargo.lock.
fn locked_version(package: &str) -> anyhow::Result<String> {
    let lock = std::fs::read_to_string(workspace_root().join("Cargo.lock"))?;
    let marker = format!("name = \"{package}\"\nversion = \"");
    let start = lock
        .find(&marker)
        .with_context(|| format!("{package} is not in Cargo.lock"))?
        + marker.len();
    let end = lock[start..].find('"').context("malformed Cargo.lock")? + start;
    Ok(lock[start..end].to_string())
}

/// Installs what the web build needs when it is missing: the wasm32 target, the wasm-bindgen
/// CLI at the locked version, and the npm packages (binaryen's wasm-opt; axe-core, which the
/// browser journeys inject).
pub fn ensure_tools() -> anyhow::Result<()> {
    step("checking the web build tools (wasm32 target, wasm-bindgen CLI, binaryen, axe-core)");
    setup::ensure_wasm_target()?;
    let version = locked_version("wasm-bindgen")?;
    let bindgen = tools_root().join("bin/wasm-bindgen");
    let have = Command::new(&bindgen)
        .arg("--version")
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_string())
        .unwrap_or_default();
    if have.ends_with(&version) {
        println!("{have} is installed");
    } else {
        println!(
            "installing wasm-bindgen-cli {version} into target/tools (takes a few minutes once)"
        );
        run_cmd(
            cargo()
                .args([
                    "install",
                    "wasm-bindgen-cli",
                    "--version",
                    &version,
                    "--root",
                ])
                .arg(tools_root()),
        )?;
    }
    setup::ensure_npm_packages()
}

/// One file of the built app, for the size report.
pub struct Built {
    pub name: String,
    pub raw: usize,
    pub brotli: usize,
    pub when: Fetched,
}

/// When a browser fetches a file of the built app.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Fetched {
    /// With the page: the page, the glue, the loader script, the main wasm.
    AtStart,
    /// The pieces of the plan overview's screen, which a returning parent opens first.
    FirstScreen,
    /// The pieces of the other screens, each when its screen first opens.
    WhenOpened,
    /// After the page has loaded: the service worker, the manifest, the icons.
    AfterLoad,
}

/// The screen a returning parent opens first, which the first load is counted with.
pub const FIRST_SCREEN: &str = "Plan";

/// Builds the web app into `target/web` and reports the files a first load fetches.
pub fn build() -> anyhow::Result<Vec<Built>> {
    ensure_tools()?;
    step("building the web app (release wasm, wasm-bindgen, split by screen, wasm-opt, precompression)");
    // The splitter follows the linker's relocations and the functions' names.
    run_cmd(
        cargo()
            .env(
                "CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_RUSTFLAGS",
                "-Clink-args=--emit-relocs",
            )
            .args([
                "build",
                "-p",
                "onsplan-app",
                "--target",
                "wasm32-unknown-unknown",
                "--profile",
                "web",
                "--features",
                "split",
            ]),
    )?;
    let root = workspace_root();
    let staging = root.join("target/web-staging");
    let _ = std::fs::remove_dir_all(&staging);
    let original = cargo_target_dir().join("wasm32-unknown-unknown/web/onsplan-app.wasm");
    run_cmd(
        Command::new(tools_root().join("bin/wasm-bindgen"))
            .args(["--target", "web", "--no-typescript"])
            .args(["--keep-lld-exports", "--keep-debug", "--no-demangle"])
            .arg("--out-dir")
            .arg(&staging)
            .arg(&original),
    )?;
    let cut = staging.join("split");
    let pieces = split::split(&original, &bindgen_wasm(), &cut)?;
    let optimise = |from: &Path, to: &Path| {
        run_cmd(
            Command::new(root.join("node_modules/.bin/wasm-opt"))
                .args([
                    "-Oz",
                    "--memory-packing",
                    "--strip-debug",
                    "--strip-producers",
                ])
                .args(WASM_FEATURES)
                .arg(from)
                .arg("-o")
                .arg(to),
        )
    };

    let out = web_dir();
    let _ = std::fs::remove_dir_all(&out);
    std::fs::create_dir_all(out.join("assets"))?;
    let optimised = staging.join("onsplan_app_opt.wasm");
    optimise(&cut.join("main.wasm"), &optimised)?;
    let wasm_name = write_hashed(&out, "onsplan_app", "wasm", &std::fs::read(&optimised)?)?;
    let mut piece_names = Vec::new();
    for piece in &pieces {
        let optimised = cut.join(format!("opt-{}", piece.file));
        optimise(&cut.join(&piece.file), &optimised)?;
        let stem = piece.file.trim_end_matches(".wasm");
        piece_names.push(write_hashed(
            &out,
            stem,
            "wasm",
            &std::fs::read(&optimised)?,
        )?);
    }
    let screens: Vec<String> = piece_names.iter().map(|n| format!("assets/{n}")).collect();
    let urls: Vec<String> = screens.iter().map(|f| format!("/{f}")).collect();
    let first_screen = split::pieces_of(&pieces, FIRST_SCREEN);
    anyhow::ensure!(
        !first_screen.is_empty(),
        "the cut has no screen {FIRST_SCREEN}: the first load could not be counted"
    );
    let first_screen_urls: Vec<&String> = first_screen.iter().map(|n| &urls[*n]).collect();
    let loader_name = write_hashed(
        &out,
        "onsplan_split",
        "js",
        split::loader_script(&pieces, &urls)?.as_bytes(),
    )?;
    // The glue imports the loaders from their hashed file (the wasm keeps asking for them by
    // their first name); they link each piece into the running main module, which they get
    // from the glue.
    let js = std::fs::read_to_string(staging.join("onsplan-app.js"))?.replace(
        &format!("from \"{}\"", split::LOADER_IMPORT),
        &format!("from \"./{loader_name}\""),
    ) + "globalThis.__wasm_split_main_initSync = initSync;\n";
    let js_name = write_hashed(&out, "onsplan_app", "js", js.as_bytes())?;
    let icons = pwa::render_icons(&root.join("app/icons/icon.svg"), &out)?;
    std::fs::write(out.join(pwa::MANIFEST), pwa::manifest(&icons))?;
    let css = std::fs::read_to_string(root.join("app/style.css"))?;
    // Browsers hash inline scripts with line feeds only; a CRLF checkout must hash the same.
    let html = drop_comment_lines(&std::fs::read_to_string(root.join("app/index.html"))?)
        .replace("{{WASM}}", &wasm_name)
        .replace("{{JS}}", &js_name)
        .replace("{{THEME}}", pwa::THEME_COLOUR)
        .replace("{{MANIFEST}}", pwa::MANIFEST)
        .replace("{{APPLE_ICON}}", &icons.apple_180)
        .replace(
            "{{FIRST_SCREEN}}",
            &serde_json::to_string(&first_screen_urls)?,
        )
        .replace("{{CSS}}", &minify_css(&css));
    let html = html.replace("{{CSP}}", &content_security_policy(&html));
    std::fs::write(out.join("index.html"), &html)?;

    // The JS glue imports Dioxus' inline snippets relative to itself.
    let mut files = vec![
        (Fetched::AtStart, "index.html".to_string()),
        (Fetched::AtStart, format!("assets/{js_name}")),
        (Fetched::AtStart, format!("assets/{loader_name}")),
        (Fetched::AtStart, format!("assets/{wasm_name}")),
    ];
    for snippet in copy_tree(&staging.join("snippets"), &out.join("assets/snippets"))? {
        files.push((Fetched::AtStart, format!("assets/snippets/{snippet}")));
    }
    // After the page has loaded it registers the service worker, which keeps the whole shell,
    // and each screen's piece once that screen has been opened.
    let mut shell: Vec<String> = files.iter().map(|(_, f)| f.clone()).collect();
    shell.extend(icons.all().map(String::from));
    shell.push(pwa::MANIFEST.to_string());
    let template = drop_comment_lines(&std::fs::read_to_string(root.join("app/sw.js"))?);
    std::fs::write(
        out.join(pwa::SERVICE_WORKER),
        pwa::service_worker(&template, &out, &shell, &screens)?,
    )?;
    for (n, name) in screens.into_iter().enumerate() {
        let when = if first_screen.contains(&n) {
            Fetched::FirstScreen
        } else {
            Fetched::WhenOpened
        };
        files.push((when, name));
    }
    files.push((Fetched::AfterLoad, pwa::SERVICE_WORKER.to_string()));
    files.push((Fetched::AfterLoad, pwa::MANIFEST.to_string()));
    files.extend(icons.all().map(|i| (Fetched::AfterLoad, i.to_string())));
    let mut report = Vec::new();
    for (when, relative) in files {
        let path = out.join(&relative);
        let bytes = std::fs::read(&path)?;
        let brotli = compress(&path, &bytes)?;
        report.push(Built {
            name: relative,
            raw: bytes.len(),
            brotli,
            when,
        });
    }
    print_report(&report);
    Ok(report)
}

/// Writes `bytes` to `assets/<stem>-<hash>.<ext>` in `out`; answers the file name.
fn write_hashed(out: &Path, stem: &str, ext: &str, bytes: &[u8]) -> anyhow::Result<String> {
    let name = format!("{stem}-{}.{ext}", short_hash(bytes));
    std::fs::write(out.join("assets").join(&name), bytes)?;
    Ok(name)
}

pub fn print_report(report: &[Built]) {
    for (title, when) in [
        ("the page and the app's core", Fetched::AtStart),
        ("the plan overview's screen", Fetched::FirstScreen),
        ("other screens, when first opened", Fetched::WhenOpened),
        ("after load, for the service worker", Fetched::AfterLoad),
    ] {
        println!("{title:<48} {:>10} {:>10}", "raw", "brotli");
        let files: Vec<&Built> = report.iter().filter(|f| f.when == when).collect();
        for file in &files {
            println!("{:<48} {:>10} {:>10}", file.name, file.raw, file.brotli);
        }
        let raw: usize = files.iter().map(|f| f.raw).sum();
        let brotli: usize = files.iter().map(|f| f.brotli).sum();
        println!("{:<48} {raw:>10} {brotli:>10}", "total");
    }
    println!(
        "{:<48} {:>21}",
        "first load of the plan overview (brotli)",
        brotli_total(report)
    );
}

/// What a first load of the plan overview transfers before it shows: the brotli bytes of the
/// page's files and of the overview's screen (not other screens, nor what the service worker
/// fetches after load).
pub fn brotli_total(report: &[Built]) -> usize {
    report
        .iter()
        .filter(|f| matches!(f.when, Fetched::AtStart | Fetched::FirstScreen))
        .map(|f| f.brotli)
        .sum()
}

/// Copies a folder; answers the copied files' paths relative to it.
fn copy_tree(from: &Path, to: &Path) -> anyhow::Result<Vec<String>> {
    let mut copied = Vec::new();
    if !from.exists() {
        return Ok(copied);
    }
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        if entry.file_type()?.is_dir() {
            for inner in copy_tree(&entry.path(), &to.join(&name))? {
                copied.push(format!("{name}/{inner}"));
            }
        } else {
            std::fs::copy(entry.path(), to.join(&name))?;
            copied.push(name);
        }
    }
    Ok(copied)
}

fn short_hash(bytes: &[u8]) -> String {
    let digest = sha2::Sha256::digest(bytes);
    digest[..6].iter().map(|b| format!("{b:02x}")).collect()
}

/// The page's content security policy: scripts only from this origin plus the page's own
/// inline scripts (by hash), calls and images only to this origin. It guards the access token
/// the early script briefly holds. `'unsafe-eval'`, not `'wasm-unsafe-eval'`: browsers before
/// Safari 16 and Chrome 97 (iPhones stuck on iOS 15) know only the first and would refuse to
/// compile the wasm; the app itself builds no code from strings.
fn content_security_policy(html: &str) -> String {
    let hashes: Vec<String> = inline_scripts(html)
        .into_iter()
        .map(|script| {
            let digest = sha2::Sha256::digest(script.as_bytes());
            format!(
                "'sha256-{}'",
                base64::engine::general_purpose::STANDARD.encode(digest)
            )
        })
        .collect();
    format!(
        "default-src 'self'; script-src 'self' 'unsafe-eval' {}; style-src 'self' \
         'unsafe-inline'; img-src 'self' data:; connect-src 'self'; worker-src 'self'; \
         manifest-src 'self'; object-src 'none'; base-uri 'none'; form-action 'self'",
        hashes.join(" ")
    )
}

/// The bodies of the `<script>` elements without a `src`.
fn inline_scripts(html: &str) -> Vec<&str> {
    let mut scripts = Vec::new();
    let mut rest = html;
    while let Some(start) = rest.find("<script") {
        let Some(open_end) = rest[start..].find('>').map(|i| start + i + 1) else {
            break;
        };
        let Some(close) = rest[open_end..].find("</script>").map(|i| open_end + i) else {
            break;
        };
        if !rest[start..open_end].contains("src=") {
            scripts.push(&rest[open_end..close]);
        }
        rest = &rest[close..];
    }
    scripts
}

/// Drops the lines that are only a `//` comment (in the page's scripts and the service
/// worker: documentation for the repository, not bytes for a phone), with line feeds only.
pub fn drop_comment_lines(text: &str) -> String {
    text.replace("\r\n", "\n")
        .lines()
        .filter(|line| !line.trim_start().starts_with("//"))
        .map(|line| format!("{line}\n"))
        .collect()
}

/// Drops comments and line breaks; the stylesheet is small and written compactly already.
fn minify_css(css: &str) -> String {
    let mut out = String::with_capacity(css.len());
    let mut rest = css;
    while let Some(start) = rest.find("/*") {
        out.push_str(&rest[..start]);
        rest = rest[start..]
            .find("*/")
            .map_or("", |end| &rest[start + end + 2..]);
    }
    out.push_str(rest);
    out.lines().map(str::trim).collect::<Vec<_>>().join("")
}

/// Writes `<file>.br` and `<file>.gz`; answers the brotli size.
fn compress(path: &Path, bytes: &[u8]) -> anyhow::Result<usize> {
    let mut br = Vec::new();
    {
        let mut writer = brotli::CompressorWriter::new(&mut br, 4096, 11, 22);
        writer.write_all(bytes)?;
    }
    let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    gz.write_all(bytes)?;
    let gz = gz.finish()?;
    let mut name = path.as_os_str().to_owned();
    name.push(".br");
    std::fs::write(&name, &br)?;
    let mut name = path.as_os_str().to_owned();
    name.push(".gz");
    std::fs::write(&name, &gz)?;
    Ok(br.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_policy_allows_exactly_the_inline_scripts_of_the_page() {
        let html = "<meta content=\"{{CSP}}\"><script>a()</script>\
                    <script type=\"module\">b()</script><script src=\"/x.js\"></script>";
        assert_eq!(inline_scripts(html), ["a()", "b()"]);
        let policy = content_security_policy(html);
        let expected =
            base64::engine::general_purpose::STANDARD.encode(sha2::Sha256::digest(b"a()"));
        assert!(policy.contains(&format!("'sha256-{expected}'")), "{policy}");
        assert_eq!(policy.matches("'sha256-").count(), 2, "{policy}");
        assert!(
            policy.contains("script-src 'self' 'unsafe-eval' 'sha256-"),
            "{policy}"
        );
    }

    #[test]
    fn comment_lines_are_dropped_and_code_is_kept() {
        let page = "<script>\r\n// why\n  // more\nvar url = \"http://x\"; // kept\n</script>\n";
        assert_eq!(
            drop_comment_lines(page),
            "<script>\nvar url = \"http://x\"; // kept\n</script>\n"
        );
    }
}
