#!/usr/bin/env bash
# interop: translate-toolkit reads concord's TMX/TBX/XLIFF output in tests/interop_toolkit.rs
set -euo pipefail
if ! python3 -c 'import translate.storage.factory' 2>/dev/null; then
    python3 -m pip install --quiet translate-toolkit
fi
