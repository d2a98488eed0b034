"""Outlet names: from a field, a URL's host, or what the text itself reveals."""

from __future__ import annotations

from urllib.parse import urlsplit

# Hosts of outlets whose name users search for rather than their domain.
KNOWN_HOSTS = {
    "de.rt.com": "RT DE",
    "rtde.live": "RT DE",
    "rtde.site": "RT DE",
    "rtde.world": "RT DE",
    "snanews.de": "SNA",
    "de.sputniknews.com": "SNA",
    "sptnkne.ws": "SNA",
}


def outlet_name(raw: str) -> str:
    """A field's outlet value, with known hosts given their outlet name."""
    value = raw.strip()
    host = value.lower().removeprefix("www.")
    return KNOWN_HOSTS.get(host, value)


def outlet_from_url(url: str) -> str | None:
    try:
        host = (urlsplit(url).hostname or "").lower().removeprefix("www.")
    except ValueError:
        return None
    return KNOWN_HOSTS.get(host, host or None)
