#!/usr/bin/python3
"""Occurrences of an .ics file as an independent reader sees them.

Debian's python3-icalendar and python3-recurring-ical-events read the file
(the way Thunderbird-like clients expand series: each in its own zone), and
each occurrence between FROM and TO (days, inclusive) is printed in ZONE as
JSON: [{"start": "YYYY-MM-DDTHH:MM", "end": ..., "title": ..., "all_day": bool}].
A moment (an end equal to its start) has "end": null.  Occurrences called
off (STATUS:CANCELLED) are left out: Renkei lists them marked "cancelled".

usage: interop-occurrences.py FILE FROM TO [ZONE]
"""
import datetime
import json
import sys
import zoneinfo

import icalendar
import recurring_ical_events


def main():
    path, first, last = sys.argv[1], sys.argv[2], sys.argv[3]
    zone = zoneinfo.ZoneInfo(sys.argv[4] if len(sys.argv) > 4 else "Asia/Tokyo")
    # RFC 5545 §3.1: unfolding restores a character a fold split; icalendar
    # 4.0.3 decodes each physical line first (U+FFFD for the halves), so
    # the reader is given the file unfolded byte-wise, as the RFC reads it.
    data = open(path, "rb").read()
    data = data.replace(b"\r\n ", b"").replace(b"\r\n\t", b"")
    data = data.replace(b"\n ", b"").replace(b"\n\t", b"")
    cal = icalendar.Calendar.from_ical(data)
    lo = datetime.date.fromisoformat(first)
    hi = datetime.date.fromisoformat(last) + datetime.timedelta(days=1)
    out = []
    for ev in recurring_ical_events.of(cal).between(lo, hi):
        if str(ev.get("STATUS", "")).upper() == "CANCELLED":
            continue
        start = ev.decoded("DTSTART")
        if "DTEND" in ev:
            end = ev.decoded("DTEND")
        elif "DURATION" in ev:
            end = start + ev.decoded("DURATION")
        elif isinstance(start, datetime.datetime):
            end = start
        else:
            end = start + datetime.timedelta(days=1)
        all_day = not isinstance(start, datetime.datetime)

        def text(t):
            if not isinstance(t, datetime.datetime):
                return t.isoformat() + "T00:00"
            if t.tzinfo is not None:
                t = t.astimezone(zone)
            return t.strftime("%Y-%m-%dT%H:%M")

        s, e = text(start), text(end)
        if not all_day and s[:10] < first or s[:10] > last:
            continue
        out.append({"start": s, "end": None if e == s else e,
                    "title": str(ev.get("SUMMARY", "")), "all_day": all_day})
    out.sort(key=lambda o: (o["start"], o["title"]))
    print(json.dumps(out, ensure_ascii=False))


main()
