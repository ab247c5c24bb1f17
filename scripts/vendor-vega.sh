#!/usr/bin/env bash
# Refetches the charting libraries the HTML leaderboard inlines (reporters/leaderboard/html/vendor/)
# from the npm registry: the pinned versions below, each tarball checked against its sha1 before
# anything is copied. Writes the minified UMD builds, their licences and VERSIONS.
#   scripts/vendor-vega.sh            # the pinned versions
# To move to newer versions, change the table, run it, rebuild, and rerun the browser test
# (ctest --preset ci -L browser) and look at the screenshots (docs/screenshots/).
set -euo pipefail

# package version sha1-of-tarball file-in-tarball licence
packages=(
  "vega 6.4.0 cc825bf22894d766ca8385342a2bb8ba942091cc build/vega.min.js BSD-3-Clause"
  "vega-lite 6.5.0 8f43425ab09de895bbfa66928c6b797d5c4cdcd1 build/vega-lite.min.js BSD-3-Clause"
  "vega-embed 7.3.0 ca629bb2cbd8ee64d7917c7e532f5b1a77243ff1 build/vega-embed.min.js BSD-3-Clause"
)

root=$(cd "$(dirname "$0")/.." && pwd)
vendor="$root/reporters/leaderboard/html/vendor"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

versions="$vendor/VERSIONS"
{
  echo "# The charting libraries inlined into the HTML leaderboard; written by scripts/vendor-vega.sh."
  echo "# package version licence tarball sha1 file"
} >"$work/VERSIONS"

for line in "${packages[@]}"; do
  read -r name version sha1 file licence <<<"$line"
  tarball=$(cd "$work" && npm pack --silent "$name@$version")
  actual=$(sha1sum "$work/$tarball" | cut -d' ' -f1)
  if [[ "$actual" != "$sha1" ]]; then
    echo "vendor-vega: $name@$version tarball has sha1 $actual, expected $sha1" >&2
    exit 1
  fi
  mkdir "$work/$name"
  tar xzf "$work/$tarball" -C "$work/$name"
  # An inline <script> ends at the first "</script"; a build containing it cannot be inlined.
  if grep -qi '</script' "$work/$name/package/$file"; then
    echo "vendor-vega: $name's $file contains </script and cannot be inlined" >&2
    exit 1
  fi
  cp "$work/$name/package/$file" "$vendor/$name.min.js"
  cp "$work/$name/package/LICENSE" "$vendor/LICENSE.$name"
  url="https://registry.npmjs.org/$name/-/$name-$version.tgz"
  echo "$name $version $licence $url $sha1 $file" >>"$work/VERSIONS"
done
mv "$work/VERSIONS" "$versions"
echo "vendor-vega: $(ls "$vendor"/*.min.js | wc -l) builds in $vendor" >&2
