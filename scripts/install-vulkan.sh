#!/usr/bin/env bash
# Installs Mesa's software drivers for the webgpu tests (packages/backend-gpu and nabla run
# gpu.js's webgpu mode in Node through the `webgpu` package, Dawn): lavapipe (Vulkan) with the
# Vulkan loader, and llvmpipe behind EGL, which Dawn's OpenGL backend uses where lavapipe lacks
# what Dawn's Vulkan backend needs (Debian 12's Mesa 22.3). Does nothing when they are all
# there. Needs Debian's apt archive, and root (or sudo).
set -euo pipefail

packages=(mesa-vulkan-drivers libvulkan1 libegl1 libegl-mesa0 libgl1-mesa-dri)

missing=()
for p in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'install ok installed'; then
    missing+=("$p")
  fi
done
if [ "${#missing[@]}" -eq 0 ]; then
  echo "install-vulkan: Mesa's Vulkan and EGL drivers are there; nothing to do"
  exit 0
fi

sudo=""
if [ "$(id -u)" -ne 0 ]; then sudo="sudo"; fi
export DEBIAN_FRONTEND=noninteractive
$sudo apt-get update -q >/dev/null
$sudo apt-get install -y -q --no-install-recommends "${missing[@]}" >/dev/null
echo "install-vulkan: installed ${missing[*]}"
