//! The fuzz targets on stable: each runs over a seed corpus and then over seeded random
//! mutations of it for a bounded time (about a second per target, `ONSPLAN_FUZZ_SECS` to
//! change), so `cargo test` exercises them on every run. A failing input is printed as bytes
//! so it can be added to the corpus. With nightly, `cargo +nightly fuzz run <target>
//! --features libfuzzer` runs the same targets under libFuzzer for as long as you like.

use std::time::{Duration, Instant};

use onsplan_shared::section::{SaveSectionRequest, SectionKind};
use onsplan_shared::section_content::SectionContent;
use rand::rngs::StdRng;
use rand::{Rng, SeedableRng};

fn budget() -> Duration {
    let secs = std::env::var("ONSPLAN_FUZZ_SECS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1.0);
    Duration::from_secs_f64(secs)
}

/// Bytes that look like what the target expects, so mutations reach deep.
fn json_corpus() -> Vec<Vec<u8>> {
    let mut corpus: Vec<Vec<u8>> = SectionKind::ALL
        .into_iter()
        .map(|kind| serde_json::to_vec(&SectionContent::empty(kind)).unwrap())
        .collect();
    corpus.extend(
        [
            r#"{"kind":"goals","goals":[{"id":"g1","title":"Naar school","scale_now":4,"next_step":"bellen"}]}"#,
            r#"{"kind":"concerns","worries":["\u0000","é",""]}"#,
            r#"{"text":"Goed plan"}"#,
            r#"{"name":"Familie Jansen"}"#,
            r#"{"email":"a@b.nl","name":"Ans","password":"lang genoeg wachtwoord","locale":"nl"}"#,
            r#"{"sections":[{"kind":"goals","private":false}],"valid_until":"2027-01-01T00:00:00Z"}"#,
            r#"{"token":"abc","password":"x"}"#,
            r#"{"both_parents_must_agree":true}"#,
            r#"{"kind":"safety","warning_signs":[],"extra":1}"#,
            "[]",
            "null",
            "1e999",
            r#""\ud800""#,
        ]
        .map(|s| s.as_bytes().to_vec()),
    );
    corpus
}

fn token_corpus() -> Vec<Vec<u8>> {
    [
        "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiJ1In0.c2lnbmF0dXJl",
        "eyJhbGciOiJub25lIn0.e30.",
        "a.b.c",
        "",
        "   ",
        "Zm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9vYmFyZm9v",
        "\"3\"",
        "W/\"3\"",
        "*",
        "\"-1\"",
        "\"99999999999999999999\"",
    ]
    .map(|s| s.as_bytes().to_vec())
    .to_vec()
}

/// One random change: flip, insert, delete, duplicate a run, splice in another seed, cut.
fn mutate(rng: &mut StdRng, input: &[u8], corpus: &[Vec<u8>]) -> Vec<u8> {
    const INTERESTING: &[u8] = b"{}[]\",:\\0123456789-eE.tfn \x00\xff";
    let mut out = input.to_vec();
    for _ in 0..rng.gen_range(1..4) {
        let at = if out.is_empty() {
            0
        } else {
            rng.gen_range(0..out.len())
        };
        match rng.gen_range(0..6) {
            0 if !out.is_empty() => out[at] ^= 1 << rng.gen_range(0..8),
            1 => out.insert(at, INTERESTING[rng.gen_range(0..INTERESTING.len())]),
            2 if !out.is_empty() => {
                out.remove(at);
            }
            3 if !out.is_empty() => {
                let end = rng.gen_range(at..out.len()).min(at + 16);
                let run = out[at..=end].to_vec();
                out.splice(at..at, run);
            }
            4 => {
                let other = &corpus[rng.gen_range(0..corpus.len())];
                let from = rng.gen_range(0..=other.len());
                out.splice(at..at, other[from..].iter().copied());
            }
            _ => out.truncate(at),
        }
    }
    out
}

/// Runs `target` over the corpus, then over mutations until the budget is spent.
fn fuzz(name: &str, target: fn(&[u8]), corpus: Vec<Vec<u8>>, prefixes: u8) {
    let run = |input: &[u8]| {
        if std::panic::catch_unwind(|| target(input)).is_err() {
            panic!("{name} failed on input {input:?}");
        }
    };
    let mut rng = StdRng::seed_from_u64(8);
    let with_prefix = |rng: &mut StdRng, body: &[u8]| {
        let mut input = Vec::with_capacity(body.len() + 1);
        if prefixes > 0 {
            input.push(rng.gen_range(0..prefixes));
        }
        input.extend_from_slice(body);
        input
    };
    for seed in &corpus {
        for _ in 0..prefixes.max(1) {
            run(&with_prefix(&mut rng, seed));
        }
    }
    let started = Instant::now();
    let mut cases = 0u64;
    while started.elapsed() < budget() {
        let seed = &corpus[rng.gen_range(0..corpus.len())];
        let body = mutate(&mut rng, seed, &corpus);
        run(&with_prefix(&mut rng, &body));
        cases += 1;
    }
    println!("{name}: {} seeds, {cases} mutated inputs", corpus.len());
}

#[test]
fn section_content_parsing_never_panics_and_round_trips() {
    fuzz(
        "section_content",
        onsplan_fuzz::section_content,
        json_corpus(),
        0,
    );
}

#[test]
fn every_request_body_parses_validates_and_round_trips_without_panicking() {
    let mut corpus = json_corpus();
    corpus.push(
        serde_json::to_vec(&SaveSectionRequest {
            visibility: None,
            content: SectionContent::empty(SectionKind::Network),
        })
        .unwrap(),
    );
    corpus.extend(token_corpus());
    fuzz("request_bodies", onsplan_fuzz::request_bodies, corpus, 22);
}

#[test]
fn tokens_nobody_signed_are_refused_and_link_tokens_hash_safely() {
    fuzz("tokens", onsplan_fuzz::tokens, token_corpus(), 0);
}
