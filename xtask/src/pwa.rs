//! What makes the web app installable and quick on a repeat visit: the app icons rendered from
//! the one SVG in `app/icons/icon.svg` (192 and 512 px, a maskable 512 px variant, the 180 px
//! apple-touch-icon), the web app manifest, and the service worker (`app/sw.js`) filled in
//! with this build's app shell and a cache name derived from the shell's content.

use std::path::Path;

use anyhow::Context;
use resvg::{tiny_skia, usvg};
use sha2::Digest;

/// The theme colour of the manifest, the page's `theme-color` and the icon's background.
pub const THEME_COLOUR: &str = "#1d4e89";
/// Where the manifest is served; not content-hashed, so the app's identity stays put.
pub const MANIFEST: &str = "manifest.webmanifest";
/// Where the service worker is served; at the root, so its scope is the whole app.
pub const SERVICE_WORKER: &str = "sw.js";

/// The icons of one build, as paths below the web folder.
pub struct Icons {
    pub any_192: String,
    pub any_512: String,
    pub maskable_512: String,
    pub apple_180: String,
}

impl Icons {
    pub fn all(&self) -> [&str; 4] {
        [
            &self.any_192,
            &self.any_512,
            &self.maskable_512,
            &self.apple_180,
        ]
    }
}

/// Renders every icon from `svg` into `out/assets/` under content-hashed names.
pub fn render_icons(svg: &Path, out: &Path) -> anyhow::Result<Icons> {
    let data = std::fs::read(svg).with_context(|| format!("reading {}", svg.display()))?;
    let tree = usvg::Tree::from_data(&data, &usvg::Options::default())
        .with_context(|| format!("parsing {}", svg.display()))?;
    let write = |name: &str, size: u32, maskable: bool| -> anyhow::Result<String> {
        let png = render(&tree, size, maskable)?;
        let path = format!("assets/{name}-{}.png", short_hash(&png));
        std::fs::write(out.join(&path), &png)?;
        Ok(path)
    };
    Ok(Icons {
        any_192: write("icon-192", 192, false)?,
        any_512: write("icon-512", 512, false)?,
        maskable_512: write("icon-maskable-512", 512, true)?,
        apple_180: write("apple-touch-icon-180", 180, false)?,
    })
}

/// One square PNG. The maskable variant shrinks the artwork to 80% on a full background, so
/// the circle or squircle a launcher cuts out never clips it.
fn render(tree: &usvg::Tree, size: u32, maskable: bool) -> anyhow::Result<Vec<u8>> {
    let mut pixmap = tiny_skia::Pixmap::new(size, size).context("icon size")?;
    let side = size as f32;
    let (scale, offset) = if maskable {
        let (r, g, b) = rgb(THEME_COLOUR);
        pixmap.fill(tiny_skia::Color::from_rgba8(r, g, b, 255));
        (0.8, side * 0.1)
    } else {
        (1.0, 0.0)
    };
    let fit = side / tree.size().width().max(tree.size().height()) * scale;
    let transform = tiny_skia::Transform::from_scale(fit, fit).post_translate(offset, offset);
    resvg::render(tree, transform, &mut pixmap.as_mut());
    pixmap.encode_png().context("encoding the icon")
}

fn rgb(hex: &str) -> (u8, u8, u8) {
    let channel = |i: usize| u8::from_str_radix(&hex[i..i + 2], 16).unwrap_or(0);
    (channel(1), channel(3), channel(5))
}

/// The web app manifest: Dutch names, standalone, starting at the app's home (which opens the
/// plan when the parent is logged in).
pub fn manifest(icons: &Icons) -> String {
    let icon = |path: &str, size: u32, purpose: &str| {
        serde_json::json!({"src": format!("/{path}"), "sizes": format!("{size}x{size}"),
                           "type": "image/png", "purpose": purpose})
    };
    let manifest = serde_json::json!({
        "id": "/",
        "name": "Ons Plan",
        "short_name": "Ons Plan",
        "description": "Het plan van jullie gezin, samen gemaakt en altijd bij de hand.",
        "lang": "nl",
        "dir": "ltr",
        "start_url": "/",
        "scope": "/",
        "display": "standalone",
        "orientation": "portrait",
        "background_color": "#f6f7f9",
        "theme_color": THEME_COLOUR,
        "icons": [
            icon(&icons.any_192, 192, "any"),
            icon(&icons.any_512, 512, "any"),
            icon(&icons.maskable_512, 512, "maskable"),
        ],
    });
    serde_json::to_string_pretty(&manifest).unwrap_or_default()
}

