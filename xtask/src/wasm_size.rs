//! Where the web app's wasm bytes go, by crate: the wasm is optimised once more with its
//! function names kept (`wasm-opt -Oz -g`, the same code as the shipped file), then every
//! function body's size is added to the crate its (demangled) name starts with. Printed by
//! `cargo xtask bench-web`; the README's table comes from it.

use std::collections::BTreeMap;
use std::path::Path;
use std::process::Command;

use anyhow::Context;

use crate::{run_cmd, workspace_root};

/// Optimises `input` keeping names, and prints the bytes by crate.
pub fn report(input: &Path) -> anyhow::Result<()> {
    let named = input.with_file_name("onsplan_app_named.wasm");
    run_cmd(
        Command::new(workspace_root().join("node_modules/.bin/wasm-opt"))
            .args(["-Oz", "-g", "--strip-producers"])
            .args(crate::web::WASM_FEATURES)
            .arg(input)
            .arg("-o")
            .arg(&named),
    )?;
    let bytes = std::fs::read(&named)?;
    let sizes = by_crate(&bytes)?;
    let total: usize = sizes.values().sum();
    let mut rows: Vec<(&String, &usize)> = sizes.iter().collect();
    rows.sort_by(|a, b| b.1.cmp(a.1));
    println!(
        "{:<40} {:>10} {:>6}",
        "wasm code and data by crate", "bytes", "share"
    );
    for (name, size) in rows.iter().take(25) {
        println!(
            "{name:<40} {size:>10} {:>5.1}%",
            **size as f64 * 100.0 / total as f64
        );
    }
    println!("{:<40} {total:>10}", "total (without the name section)");
    Ok(())
}

/// Reads an unsigned LEB128 number at `at`; answers it and the position after it.
fn leb(bytes: &[u8], mut at: usize) -> anyhow::Result<(usize, usize)> {
    let (mut value, mut shift) = (0usize, 0);
    loop {
        let byte = *bytes.get(at).context("truncated wasm")?;
        at += 1;
        value |= usize::from(byte & 0x7f) << shift;
        shift += 7;
        if byte < 0x80 {
            return Ok((value, at));
        }
    }
}

/// The bytes of function bodies per crate, plus the data section and everything else.
fn by_crate(bytes: &[u8]) -> anyhow::Result<BTreeMap<String, usize>> {
    let mut at = 8;
    let mut imported_functions = 0;
    let mut bodies = Vec::new();
    let mut names = BTreeMap::new();
    let mut sizes: BTreeMap<String, usize> = BTreeMap::new();
    while at < bytes.len() {
        let id = bytes[at];
        let (size, start) = leb(bytes, at + 1)?;
        let end = start + size;
        match id {
            2 => imported_functions = count_imported_functions(&bytes[start..end])?,
            10 => {
                let (count, mut pos) = leb(bytes, start)?;
                for _ in 0..count {
                    let (len, body) = leb(bytes, pos)?;
                    bodies.push(body - pos + len);
                    pos = body + len;
                }
            }
            11 => *sizes.entry("(data: strings, tables)".into()).or_default() += size,
            0 => {
                let (len, pos) = leb(bytes, start)?;
                if &bytes[pos..pos + len] == b"name" {
                    read_function_names(&bytes[pos + len..end], &mut names)?;
                } else {
                    *sizes.entry("(other sections)".into()).or_default() += size;
                }
            }
            _ => *sizes.entry("(other sections)".into()).or_default() += size,
        }
        at = end;
    }
    for (index, size) in bodies.into_iter().enumerate() {
        let name = names
            .get(&(imported_functions + index))
            .map_or("(unnamed)".to_string(), |n: &String| crate_of(n));
        *sizes.entry(name).or_default() += size;
    }
    Ok(sizes)
}

fn count_imported_functions(section: &[u8]) -> anyhow::Result<usize> {
    let (count, mut pos) = leb(section, 0)?;
    let mut functions = 0;
    for _ in 0..count {
        for _ in 0..2 {
            let (len, next) = leb(section, pos)?;
            pos = next + len;
        }
        let kind = section[pos];
        pos += 1;
        let limits = |pos: usize| -> anyhow::Result<usize> {
            let (flags, next) = leb(section, pos)?;
            let (_, next) = leb(section, next)?;
            Ok(if flags & 1 == 1 {
                leb(section, next)?.1
            } else {
                next
            })
        };
        pos = match kind {
            0 => {
                functions += 1;
                leb(section, pos)?.1
            }
            1 => limits(pos + 1)?,
            2 => limits(pos)?,
            _ => pos + 2,
        };
    }
    Ok(functions)
}

fn read_function_names(section: &[u8], names: &mut BTreeMap<usize, String>) -> anyhow::Result<()> {
    let mut pos = 0;
    while pos < section.len() {
        let kind = section[pos];
        let (len, start) = leb(section, pos + 1)?;
        if kind == 1 {
            let (count, mut at) = leb(section, start)?;
            for _ in 0..count {
                let (index, next) = leb(section, at)?;
                let (len, text) = leb(section, next)?;
                names.insert(
                    index,
                    String::from_utf8_lossy(&section[text..text + len]).into_owned(),
                );
                at = text + len;
            }
        }
        pos = start + len;
    }
    Ok(())
}

/// The crate a demangled function name belongs to: its path's first part, or for
/// `<T as Trait>` with a generic `T` the trait's crate.
fn crate_of(name: &str) -> String {
    let mut name = name;
    if let Some(rest) = name.strip_prefix('<') {
        // A type without a path (a generic `T`, `f64`, `str`) counts to the trait's crate.
        name = match rest.split_once(" as ") {
            Some((ty, tr)) if !ty.contains("::") => tr,
            _ => rest,
        };
    }
    let name = name.trim_start_matches(['<', '&', '*']);
    let name = name.strip_prefix("mut ").unwrap_or(name);
    let name = name.strip_prefix("dyn ").unwrap_or(name);
    let end = name
        .find(|c: char| !(c.is_ascii_alphanumeric() || c == '_'))
        .unwrap_or(name.len());
    if end == 0 || !name[end..].starts_with(['[', ':']) {
        return "(other)".into();
    }
    name[..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::crate_of;

    #[test]
    fn function_names_are_counted_to_their_crate() {
        assert_eq!(
            crate_of("onsplan_app::components::home::Home::h12"),
            "onsplan_app"
        );
        assert_eq!(crate_of("<f64 as core[c593]::fmt::Display>::fmt"), "core");
        assert_eq!(
            crate_of("<T as subsecond::HotFunction<(A,)>>::call_it::hb3"),
            "subsecond"
        );
        assert_eq!(
            crate_of("<alloc::vec::Vec<T> as core::clone::Clone>::clone"),
            "alloc"
        );
        assert_eq!(
            crate_of("<dlmalloc[e2]::dlmalloc::Dlmalloc<X>>::malloc"),
            "dlmalloc"
        );
    }
}
