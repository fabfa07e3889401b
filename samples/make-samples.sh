#!/usr/bin/env bash
# Remake the sample exchange files from the corpus with Tiltak's own parse and export.
# Usage: bash samples/make-samples.sh [CORPUS_DIR]   (default ../shared/corpus)
set -euo pipefail
here="$(cd "$(dirname "$0")" && pwd)"
corpus="${1:-$here/../../shared/corpus}"
tiltak="${TILTAK:-$here/../.venv/bin/tiltak}"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
export DATABASE_URL="sqlite:///$work/samples.sqlite3" TILTAK_DATA_DIR="$work"
"$tiltak" migrate >/dev/null
for name in plan-2024-2028-status-2026 strategy-2021-internet-related-abuse; do
    "$tiltak" import "$corpus/$name.txt" | head -n 1 | tee "$work/$name.line"
    slug="$(sed -E 's/^[^:]+: ([^ ]+) \/ .*/\1/' "$work/$name.line")"
    "$tiltak" export "$slug" --facts-only -o "$here/$slug.csv"
done