/// The service worker for this build: `template` (`app/sw.js`) with the cache name, the app
/// shell and the screens' pieces (kept once opened) filled in. The cache name changes exactly
/// when a file of either changes.
pub fn service_worker(
    template: &str,
    out: &Path,
    shell: &[String],
    screens: &[String],
) -> anyhow::Result<String> {
    let mut digest = sha2::Sha256::new();
    for file in shell.iter().chain(screens) {
        digest.update(file.as_bytes());
        digest.update(std::fs::read(out.join(file))?);
    }
    let version: String = digest.finalize()[..8]
        .iter()
        .map(|b| format!("{b:02x}"))
        .collect();
    // The page itself is cached under "/", the address every navigation falls back to.
    let urls: Vec<String> = shell
        .iter()
        .map(|f| {
            if f == "index.html" {
                "/".to_string()
            } else {
                format!("/{f}")
            }
        })
        .collect();
    let screens: Vec<String> = screens.iter().map(|f| format!("/{f}")).collect();
    Ok(template
        .replace("{{CACHE}}", &format!("onsplan-shell-{version}"))
        .replace("{{SHELL}}", &serde_json::to_string(&urls)?)
        .replace("{{SCREENS}}", &serde_json::to_string(&screens)?))
}

fn short_hash(bytes: &[u8]) -> String {
    let digest = sha2::Sha256::digest(bytes);
    digest[..6].iter().map(|b| format!("{b:02x}")).collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_cache_name_follows_the_content_of_the_shell() {
        let dir = std::env::temp_dir().join(format!("onsplan-pwa-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("assets")).unwrap();
        std::fs::write(dir.join("index.html"), "<html>one</html>").unwrap();
        std::fs::write(dir.join("assets/app-1.js"), "js").unwrap();
        std::fs::write(dir.join("assets/screen-1.wasm"), "wasm").unwrap();
        let shell = ["index.html".to_string(), "assets/app-1.js".to_string()];
        let screens = ["assets/screen-1.wasm".to_string()];
        let template =
            "const CACHE = \"{{CACHE}}\"; const SHELL = {{SHELL}}; const SCREENS = {{SCREENS}};";
        let first = service_worker(template, &dir, &shell, &screens).unwrap();
        assert!(first.contains("\"onsplan-shell-"), "{first}");
        assert!(first.contains(r#"["/","/assets/app-1.js"]"#), "{first}");
        assert!(first.contains(r#"["/assets/screen-1.wasm"]"#), "{first}");
        assert_eq!(
            service_worker(template, &dir, &shell, &screens).unwrap(),
            first
        );
        std::fs::write(dir.join("assets/screen-1.wasm"), "other").unwrap();
        let second = service_worker(template, &dir, &shell, &screens).unwrap();
        assert_ne!(second, first);
        std::fs::write(dir.join("index.html"), "<html>two</html>").unwrap();
        assert_ne!(
            service_worker(template, &dir, &shell, &screens).unwrap(),
            second
        );
        std::fs::remove_dir_all(dir).unwrap();
    }

    #[test]
    fn icons_are_rendered_at_the_sizes_the_manifest_names() {
        let dir = std::env::temp_dir().join(format!("onsplan-icons-{}", std::process::id()));
        std::fs::create_dir_all(dir.join("assets")).unwrap();
        let svg = Path::new(env!("CARGO_MANIFEST_DIR")).join("../app/icons/icon.svg");
        let icons = render_icons(&svg, &dir).unwrap();
        for (path, size) in [
            (&icons.any_192, 192),
            (&icons.any_512, 512),
            (&icons.maskable_512, 512),
            (&icons.apple_180, 180),
        ] {
            let png = tiny_skia::Pixmap::load_png(dir.join(path)).unwrap();
            assert_eq!((png.width(), png.height()), (size, size), "{path}");
        }
        let manifest: serde_json::Value = serde_json::from_str(&manifest(&icons)).unwrap();
        assert_eq!(manifest["display"], "standalone");
        assert_eq!(manifest["icons"][2]["purpose"], "maskable");
        std::fs::remove_dir_all(dir).unwrap();
    }
}
