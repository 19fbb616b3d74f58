#!/bin/bash
# Renders Segscope's main screens from the demo, under Xvfb, with the built binaries, at
# 1366x768 and 1920x1080 in the light and the dark theme, and refreshes the README's pictures:
#   resources/screenshots/make-screenshots.sh [BIN_DIR] [OUT_DIR]
# BIN_DIR defaults to build/release/bin; every picture goes to OUT_DIR (default
# build/screenshots), named SCREEN-WIDTHxHEIGHT-THEME.png, and the README's picks are copied
# here (set README_PICKS=0 to leave them). Starts segscope-server --demo in a throwaway folder,
# opens segscope on a demo sample (--sample) in an X server of each size, the window filling it
# (-geometry), and grabs the screen with ImageMagick. Needs xvfb-run, import (imagemagick) and
# curl: packaging/install-debian-deps.sh. Look at every picture before you publish them.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "${1:-$here/../../build/release/bin}" && pwd)
out=${2:-$here/../../build/screenshots}
mkdir -p "$out"
out=$(cd "$out" && pwd)
work=$(mktemp -d)
server_pid=
cleanup() {
    [ -n "$server_pid" ] && kill "$server_pid" 2>/dev/null || true
    rm -rf "$work"
}
trap cleanup EXIT

"$bin/segscope-server" --data "$work/data" --listen 127.0.0.1:0 --demo --quiet >"$work/server.out" &
server_pid=$!
for _ in $(seq 1 600); do
    [ "$(wc -l <"$work/server.out")" -ge 2 ] && break
    sleep 0.5
done
url=$(sed -n 1p "$work/server.out" | grep -o 'http://[^ ]*')
key=$(sed -n 2p "$work/server.out" | awk '{print $NF}')
[ -n "$url" ] && [ -n "$key" ] || { echo "segscope-server did not start" >&2; exit 1; }

# nth_uuid DATASET QUERY N: the uuid of the Nth sample the query lists.
nth_uuid() {
    curl -sf -H "Authorization: APIKey $key" "$url/datasets/$1/samples/?$2" |
        grep -o '"uuid": *"[^"]*"' | sed -n "$3p" | sed 's/.*"\([^"]*\)"$/\1/'
}
# The third labelled scene: busy enough to show what the overlay does.
scene=$(nth_uuid demo/street-scenes "labelset=ground-truth&label_status=LABELED&per_page=3" 3)
drive=$(nth_uuid demo/street-sequences "per_page=3" 2)
shapes=$(nth_uuid demo/street-shapes "per_page=3" 2)
[ -n "$scene" ] && [ -n "$drive" ] && [ -n "$shapes" ] ||
    { echo "the demo samples were not found" >&2; exit 1; }

# shot SCREEN SIZE THEME SETTINGS [segscope options...]: one picture of the whole screen, with
# SETTINGS (INI lines) added to the app's settings file.
shot() {
    local screen=$1 size=$2 theme=$3 settings=$4
    shift 4
    local name="$screen-$size-$theme" config="$work/config-$screen-$size-$theme"
    mkdir -p "$config/Segscope"
    printf '[appearance]\ntheme=%s\n[hints]\ndemoShown=true\n%s\n' "$theme" "$settings" \
        >"$config/Segscope/segscope.conf"
    SEGMENTS_API_KEY=$key XDG_CONFIG_HOME="$config" XDG_CACHE_HOME="$work/cache" \
        XDG_DATA_HOME="$work/share" xvfb-run -a -s "-screen 0 ${size}x24" \
        bash -c '"$@" & app=$!; sleep 12; import -window root "'"$out/$name"'.png"; kill $app; wait $app || true' \
        _ "$bin/segscope" -geometry "$size+0+0" --server "$url" "$@"
    echo "wrote $out/$name.png"
}

focus=$'[window]\nfocusMode=true'
for size in 1366x768 1920x1080; do
    for theme in light dark; do
        shot browse "$size" "$theme" "" --sample "$scene"
        shot focus "$size" "$theme" "$focus" --sample "$scene"
        shot instances "$size" "$theme" $'[detail]\ncolorBy=1\nmode=2\nopacity=65' \
            --sample "$scene"
        shot shapes "$size" "$theme" "" --sample "$shapes"
        shot sequence "$size" "$theme" "$focus" --sample "$drive"
    done
done

[ "${README_PICKS:-1}" = 0 ] && exit 0
cp "$out/browse-1920x1080-light.png" "$here/main-window.png"
cp "$out/focus-1366x768-light.png" "$here/focus-mode.png"
cp "$out/instances-1366x768-dark.png" "$here/detail-pane.png"
cp "$out/sequence-1366x768-dark.png" "$here/image-sequence.png"
echo "README pictures refreshed in $here"
