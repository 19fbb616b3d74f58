#!/bin/bash
# Makes the README's screenshots from the demo, under Xvfb, with the built binaries:
#   resources/screenshots/make-screenshots.sh [BIN_DIR]      (default build/release/bin)
# Starts segscope-server --demo in a throwaway folder, picks a labelled street scene, opens
# segscope on it (--sample) in a 1600x1000 X server and grabs the screen with ImageMagick.
# Needs xvfb-run, import/convert (imagemagick) and curl: packaging/install-debian-deps.sh.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
bin=$(cd "${1:-$here/../../build/release/bin}" && pwd)
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

# The third labelled scene: busy enough to show what the overlay does.
uuid=$(curl -sf -H "Authorization: APIKey $key" \
    "$url/datasets/demo/street-scenes/samples/?labelset=ground-truth&label_status=LABELED&per_page=3" |
    grep -o '"uuid": *"[^"]*"' | sed -n 3p | sed 's/.*"\([^"]*\)"$/\1/')
[ -n "$uuid" ] || { echo "no labelled demo sample found" >&2; exit 1; }

# shot NAME SETTINGS [segscope options...]: one screenshot of the window, with SETTINGS (INI
# text) as the app's settings file.
shot() {
    local name=$1 settings=$2
    shift 2
    mkdir -p "$work/config-$name/Segscope"
    printf '%s\n' "$settings" >"$work/config-$name/Segscope/segscope.conf"
    SEGMENTS_API_KEY=$key XDG_CONFIG_HOME="$work/config-$name" XDG_CACHE_HOME="$work/cache" \
        XDG_DATA_HOME="$work/share" xvfb-run -a -s "-screen 0 1600x1000x24" \
        bash -c '"$@" & app=$!; sleep 9; import -window root "'"$work/$name"'.png"; kill $app; wait $app || true' \
        _ "$bin/segscope" --server "$url" "$@"
    # The window opens at 1500x900 in the top-left corner: keep that.
    convert "$work/$name.png" -crop 1500x900+0+0 +repage "$here/$name.png"
    echo "wrote $here/$name.png"
}
shot main-window "" --sample "$uuid"
shot detail-pane "$(printf '[appearance]\ntheme=Dark\n[detail]\ncolorBy=1\nmode=2\nopacity=65')" \
    --sample "$uuid"

# An image sequence: the second demo drive, its frames' slider under the view, in the dark theme.
drive=$(curl -sf -H "Authorization: APIKey $key" \
    "$url/datasets/demo/street-sequences/samples/?per_page=3" |
    grep -o '"uuid": *"[^"]*"' | sed -n 2p | sed 's/.*"\([^"]*\)"$/\1/')
[ -n "$drive" ] || { echo "no demo sequence found" >&2; exit 1; }
shot image-sequence "$(printf '[appearance]\ntheme=Dark\n[detail]\nopacity=55')" --sample "$drive"
