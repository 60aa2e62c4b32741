#!/usr/bin/env bash
# SPDX-License-Identifier: Apache-2.0
# Installs HandProp's build and test dependencies from Debian 12's own packages, only when
# something is missing (so a second run costs a second). Used by both README commands and CI.
set -euo pipefail

PACKAGES=(
  cmake ninja-build g++ ccache pkg-config dpkg-dev file
  qt6-base-dev libqt6opengl6-dev qt6-charts-dev
  libtorch-dev libgloo-dev libopenblas0-openmp
  libopencv-dev libeigen3-dev libassimp-dev libgtest-dev libgmock-dev
  nlohmann-json3-dev libcli11-dev libspdlog-dev libfmt-dev libfaiss-dev libsqlite3-dev zlib1g-dev
  python3 python3-numpy python3-scipy
  xvfb xauth libgl1-mesa-dri libegl-mesa0
)

missing=()
for pkg in "${PACKAGES[@]}"; do
  status=$(dpkg-query -W -f='${db:Status-Status}' "$pkg" 2>/dev/null || true)
  [ "$status" = "installed" ] || missing+=("$pkg")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-debian-deps: all ${#PACKAGES[@]} packages present"
  exit 0
fi

SUDO=""
if [ "$(id -u)" -ne 0 ]; then SUDO="sudo"; fi
echo "install-debian-deps: installing ${#missing[@]} packages: ${missing[*]}"
$SUDO apt-get update -qq
DEBIAN_FRONTEND=noninteractive $SUDO apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
echo "install-debian-deps: done"
