"""A small iCalendar (RFC 5545) writer for the public activities of a label.

Only what the feed needs: TEXT escaping (§3.3.11), line folding at 75 octets (§3.1), CRLF line
ends, a VTIMEZONE for Europe/Amsterdam so weekly activities keep their local time across DST.
"""

import datetime

from django.utils import timezone

PRODID = "-//Collectief//Publieke labelpagina//NL"
TZID = "Europe/Amsterdam"
VTIMEZONE = [
    "BEGIN:VTIMEZONE",
    f"TZID:{TZID}",
    "BEGIN:DAYLIGHT",
    "TZOFFSETFROM:+0100",
    "TZOFFSETTO:+0200",
    "TZNAME:CEST",
    "DTSTART:19700329T020000",
    "RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU",
    "END:DAYLIGHT",
    "BEGIN:STANDARD",
    "TZOFFSETFROM:+0200",
    "TZOFFSETTO:+0100",
    "TZNAME:CET",
    "DTSTART:19701025T030000",
    "RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU",
    "END:STANDARD",
    "END:VTIMEZONE",
]
RRULES = {
    "weekly": "FREQ=WEEKLY",
    "fortnightly": "FREQ=WEEKLY;INTERVAL=2",
    "monthly": "FREQ=MONTHLY",
}


def escape(text):
    """TEXT value escaping: backslash, semicolon, comma and newlines."""
    text = str(text).replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,")
    return text.replace("\r\n", "\\n").replace("\r", "\\n").replace("\n", "\\n")


def fold(line):
    """Split a content line into chunks of at most 75 octets, never inside a UTF-8 character."""
    data = line.encode("utf-8")
    if len(data) <= 75:
        return line
    parts, start, limit = [], 0, 75
    while start < len(data):
        end = min(start + limit, len(data))
        while end < len(data) and (data[end] & 0xC0) == 0x80:  # a continuation byte
            end -= 1
        parts.append(data[start:end].decode("utf-8"))
        start, limit = end, 74  # continuation lines begin with one space
    return "\r\n ".join(parts)


def _local(day, time):
    return f"{day:%Y%m%d}T{time:%H%M%S}"


def event_lines(*, uid, summary, description, location, day, start, end, recurrence, stamp):
    lines = ["BEGIN:VEVENT", f"UID:{uid}", f"DTSTAMP:{stamp:%Y%m%dT%H%M%SZ}"]
    if start:
        lines.append(f"DTSTART;TZID={TZID}:{_local(day, start)}")
        if end:
            lines.append(f"DTEND;TZID={TZID}:{_local(day, end)}")
    else:
        lines.append(f"DTSTART;VALUE=DATE:{day:%Y%m%d}")
    if recurrence in RRULES:
        lines.append(f"RRULE:{RRULES[recurrence]}")
    lines.append(f"SUMMARY:{escape(summary)}")
    if description:
        lines.append(f"DESCRIPTION:{escape(description)}")
    if location:
        lines.append(f"LOCATION:{escape(location)}")
    lines.append("END:VEVENT")
    return lines


def calendar(name, events):
    """The whole VCALENDAR text; `events` are keyword dicts for `event_lines`."""
    stamp = timezone.now().astimezone(datetime.UTC)
    lines = [
        "BEGIN:VCALENDAR",
        "VERSION:2.0",
        f"PRODID:{PRODID}",
        "CALSCALE:GREGORIAN",
        "METHOD:PUBLISH",
        f"X-WR-CALNAME:{escape(name)}",
        f"X-WR-TIMEZONE:{TZID}",
        *VTIMEZONE,
    ]
    for event in events:
        lines.extend(event_lines(stamp=stamp, **event))
    lines.append("END:VCALENDAR")
    return "".join(fold(line) + "\r\n" for line in lines)
