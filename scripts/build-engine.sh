#!/usr/bin/env bash
# Builds the pump engine (native/pump.c) for every platform the package ships a prebuilt for, into
# prebuilds/<platform>-<arch>/pump.node (or into $1 when given: `scripts/build-engine.sh /tmp/out` builds
# beside the committed ones, for comparing; .ci/engine does). Needs only LLVM: clang, its linkers and llvm-dlltool
# (Debian: apt-get install clang lld llvm; the committed files were built with Debian 12's LLVM 14). The output is
# byte-for-byte reproducible from the same LLVM version (no timestamps, paths or build ids).
# Usage: bash scripts/build-engine.sh [outdir]
set -euo pipefail
cd "$(dirname "$0")/.."
out=${1:-prebuilds}
src=native/pump.c
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
for tool in clang ld.lld lld-link llvm-dlltool; do
  command -v "$tool" >/dev/null || { echo "build-engine: $tool not found (apt-get install clang lld llvm)" >&2; exit 1; }
done
ld64=$(command -v ld64.lld || echo "$(dirname "$(readlink -f "$(command -v ld.lld)")")/ld64.lld")
[[ -x $ld64 ]] || { echo "build-engine: ld64.lld not found beside ld.lld" >&2; exit 1; }

# No C library, no stack protector or unwind tables (nothing to call them), no debug paths: the same bytes every build.
cflags=(-O2 -std=c11 -Wall -Wextra -Werror -ffreestanding -fno-stack-protector -fno-asynchronous-unwind-tables
  -fno-unwind-tables -fno-ident -fvisibility=hidden -ffile-prefix-map="$PWD"=.)

linux() { # arch, clang triple
  mkdir -p "$out/linux-$1"
  clang "${cflags[@]}" -fPIC -target "$2" -c "$src" -o "$tmp/linux-$1.o"
  # Undefined napi_*/uv_* resolve against the node executable; no DT_NEEDED at all, so glibc and musl both load it.
  ld.lld -shared --strip-all --hash-style=both --build-id=none -z noexecstack -z relro -z now -soname pump.node \
    "$tmp/linux-$1.o" -o "$out/linux-$1/pump.node"
}

darwin() { # arch, clang triple, ld64 arch
  mkdir -p "$out/darwin-$1"
  clang "${cflags[@]}" -target "$2" -c "$src" -o "$tmp/darwin-$1.o"
  # Links libSystem (as every macOS image must) through a stub that lists nothing; napi_*/uv_* stay
  # dynamic_lookup, bound against the node executable at load time, as node-gyp builds do.
  cat >"$tmp/libSystem.tbd" <<TBD
--- !tapi-tbd
tbd-version: 4
targets: [ x86_64-macos, arm64-macos ]
install-name: '/usr/lib/libSystem.B.dylib'
current-version: 1311
exports:
  - targets: [ x86_64-macos, arm64-macos ]
    symbols: [ dyld_stub_binder ]
...
TBD
  "$ld64" -arch "$3" -platform_version macos 11.0 11.0 -bundle -undefined dynamic_lookup -dead_strip \
    "$tmp/darwin-$1.o" "$tmp/libSystem.tbd" -o "$out/darwin-$1/pump.node"
}

windows() { # arch, clang triple, lld-link machine, dlltool machine
  mkdir -p "$out/win32-$1"
  clang "${cflags[@]}" -target "$2" -c "$src" -o "$tmp/win32-$1.obj"
  printf 'LIBRARY kernel32.dll\nEXPORTS\nGetModuleHandleW\nGetProcAddress\n' >"$tmp/kernel32.def"
  llvm-dlltool -m "$4" -d "$tmp/kernel32.def" -l "$tmp/kernel32-$1.lib"
  lld-link -dll -noentry -nodefaultlib -machine:"$3" -brepro -out:"$out/win32-$1/pump.node" \
    "$tmp/win32-$1.obj" "$tmp/kernel32-$1.lib"
  rm -f "$out/win32-$1/pump.lib" "$out/win32-$1/pump.exp"
}

linux x64 x86_64-linux-gnu
linux arm64 aarch64-linux-gnu
darwin x64 x86_64-apple-macos11 x86_64
darwin arm64 arm64-apple-macos11 arm64
windows x64 x86_64-pc-windows-msvc x64 i386:x86-64
windows arm64 aarch64-pc-windows-msvc arm64 arm64
ls -l "$out"/*/pump.node
