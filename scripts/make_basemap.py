"""Make the viewer's offline base map (exports/assets/world_110m.json) from npm's world-atlas.

    cd /tmp && npm pack world-atlas@2.0.2 && tar xzf world-atlas-2.0.2.tgz
    .venv/bin/python scripts/make_basemap.py /tmp/package/countries-110m.json exports/assets/world_110m.json

world-atlas (ISC, Mike Bostock) is Natural Earth's 1:110m countries (public domain) as TopoJSON.
This decodes its arcs, projects them equirectangularly (x = longitude, y = -latitude, in degrees),
rounds to 0.1 degree, drops points that rounding makes repeat, moves rings that
cross the antimeridian east of it, and writes one SVG path per
country: what the map view draws under the places. Run once; the output is committed with the
licences (exports/assets/WORLD-ATLAS-LICENSE). Nothing is fetched at run time.
"""
from __future__ import annotations

import json
import sys
from pathlib import Path


def decode_arcs(topo: dict) -> list[list[tuple[float, float]]]:
    """Absolute longitude/latitude of every arc (TopoJSON arcs are quantised and delta-encoded)."""
    (sx, sy), (tx, ty) = topo["transform"]["scale"], topo["transform"]["translate"]
    arcs = []
    for arc in topo["arcs"]:
        x = y = 0
        points = []
        for dx, dy in arc:
            x, y = x + dx, y + dy
            points.append((x * sx + tx, y * sy + ty))
        arcs.append(points)
    return arcs


def ring_points(ring: list[int], arcs: list[list[tuple[float, float]]]) -> list[tuple[float, float]]:
    points: list[tuple[float, float]] = []
    for i in ring:
        arc = arcs[i] if i >= 0 else arcs[~i][::-1]
        points.extend(arc if not points else arc[1:])  # consecutive arcs share their end point
    return points


def ring_path(points: list[tuple[float, float]]) -> str:
    if any(abs(b[0] - a[0]) > 180 for a, b in zip(points, points[1:])):
        # A ring across the antimeridian (Chukotka, Fiji): draw it east of 180 instead of across the map.
        points = [(lon + 360 if lon < 0 else lon, lat) for lon, lat in points]
    out: list[str] = []
    for lon, lat in points:
        p = f"{lon:.1f} {-lat:.1f}".replace("-0.0", "0.0")
        if not out or out[-1] != p:
            out.append(p)
    if len(out) < 3:
        return ""
    return "M" + "L".join(out) + "Z"


def basemap(topo: dict) -> dict:
    arcs = decode_arcs(topo)
    countries = []
    for geom in topo["objects"]["countries"]["geometries"]:
        polygons = geom.get("arcs") or []
        if geom["type"] == "Polygon":
            polygons = [polygons]
        path = "".join(ring_path(ring_points(ring, arcs)) for polygon in polygons for ring in polygon)
        if path:
            countries.append([geom.get("properties", {}).get("name", ""), path])
    countries.sort()
    return {"source": "world-atlas 2.0.2 countries-110m.json (Natural Earth 1:110m; ISC and public domain)",
            "projection": "equirectangular: x = longitude, y = -latitude (degrees)",
            "countries": countries}


if __name__ == "__main__":
    src, dst = Path(sys.argv[1]), Path(sys.argv[2])
    data = basemap(json.loads(src.read_text(encoding="utf-8")))
    dst.write_text(json.dumps(data, ensure_ascii=False, separators=(",", ":"), sort_keys=True) + "\n",
                   encoding="utf-8")
    print(f"{dst}: {len(data['countries'])} countries, {dst.stat().st_size:,} bytes")
