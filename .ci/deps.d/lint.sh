#!/usr/bin/env bash
# concord lint: tests/lint_sarif.rs validates `--format sarif` against the SARIF 2.1.0
# JSON schema with Python's jsonschema. The schema is the one shipped inside the npm
# package @microsoft/jest-sarif (lib/schemas/sarif-2.1.0-rtm.5.json, the 2.1.0 release).
# Idempotent; when something cannot be installed the test skips with a note.
set -uo pipefail
dest=/usr/local/share/concord/sarif-schema-2.1.0.json
if ! python3 -c 'import jsonschema' 2>/dev/null; then
    python3 -m pip install --quiet jsonschema || echo "lint deps: jsonschema not installed"
fi
if [ ! -s "$dest" ]; then
    tmp=$(mktemp -d)
    if (cd "$tmp" && npm pack --silent @microsoft/jest-sarif@1.0.0-beta.0 >/dev/null \
        && tar xzf ./*.tgz package/lib/schemas/sarif-2.1.0-rtm.5.json); then
        mkdir -p "$(dirname "$dest")"
        cp "$tmp/package/lib/schemas/sarif-2.1.0-rtm.5.json" "$dest"
    else
        echo "lint deps: SARIF schema not installed"
    fi
    rm -rf "$tmp"
fi
exit 0
