#!/usr/bin/env bash
# Packs the library packages a user installs one by one, installs the tarballs with plain npm
# into a fresh project outside the workspace, and runs a short program with them.
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
pnpm=(npx -y pnpm@12.4.2)
packages=(backend backend-cpu autograd tensor)

export TURBO_TELEMETRY_DISABLED=1
(cd "$root" && "${pnpm[@]}" exec turbo run build --output-logs=errors-only \
  $(printf -- '--filter=@nabla/%s ' "${packages[@]}"))

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for p in "${packages[@]}"; do
  (cd "$root/packages/$p" && "${pnpm[@]}" pack --pack-destination "$tmp" >/dev/null)
done

cd "$tmp"
npm init -y >/dev/null
npm install --no-audit --no-fund --loglevel=error ./*.tgz >/dev/null
cat > main.mjs <<'JS'
import { topologicalOrder } from '@nabla/autograd';
import { cpuBackend } from '@nabla/backend-cpu';
import { manualSeed, randn, tensor, useDevice } from '@nabla/tensor';

useDevice('cpu', cpuBackend());
const x = tensor([[1, 2], [3, 4]]).float();
const y = x.matmul(x.t()).add(1);
console.log(y.toString());
manualSeed(123);
console.log(randn(3).toString());
const order = topologicalOrder('c', (n) => ({ c: ['a', 'b'], b: ['a'], a: [] })[n]);
console.log(order.join(' '));
JS
out=$(node main.mjs)
echo "$out"
expected='tensor([[ 6., 12.],
        [12., 26.]])'
if [[ "$out" != "$expected"* ]]; then
  echo "check-packs: unexpected output from the packed packages" >&2
  exit 1
fi
echo "check-packs: ${packages[*]} install from their tarballs with npm and run"
