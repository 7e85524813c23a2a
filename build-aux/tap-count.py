#!/usr/bin/env python3
"""Counts individual TAP test cases in meson's testlog.json files and prints
one line "N passed, N failed". A plain test that passed counts as one case;
a test program that failed without reporting
a failing case (a crash, a sanitizer abort) counts as one failed case."""
import json
import sys

passed = failed = 0
failures = []
for path in sys.argv[1:]:
    try:
        lines = open(path, encoding="utf-8").read().splitlines()
    except OSError:
        failed += 1
        failures.append(f"{path}: no test log")
        continue
    for line in lines:
        if not line.strip():
            continue
        entry = json.loads(line)
        out = entry.get("stdout") or ""
        ok = bad = 0
        for tap in out.splitlines():
            tap = tap.strip()
            if tap.startswith("not ok"):
                if "# TODO" in tap:
                    continue
                bad += 1
                failures.append(f"{entry.get('name')}: {tap}")
            elif tap.startswith("ok"):
                if "# SKIP" in tap:
                    continue  # not run here: neither passed nor failed
                ok += 1
        if entry.get("result") not in ("OK", "EXPECTEDFAIL", "SKIP") and bad == 0:
            bad = 1
            failures.append(f"{entry.get('name')}: {entry.get('result')} "
                            f"after {entry.get('duration', 0):.0f} s, "
                            f"{ok} cases passed before it ended")
            # What it printed last, so a log that shows only its end still
            # says why.
            tail = (entry.get("stderr") or out).strip().splitlines()[-8:]
            failures.extend("    " + t for t in tail)
        elif ok == 0 and bad == 0 and entry.get("result") == "OK":
            ok = 1  # a plain (non-TAP) test, such as desktop-file-validate
        passed += ok
        failed += bad

if failures:
    print("Failed:")
    for f in failures:
        print("  " + f)
print(f"{passed} passed, {failed} failed")
sys.exit(1 if failed else 0)
