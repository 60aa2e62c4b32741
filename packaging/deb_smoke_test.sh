#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Builds the Debian package with CPack, unpacks it into a temporary root (no system changes),
# and runs the packaged program from there: `handprop --version` and `handprop model info openhand`.
# Usage: deb_smoke_test.sh BUILD_DIR
set -euo pipefail
build_dir=$(cd "$1" && pwd)
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
(cd "$work" && cpack -G DEB --config "$build_dir/CPackConfig.cmake" -B "$work/out" >/dev/null)
deb=$(ls "$work"/out/*.deb)
echo "package: $(basename "$deb") ($(du -h "$deb" | cut -f1))"
dpkg-deb --info "$deb" | grep -E "Package|Version|Depends" | sed 's/^ */  /'
dpkg-deb -x "$deb" "$work/root"
test -x "$work/root/usr/bin/handprop"
test -f "$work/root/usr/share/handprop/models/openhand_right.npz"
version=$(env -u HANDPROP_DATA_DIR "$work/root/usr/bin/handprop" --version)
echo "$version"
[[ "$version" == handprop\ * ]]
env -u HANDPROP_DATA_DIR "$work/root/usr/bin/handprop" model info openhand | head -3
echo "deb smoke test passed"
