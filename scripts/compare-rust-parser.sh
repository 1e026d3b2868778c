#!/usr/bin/env bash
# Benchmark (prints figures, asserts nothing): `maildaemon bench parse DIR` against Stalwart's Rust mail-parser
# (github.com/stalwartlabs/mail-parser) on the same files, full decode of every part for both (text decoded to
# strings, attachments to bytes), each file read untimed then parsed timed, best pass kept, MB = 10^6 bytes.
# Nothing of mail-parser is vendored: give a checkout of it; the tiny comparison program below is built next to it.
# Offline: crates.io is not needed when mail-parser's dependencies are checked out next to it (hashify, and for
# hashify's macros syn 2.x, quote, proc-macro2, unicode-ident), e.g. with
#   git clone https://github.com/stalwartlabs/mail-parser $SRC/mail-parser   (and hashify, dtolnay/syn at a 2.0 tag …)
# Usage: scripts/compare-rust-parser.sh [SRC] [DIR ...]
#   SRC: folder holding mail-parser/ (and its dependencies), default $RUST_SRC or /tmp/rust-src
#   DIR: corpora to measure (.eml files), default ../shared/corpora and a generated 256 MB corpus
#   ROUNDS=5 PASSES=30 BIN=... scripts/compare-rust-parser.sh   (small corpora need many passes: a pass of 0.5 MB
#   takes 3 ms, and with 3 rounds of 5 one busy moment swung the ratio from 0.83 to 1.51 on the same binaries)
set -euo pipefail
cd "$(dirname "$0")/.."
SRC=${1:-${RUST_SRC:-/tmp/rust-src}}
[ $# -gt 0 ] && shift
ROUNDS=${ROUNDS:-5}
PASSES=${PASSES:-30}
if ! command -v cargo >/dev/null; then echo "skipped: cargo is not installed"; exit 0; fi
if [ ! -f "$SRC/mail-parser/Cargo.toml" ]; then
    echo "skipped: no mail-parser checkout in $SRC/mail-parser (git clone https://github.com/stalwartlabs/mail-parser $SRC/mail-parser)"
    exit 0
fi
SRC=$(cd "$SRC" && pwd)
if [ -z "${BIN:-}" ]; then
    swift build -c release --product maildaemon 2>&1 | tail -n 1
    BIN=.build/release/maildaemon
fi

# The comparison program: outside the repository, next to the checkout.
CMP=$SRC/mp-compare
mkdir -p "$CMP/src"
{
    printf '[package]\nname = "mp-compare"\nversion = "0.1.0"\nedition = "2021"\n\n'
    printf '[dependencies]\nmail-parser = { path = "%s/mail-parser", default-features = false }\n\n' "$SRC"
    printf '[patch.crates-io]\n'
    for dep in hashify syn quote proc-macro2 unicode-ident; do
        [ -f "$SRC/$dep/Cargo.toml" ] && printf '%s = { path = "%s/%s" }\n' "$dep" "$SRC" "$dep"
    done
    printf '\n[profile.release]\nopt-level = 3\ncodegen-units = 1\nlto = true\n\n[workspace]\n'
} >"$CMP/Cargo.toml"
cat >"$CMP/src/main.rs" <<'RUST'
// mail-parser's full decode on every file under DIR, measured like `maildaemon bench parse DIR`: each file read
// (not timed), then parsed with every part decoded (mail-parser decodes bodies while parsing) and every part
// touched (timed); best of PASSES; MB = 10^6 bytes.
use mail_parser::{Message, MessageParser, PartType};
use std::time::Instant;

fn walk(dir: &std::path::Path, ext: &Option<String>, out: &mut Vec<std::path::PathBuf>) {
    for e in std::fs::read_dir(dir).expect("readable directory") {
        let p = e.unwrap().path();
        if p.is_dir() {
            walk(&p, ext, out);
        } else if ext.as_ref().map_or(true, |x| p.extension().map_or(false, |e| e == x.as_str())) {
            out.push(p);
        }
    }
}

fn touch(m: &Message) -> usize {
    let mut sum = m.subject().map_or(0, |s| s.len());
    sum += m.from().and_then(|a| a.first()).and_then(|a| a.address()).map_or(0, |s| s.len());
    for part in &m.parts {
        sum += match &part.body {
            PartType::Text(s) | PartType::Html(s) => s.len(),
            PartType::Binary(b) | PartType::InlineBinary(b) => b.len(),
            PartType::Message(inner) => touch(inner),
            PartType::Multipart(_) => 0,
        };
    }
    sum
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    let dir = std::path::PathBuf::from(args.get(1).expect("usage: mp-compare DIR [PASSES] [EXT]"));
    let passes: usize = args.get(2).map_or(3, |s| s.parse().unwrap());
    let ext = args.get(3).cloned();
    let mut files = Vec::new();
    walk(&dir, &ext, &mut files);
    files.sort();
    let parser = MessageParser::default();
    let (mut best, mut total, mut checksum) = (f64::INFINITY, 0usize, 0usize);
    for _ in 0..passes.max(1) {
        let mut seconds = 0.0;
        total = 0;
        for path in &files {
            let bytes = std::fs::read(path).unwrap();
            total += bytes.len();
            let start = Instant::now();
            if let Some(m) = parser.parse(&bytes[..]) {
                checksum = checksum.wrapping_add(touch(&m));
            }
            seconds += start.elapsed().as_secs_f64();
        }
        best = best.min(seconds);
    }
    println!("corpus: {} files under {}, {:.1} MB", files.len(), dir.display(), total as f64 / 1e6);
    println!("full decode: {:.0} MB/s, {:.0} messages/s (best of {} passes, {:.3} s of parsing; checksum {})",
             total as f64 / 1e6 / best, files.len() as f64 / best, passes.max(1), best, checksum);
}
RUST
if ! (cd "$CMP" && cargo build --release --offline -q 2>"$CMP/build.log"); then
    echo "skipped: mail-parser did not build offline (its dependencies are neither in ~/.cargo nor checked out in $SRC):"
    tail -n 5 "$CMP/build.log"
    exit 0
fi
RUSTBIN=$CMP/target/release/mp-compare
echo "mail-parser $(git -C "$SRC/mail-parser" log -1 --format='%h %cs' 2>/dev/null || echo '?')" \
     "$(grep -m1 '^version' "$SRC/mail-parser/Cargo.toml" | cut -d'"' -f2), built with $(rustc --version | cut -d' ' -f2)"

WORK=$(mktemp -d /tmp/compare-rust-parser.XXXXXX)
trap 'rm -rf "$WORK"' EXIT
DIRS=("$@")
if [ ${#DIRS[@]} -eq 0 ]; then
    [ -d ../shared/corpora ] && DIRS+=(../shared/corpora)
    "$BIN" bench parse --save-corpus "$WORK/generated" --megabytes "${MEGABYTES:-256}" >/dev/null
    DIRS+=("$WORK/generated")
fi
# MB/s from a "full decode: N MB/s" line.
rate() { sed -n 's/^full decode: \([0-9]*\) MB\/s.*/\1/p' "$1"; }
printf '%-44s %10s %12s %12s %7s\n' corpus MB swift_MB/s rust_MB/s ratio
for dir in "${DIRS[@]}"; do
    best_s=0; best_r=0
    # Rounds interleaved, best of each: load from other builds hits both alike.
    for _ in $(seq "$ROUNDS"); do
        "$BIN" bench parse "$dir" --ext eml --passes "$PASSES" >"$WORK/swift.txt"
        "$RUSTBIN" "$dir" "$PASSES" eml >"$WORK/rust.txt"
        s=$(rate "$WORK/swift.txt"); r=$(rate "$WORK/rust.txt")
        [ "$s" -gt "$best_s" ] && best_s=$s
        [ "$r" -gt "$best_r" ] && best_r=$r
    done
    mb=$(sed -n 's/^corpus: .*, \([0-9.]*\) MB.*/\1/p' "$WORK/rust.txt")
    printf '%-44s %10s %12s %12s %7s\n' "$dir" "$mb" "$best_s" "$best_r" "$(awk -v s="$best_s" -v r="$best_r" 'BEGIN { printf "%.2f", s / r }')"
done
"$BIN" bench parse --megabytes 0 --big-attachment-mb 0 --base64-mb 64 --passes 10 | grep '^base64'
