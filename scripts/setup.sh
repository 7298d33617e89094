#!/usr/bin/env bash
# Installs what RLCTKit needs and is missing: GNU GSL (Debian's libgsl-dev),
# zlib's headers (zlib1g-dev, for ZIPFoundation's .npz reading on Linux),
# OpenBLAS (libopenblas-dev, pkg-config name `openblas`: the network kernels'
# matrix products), pkg-config and python3 (the documentation check), through apt-get. As root directly, else through sudo, else
# print the exact command and stop.
# `setup.sh --mpi` (only `make build-mpi` passes it) also installs Open MPI:
# libopenmpi-dev (pkg-config name `ompi-c`) and openmpi-bin (mpirun); docs/cluster.md.
set -euo pipefail

mpi=0
for arg in "$@"; do
    case "$arg" in
        --mpi) mpi=1 ;;
        *) echo "setup: unknown argument '$arg'; expected --mpi or nothing" >&2; exit 2 ;;
    esac
done

need=()
# Open MPI, for the optional MPI build only.
need_mpi() {
    if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists ompi-c; then
        need+=(libopenmpi-dev)
    fi
    command -v mpirun >/dev/null 2>&1 || need+=(openmpi-bin)
}
command -v pkg-config >/dev/null 2>&1 || need+=(pkg-config)
if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists gsl; then
    need+=(libgsl-dev)
fi
if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists zlib; then
    need+=(zlib1g-dev)
fi
if ! command -v pkg-config >/dev/null 2>&1 || ! pkg-config --exists openblas; then
    need+=(libopenblas-dev)
fi

# python3 runs the documentation check (scripts/docs-check.py) in `make test`.
command -v python3 >/dev/null 2>&1 || need+=(python3)

if [ "$mpi" -eq 1 ]; then
    need_mpi
fi

if ! command -v swift >/dev/null 2>&1; then
    echo "setup: no 'swift' on PATH. Install Swift 6 (swift.org/install) and retry." >&2
    exit 2
fi

if [ ${#need[@]} -eq 0 ]; then
    exit 0
fi

cmd="apt-get update && apt-get install -y ${need[*]}"
echo "setup: installing ${need[*]}" >&2
if [ "$(id -u)" -eq 0 ]; then
    sh -c "$cmd" >&2
elif command -v sudo >/dev/null 2>&1 && sudo -n true 2>/dev/null; then
    sudo sh -c "$cmd" >&2
else
    echo "setup: ${need[*]} missing and I cannot install as this user. Run:" >&2
    echo "    sudo sh -c '$cmd'" >&2
    exit 2
fi
pkg-config --exists gsl || { echo "setup: gsl still not found by pkg-config after install" >&2; exit 2; }
pkg-config --exists zlib || { echo "setup: zlib still not found by pkg-config after install" >&2; exit 2; }
pkg-config --exists openblas || { echo "setup: openblas still not found by pkg-config after install" >&2; exit 2; }
if [ "$mpi" -eq 1 ]; then
    pkg-config --exists ompi-c || { echo "setup: ompi-c (Open MPI) still not found by pkg-config after install" >&2; exit 2; }
    command -v mpirun >/dev/null 2>&1 || { echo "setup: mpirun still not on PATH after install" >&2; exit 2; }
fi
