#!/usr/bin/env python3
"""Loads a TMX, TBX or XLIFF file with translate-toolkit (the Python localisation library
many CAT pipelines use) and prints the units it sees as JSON:

    {"format": "tmx", "units": [{"id": ..., "source": ..., "target": ..., "notes": ...}]}

Used by tests/interop_toolkit.rs to prove that another tool reads what concord writes.
Exit status 2 when the file cannot be parsed. Requires `pip install translate-toolkit`."""
import json
import sys


def main(path):
    from translate.storage import factory

    try:
        store = factory.getobject(path)
    except Exception as e:  # noqa: BLE001 - report any parser failure
        print(f"{path}: translate-toolkit could not parse the file: {e}", file=sys.stderr)
        return 2
    units = []
    for u in store.units:
        if getattr(u, "isheader", lambda: False)():
            continue
        units.append(
            {
                "id": u.getid(),
                "source": u.source,
                "target": u.target,
                "notes": u.getnotes(),
                "fuzzy": bool(u.isfuzzy()) if hasattr(u, "isfuzzy") else False,
            }
        )
    fmt = type(store).__name__
    print(json.dumps({"format": fmt, "units": units}, ensure_ascii=False))
    return 0


if __name__ == "__main__":
    if len(sys.argv) != 2:
        print("usage: translate_toolkit_check.py FILE", file=sys.stderr)
        sys.exit(2)
    sys.exit(main(sys.argv[1]))
