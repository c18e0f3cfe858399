//! Cuts the web app's wasm into the part every screen needs and one module per screen, which
//! the browser fetches when that screen first opens. The app's `split` feature makes Dioxus'
//! router mark every route as a split point; `wasm-split-cli` (the library `dx --wasm-split`
//! uses) does the cutting from the linker's relocations. This module writes the pieces and
//! the loader script the wasm-bindgen glue imports.

use std::collections::BTreeSet;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context;

/// The name the wasm-bindgen glue imports the loader script under.
pub const LOADER_IMPORT: &str = "./__wasm_split.js";

/// One piece cut off the main module: a screen, or code two screens share.
pub struct Piece {
    /// File name in the folder the pieces were written to.
    pub file: String,
    /// The screen's route name (`Plan`, `EditSection`); `None` for shared code.
    pub screen: Option<String>,
    /// The name of the loader the main module calls for it.
    loader: String,
    /// The shared pieces (indices into the pieces) that must load first.
    pub needs: BTreeSet<usize>,
}

/// Splits `original` (rustc's output, linked with `--emit-relocs`) as wasm-bindgen left it in
/// `bindgened`; writes `main.wasm` and the pieces to `out`.
pub fn split(original: &Path, bindgened: &Path, out: &Path) -> anyhow::Result<Vec<Piece>> {
    let original = std::fs::read(original)?;
    let bindgened = std::fs::read(bindgened)?;
    let cut = wasm_split_cli::Splitter::new(&original, &bindgened)
        .context("the splitter could not read the wasm")?
        .emit()
        .context("the splitter could not cut the wasm")?;
    let _ = std::fs::remove_dir_all(out);
    std::fs::create_dir_all(out)?;
    std::fs::write(
        out.join("main.wasm"),
        with_data_of(&cut.main.bytes, &bindgened)?,
    )?;
    let mut pieces = Vec::new();
    for (idx, chunk) in cut.chunks.iter().enumerate() {
        let file = format!("shared-{idx}.wasm");
        std::fs::write(out.join(&file), &chunk.bytes)?;
        pieces.push(Piece {
            file,
            screen: None,
            loader: format!("__wasm_split_load_chunk_{idx}"),
            needs: chunk.relies_on_chunks.iter().copied().collect(),
        });
    }
    for module in &cut.modules {
        let component = module
            .component_name
            .as_deref()
            .context("a split module without a name")?;
        let hash = module
            .hash_id
            .as_deref()
            .context("a split module without an id")?;
        let screen = screen_name(component).to_string();
        let file = format!("screen-{}.wasm", screen.to_lowercase());
        std::fs::write(out.join(&file), &module.bytes)?;
        pieces.push(Piece {
            file,
            screen: Some(screen),
            loader: format!(
                "__wasm_split_load_{}_{hash}_{component}",
                module.module_name
            ),
            needs: module.relies_on_chunks.iter().copied().collect(),
        });
    }
    Ok(pieces)
}

/// `main` with its first data segment as in `bindgened`. The splitter zeroes there the data
/// only the cut-off screens use, so that `wasm-opt` can drop it; but a string the linker
/// placed inside a dropped one is zeroed with it (DioxusLabs/dioxus#5764), and the app then
/// calls an empty address. All data stays in the main module instead.
fn with_data_of(main: &[u8], bindgened: &[u8]) -> anyhow::Result<Vec<u8>> {
    let source = walrus::Module::from_buffer(bindgened)?;
    let mut main = walrus::Module::from_buffer(main)?;
    let whole = source.data.iter().next().context("the wasm has no data")?;
    let first = main
        .data
        .iter()
        .next()
        .map(|d| d.id())
        .context("the main module has no data")?;
    let cut = main.data.get_mut(first);
    anyhow::ensure!(
        cut.value.len() == whole.value.len(),
        "the main module's data no longer matches the wasm's"
    );
    cut.value.clone_from(&whole.value);
    Ok(main.emit_wasm())
}

/// The route's name in the splitter's component name `route<Name><32 hex digits>`.
fn screen_name(component: &str) -> &str {
    let name = component.strip_prefix("route").unwrap_or(component);
    let cut = name.len().saturating_sub(32);
    if name.len() > 32 && name[cut..].bytes().all(|b| b.is_ascii_hexdigit()) {
        &name[..cut]
    } else {
        name
    }
}

/// The loader script: one loader per piece, fetching it from `urls[i]` (after its shared
/// pieces) and linking it into the running main module.
pub fn loader_script(pieces: &[Piece], urls: &[String]) -> anyhow::Result<String> {
    let mut script = wasm_split_cli::MAKE_LOAD_JS.to_string();
    for (piece, url) in pieces.iter().zip(urls) {
        let needs: Vec<String> = piece
            .needs
            .iter()
            .map(|n| pieces[*n].loader.clone())
            .collect();
        writeln!(
            script,
            "export const {} = makeLoad({url:?}, [{}], fusedImports);",
            piece.loader,
            needs.join(", ")
        )?;
    }
    Ok(script)
}

/// The pieces the screen `screen` needs: its own and the shared ones it relies on, in the
/// order they load.
pub fn pieces_of(pieces: &[Piece], screen: &str) -> Vec<usize> {
    let Some(own) = pieces
        .iter()
        .position(|p| p.screen.as_deref() == Some(screen))
    else {
        return Vec::new();
    };
    let mut all: Vec<usize> = pieces[own].needs.iter().copied().collect();
    all.push(own);
    all
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_screen_is_named_after_its_route() {
        assert_eq!(
            screen_name("routePlan8e7594fdd76377711104c93699a7f8ce"),
            "Plan"
        );
        assert_eq!(
            screen_name("routeEditSectionc8de56b2a4c43dc1cab53d1f87fbcb3a"),
            "EditSection"
        );
        assert_eq!(screen_name("odd"), "odd");
    }

    #[test]
    fn a_loader_loads_the_shared_pieces_its_screen_needs_first() {
        let pieces = vec![
            Piece {
                file: "shared-0.wasm".into(),
                screen: None,
                loader: "__wasm_split_load_chunk_0".into(),
                needs: BTreeSet::new(),
            },
            Piece {
                file: "screen-plan.wasm".into(),
                screen: Some("Plan".into()),
                loader: "__wasm_split_load_modulePlan_x_routePlan".into(),
                needs: BTreeSet::from([0]),
            },
        ];
        let urls = vec!["/assets/a.wasm".to_string(), "/assets/b.wasm".to_string()];
        let script = loader_script(&pieces, &urls).unwrap();
        assert!(script.contains(
            "export const __wasm_split_load_modulePlan_x_routePlan = \
             makeLoad(\"/assets/b.wasm\", [__wasm_split_load_chunk_0], fusedImports);"
        ));
        assert_eq!(pieces_of(&pieces, "Plan"), vec![0, 1]);
        assert!(pieces_of(&pieces, "Nowhere").is_empty());
    }
}
