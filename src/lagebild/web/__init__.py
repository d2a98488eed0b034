"""The dashboard: server-rendered pages (Jinja2 templates, autoescaped) and the static files they use
(`static/chart.js`: our own SVG line chart; no CDN, works offline)."""
