#!/bin/sh
# Writes seeds for git_objects_fuzzer into DIR: git's commit-graph of a small
# history with a merge and an octopus merge, and a tree and commit objects
# as git stores them (uncompressed), a pack index and a pack's first entries,
# made with plain git in a scratch repository.
#   tests/fuzz/make_git_object_seeds.sh DIR
set -eu
out=${1:?usage: make_git_object_seeds.sh DIR}
mkdir -p "$out"
repo=$(mktemp -d)
trap 'rm -rf "$repo"' EXIT
g() { git -C "$repo" -c user.name=Seed -c user.email=seed@example.org -c commit.gpgsign=false "$@"; }
g init -q -b main
mkdir -p "$repo/recs/A"
printf -- '---\nid: A-1\n---\nMaintains [the] approach.\n' > "$repo/recs/A/01.md"
printf 'negotiation: Seeds\n' > "$repo/accord.yaml"
g add -A && g commit -q -m one
for side in b c d; do
  g checkout -q -b "$side" main
  printf 'Text %s.\n' "$side" > "$repo/recs/$side.md"
  g add -A && g commit -q -m "side $side"
done
g checkout -q main
printf -- '---\nid: A-1\n---\nMaintains the approach.\n' > "$repo/recs/A/01.md"
g commit -q -am lift
g merge -q --no-edit b
g merge -q --no-edit c d >/dev/null
g commit-graph write --reachable
cp "$repo/.git/objects/info/commit-graph" "$out/commit-graph"
g cat-file tree HEAD > "$out/tree-root"
g cat-file tree HEAD:recs > "$out/tree-recs"
g cat-file commit HEAD > "$out/commit-octopus"
g cat-file commit HEAD~1 > "$out/commit-merge"
g cat-file commit "$(g rev-list --max-parents=0 HEAD)" > "$out/commit-root"
# A pack index, and the first entries of its pack (headers, a delta).
g repack -a -d -q
idx=$(ls "$repo"/.git/objects/pack/*.idx | head -1)
cp "$idx" "$out/pack-index"
head -c 4096 "${idx%.idx}.pack" | tail -c +13 > "$out/pack-entries"
