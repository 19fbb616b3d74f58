#!/usr/bin/env bash
# Renders the Segscope icon to the hicolor PNG sizes, into resources/icons/hicolor/NxN/apps.
# 16 px comes from the pixel-grid drawing ai.segscope.Segscope-16.svg, every other size from
# the scalable ai.segscope.Segscope.svg. The PNGs are committed; rerun this after editing an SVG.
#
# Needs rsvg-convert (librsvg2-bin, in install-debian-deps.sh). Debian's ImageMagick is no
# fallback: it has no SVG coder of its own and hands SVG files to rsvg-convert.
set -euo pipefail

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
icons="$root/resources/icons"
name=ai.segscope.Segscope
sizes=(16 24 32 48 64 128 256 512)

command -v rsvg-convert >/dev/null || {
  echo "render-icons: needs rsvg-convert (apt install librsvg2-bin)" >&2
  exit 1
}

for size in "${sizes[@]}"; do
  source="$icons/$name.svg"
  [ "$size" -eq 16 ] && source="$icons/$name-16.svg"
  out="$icons/hicolor/${size}x${size}/apps/$name.png"
  mkdir -p "$(dirname "$out")"
  rsvg-convert --width "$size" --height "$size" --keep-aspect-ratio --output "$out" "$source"
  echo "render-icons: $out"
done
