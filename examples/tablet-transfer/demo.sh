#!/bin/sh
# The tablet's technology transfer, end to end (make demo-change):
#   1. copy examples/tablet to OUT/dossier, build its first sequence for all four regions and freeze
#      them (freeze records submissions/<j>/NNNN.facts.json, what each sequence was built from);
#   2. apply transfer.patch (the change: a second drug-product site, a CDMO; batch scale doubled; the
#      roll-force PAR widened; impurity F release limit tightened; an editorial rewording);
#   3. list the changes with each region's category and proposed filing (text, and OUT/changes.html).
# Usage: demo.sh OUT [ECTD [STANDARDS]]   (ECTD: the ectd command, default ectd; STANDARDS: a folder
# of official schema files, default the standards store, see `ectd standards list`)
set -eu
here=$(cd "$(dirname "$0")" && pwd)
out=$1
ectd=${2:-ectd}
standards=${3:-}
rm -rf "$out"
mkdir -p "$out"
cp -R "$here/../tablet" "$out/dossier"
$ectd build "$out/dossier" -j all ${standards:+--standards "$standards"}
for j in fda ema pmda nmpa; do
  for built in "$out/dossier/build/$j"/*; do
    $ectd freeze "$out/dossier" -j "$j" --sequence "$(basename "$built")"
  done
done
patch -s -p1 -d "$out/dossier" < "$here/transfer.patch"
$ectd changes "$out/dossier" -j all --format html --out "$out/changes.html" || [ $? -eq 1 ]
$ectd changes "$out/dossier" -j all
