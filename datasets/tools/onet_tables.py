"""O*NET 29.0 -> onet_dimensions.tsv, onet_occupations.tsv, onet_related.tsv.

Dimensions: the 35 skills (Skills.txt, element ids 2.A.* and 2.B.*) then the
33 knowledge areas (Knowledge.txt, 2.C.*), each in element-id order (numeric
where a component is a number: 2.C.9.b < 2.C.10). Names are checked against
Content Model Reference.txt; the Chinese names are our own translations
(NAME_ZH below).

Profiles: every occupation with its own ratings (Skills.txt and Knowledge.txt
cover the same 879 codes) gets a 68-number profile by the scheme CHOSEN,
after every candidate scheme of SCHEMES is scored against O*NET's Related
Occupations (evaluate(), choose_scheme(); the table is printed and quoted in
datasets/README.md). Chosen: sqrt((IM-1)/4 * LV/7) minus 0.75 x its mean over
the rated occupations, clipped at 0, the whole table divided by its largest
value. Occupations without ratings take the mean profile of the rated
occupations of their SOC broad group (>= GROUP_MIN_BROAD rated members), else
of their minor group (group_of(); group_rule_figures() prints the
leave-one-out figures behind the rule); 55-xxxx military-specific codes never
get one.

Standard library only; deterministic (fixed iteration order, fixed formats).
"""

import bisect
import math
import operator
import os
import re
import sys

from tsvio import fmt3, read_onet, write_tsv

ONET_DIR = "onet_29_0"

# Our Chinese names for the 68 dimensions, by element id. Translated from the
# O*NET element names and their Content Model descriptions (what the rating
# asks about), not word for word where a literal rendering would mislead.
NAME_ZH = {
    # Basic skills: content
    "2.A.1.a": "阅读理解",          # Reading Comprehension
    "2.A.1.b": "积极倾听",          # Active Listening
    "2.A.1.c": "书面表达",          # Writing
    "2.A.1.d": "口头表达",          # Speaking
    "2.A.1.e": "数学运用",          # Mathematics (using mathematics to solve problems)
    "2.A.1.f": "科学方法运用",      # Science (scientific rules and methods)
    # Basic skills: process
    "2.A.2.a": "批判性思维",        # Critical Thinking
    "2.A.2.b": "主动学习",          # Active Learning
    "2.A.2.c": "学习策略",          # Learning Strategies
    "2.A.2.d": "监督评估",          # Monitoring (of oneself, others, organisations)
    # Cross-functional: social
    "2.B.1.a": "社会洞察",          # Social Perceptiveness
    "2.B.1.b": "协调配合",          # Coordination
    "2.B.1.c": "说服",              # Persuasion
    "2.B.1.d": "谈判",              # Negotiation
    "2.B.1.e": "指导教学",          # Instructing
    "2.B.1.f": "服务意识",          # Service Orientation
    "2.B.2.i": "复杂问题解决",      # Complex Problem Solving
    # Cross-functional: technical
    "2.B.3.a": "需求分析",          # Operations Analysis (needs -> design requirements)
    "2.B.3.b": "技术设计",          # Technology Design
    "2.B.3.c": "设备与工具选用",    # Equipment Selection
    "2.B.3.d": "安装",              # Installation
    "2.B.3.e": "编程",              # Programming
    "2.B.3.g": "运行监视",          # Operations Monitoring (gauges, dials)
    "2.B.3.h": "操作与控制",        # Operation and Control
    "2.B.3.j": "设备维护保养",      # Equipment Maintenance
    "2.B.3.k": "故障排查",          # Troubleshooting
    "2.B.3.l": "修理",              # Repairing
    "2.B.3.m": "质量控制分析",      # Quality Control Analysis
    # Cross-functional: systems
    "2.B.4.e": "判断与决策",        # Judgment and Decision Making
    "2.B.4.g": "系统分析",          # Systems Analysis
    "2.B.4.h": "系统评估",          # Systems Evaluation
    # Cross-functional: resource management
    "2.B.5.a": "时间管理",          # Time Management
    "2.B.5.b": "财务资源管理",      # Management of Financial Resources
    "2.B.5.c": "物资资源管理",      # Management of Material Resources
    "2.B.5.d": "人员管理",          # Management of Personnel Resources
    # Knowledge
    "2.C.1.a": "经营与管理",        # Administration and Management
    "2.C.1.b": "行政文秘",          # Administrative (clerical procedures, records)
    "2.C.1.c": "经济与会计",        # Economics and Accounting
    "2.C.1.d": "销售与市场营销",    # Sales and Marketing
    "2.C.1.e": "客户与个人服务",    # Customer and Personal Service
    "2.C.1.f": "人事与人力资源",    # Personnel and Human Resources
    "2.C.2.a": "生产与加工",        # Production and Processing
    "2.C.2.b": "农食生产",          # Food Production (planting, growing, harvesting food)
    "2.C.3.a": "计算机与电子",      # Computers and Electronics
    "2.C.3.b": "工程与技术",        # Engineering and Technology
    "2.C.3.c": "设计与制图",        # Design (drafting, blueprints, models)
    "2.C.3.d": "建筑与施工",        # Building and Construction
    "2.C.3.e": "机械",              # Mechanical
    "2.C.4.a": "数学",              # Mathematics
    "2.C.4.b": "物理",              # Physics
    "2.C.4.c": "化学",              # Chemistry
    "2.C.4.d": "生物",              # Biology
    "2.C.4.e": "心理学",            # Psychology
    "2.C.4.f": "社会学与人类学",    # Sociology and Anthropology
    "2.C.4.g": "地理",              # Geography
    "2.C.5.a": "医学与牙科",        # Medicine and Dentistry
    "2.C.5.b": "治疗与咨询",        # Therapy and Counseling
    "2.C.6": "教育与培训",          # Education and Training
    "2.C.7.a": "英语语言",          # English Language (the working language)
    "2.C.7.b": "外语",              # Foreign Language
    "2.C.7.c": "艺术",              # Fine Arts
    "2.C.7.d": "历史与考古",        # History and Archeology
    "2.C.7.e": "哲学与神学",        # Philosophy and Theology
    "2.C.8.a": "公共安全与保卫",    # Public Safety and Security
    "2.C.8.b": "法律与政府",        # Law and Government
    "2.C.9.a": "电信",              # Telecommunications
    "2.C.9.b": "传播与媒体",        # Communications and Media
    "2.C.10": "交通运输",           # Transportation
}


def snake(name):
    """Lower-case ascii, non-alphanumerics -> '_', repeats collapsed."""
    s = re.sub(r"[^a-z0-9]+", "_", name.lower()).strip("_")
    if not re.fullmatch(r"[a-z][a-z0-9_]*", s):
        raise RuntimeError("cannot make an id of %r" % name)
    return s


def element_key(element_id):
    return tuple((0, int(p), "") if p.isdigit() else (1, 0, p)
                 for p in element_id.split("."))


# --- Reading -----------------------------------------------------------------


class Onet:
    """The parts of O*NET 29.0 the tables need."""

    def __init__(self, shared):
        base = os.path.join(shared, ONET_DIR)
        self.occupations = [(r["O*NET-SOC Code"], r["Title"])
                            for r in read_onet(os.path.join(base, "Occupation Data.txt"))]
        self.titles = dict(self.occupations)
        if len(self.titles) != len(self.occupations):
            raise RuntimeError("duplicate codes in Occupation Data.txt")
        self.job_zone = {r["O*NET-SOC Code"]: r["Job Zone"]
                         for r in read_onet(os.path.join(base, "Job Zones.txt"))}
        content = {r["Element ID"]: r["Element Name"]
                   for r in read_onet(os.path.join(base, "Content Model Reference.txt"))}
        # ratings[code][element] = {"IM": x, "LV": y}
        self.ratings = {}
        self.dimensions = []  # (id, element_id, kind, name_en, name_zh)
        self.suppressed = 0
        self.rating_rows = 0
        for kind, fname in (("skill", "Skills.txt"), ("knowledge", "Knowledge.txt")):
            names = {}
            for r in read_onet(os.path.join(base, fname)):
                e = r["Element ID"]
                names[e] = r["Element Name"]
                v = float(r["Data Value"])
                self.ratings.setdefault(r["O*NET-SOC Code"], {}).setdefault(
                    e, {})[r["Scale ID"]] = v
                self.rating_rows += 1
                if r["Recommend Suppress"] == "Y":
                    self.suppressed += 1
            for e in sorted(names, key=element_key):
                if content.get(e) != names[e]:
                    raise RuntimeError("element %s %r differs from the content "
                                       "model (%r)" % (e, names[e], content.get(e)))
                self.dimensions.append(("%s.%s" % (kind, snake(names[e])), e,
                                        kind, names[e], NAME_ZH[e]))
        kinds = [d[2] for d in self.dimensions]
        if kinds.count("skill") != 35 or kinds.count("knowledge") != 33:
            raise RuntimeError("expected 35 skills and 33 knowledge areas, got "
                               "%d and %d" % (kinds.count("skill"),
                                              kinds.count("knowledge")))
        if len(set(NAME_ZH)) != 68 or set(NAME_ZH) != {d[1] for d in self.dimensions}:
            raise RuntimeError("NAME_ZH does not cover exactly the 68 elements")
        elements = [d[1] for d in self.dimensions]
        self.rated = []
        for code, _ in self.occupations:
            got = self.ratings.get(code)
            if got is None:
                continue
            for e in elements:
                if set(got.get(e, {})) != {"IM", "LV"}:
                    raise RuntimeError("%s: element %s lacks IM or LV" % (code, e))
            self.rated.append(code)
        unknown = set(self.ratings) - set(self.titles)
        if unknown:
            raise RuntimeError("ratings for unknown codes: %s" % sorted(unknown))
        # IM (1-5) and LV (0-7) as lists in dimension order.
        self.im = {c: [self.ratings[c][e]["IM"] for e in elements] for c in self.rated}
        self.lv = {c: [self.ratings[c][e]["LV"] for e in elements] for c in self.rated}
        self.related = {}  # code -> tier -> [codes in Index order]
        rel = read_onet(os.path.join(base, "Related Occupations.txt"))
        for r in sorted(rel, key=lambda r: (r["O*NET-SOC Code"], int(r["Index"]))):
            self.related.setdefault(r["O*NET-SOC Code"], {}).setdefault(
                r["Relatedness Tier"], []).append(r["Related O*NET-SOC Code"])
        self.related_rows = len(rel)


# --- Weighting schemes -------------------------------------------------------


def _im(im, lv):
    return (im - 1.0) / 4.0


def _lv(im, lv):
    return lv / 7.0


def _product(im, lv):
    return (im - 1.0) / 4.0 * lv / 7.0


def _sqrt_product(im, lv):
    return math.sqrt(max(0.0, (im - 1.0) / 4.0 * lv / 7.0))


def _gated(im, lv):
    # O*NET's own convention: an element is "important" at IM >= 3.
    return lv / 7.0 if im >= 3.0 else 0.0


BASE = {
    "im": ("(IM-1)/4", _im),
    "lv": ("LV/7", _lv),
    "prod": ("(IM-1)/4 * LV/7", _product),
    "sqrt": ("sqrt((IM-1)/4 * LV/7)", _sqrt_product),
    "gate": ("LV/7 if IM>=3 else 0", _gated),
}

# Candidate schemes: (name, base, transform, alpha). Transforms:
#   centre   v - alpha * (the dimension's mean over the rated occupations),
#            clipped at 0 (alpha 0: the base value as is)
#   dimscale v - mean, clipped at 0, then each dimension divided by its own
#            largest value (every dimension reaches 1 somewhere)
#   zscore   (v - mean) / (the dimension's standard deviation), clipped at 0
# Every profile table is finally divided by its largest value (one global
# scale, so that the table spans [0, 1]); cosines do not depend on it.
SCHEMES = [
    ("im", "im", "centre", 0.0),
    ("lv", "lv", "centre", 0.0),
    ("prod", "prod", "centre", 0.0),
    ("sqrt", "sqrt", "centre", 0.0),
    ("gate", "gate", "centre", 0.0),
    ("im.5", "im", "centre", 0.5),
    ("lv.5", "lv", "centre", 0.5),
    ("prod.5", "prod", "centre", 0.5),
    ("sqrt.5", "sqrt", "centre", 0.5),
    ("im.75", "im", "centre", 0.75),
    ("lv.75", "lv", "centre", 0.75),
    ("prod.75", "prod", "centre", 0.75),
    ("sqrt.75", "sqrt", "centre", 0.75),
    ("im1", "im", "centre", 1.0),
    ("lv1", "lv", "centre", 1.0),
    ("prod1", "prod", "centre", 1.0),
    ("sqrt1", "sqrt", "centre", 1.0),
    ("gate1", "gate", "centre", 1.0),
    ("sqrt-d", "sqrt", "dimscale", 1.0),
    ("sqrt-z", "sqrt", "zscore", 1.0),
]

CHOSEN = "sqrt.75"  # the reasons are in datasets/README.md


def scheme_profiles(onet, base, transform, alpha):
    """{code: [68 floats in [0, 1]]} for the rated occupations."""
    f = BASE[base][1]
    codes = onet.rated
    raw = {c: [f(i, l) for i, l in zip(onet.im[c], onet.lv[c])] for c in codes}
    n = len(codes)
    dims = len(onet.dimensions)
    mean = [sum(raw[c][d] for c in codes) / n for d in range(dims)]
    if transform == "centre":
        dev = {c: [max(0.0, raw[c][d] - alpha * mean[d]) for d in range(dims)]
               for c in codes}
    elif transform == "dimscale":
        dev = {c: [max(0.0, raw[c][d] - mean[d]) for d in range(dims)] for c in codes}
        top = [max(dev[c][d] for c in codes) or 1.0 for d in range(dims)]
        dev = {c: [v / t for v, t in zip(dev[c], top)] for c in codes}
    elif transform == "zscore":
        sd = [math.sqrt(sum((raw[c][d] - mean[d]) ** 2 for c in codes) / n)
              for d in range(dims)]
        dev = {c: [max(0.0, (raw[c][d] - mean[d]) / sd[d]) for d in range(dims)]
               for c in codes}
    else:
        raise ValueError(transform)
    top = max(max(v) for v in dev.values())
    return {c: [v / top for v in dev[c]] for c in codes}


# --- Evaluation against Related Occupations ---------------------------------


def _unit(v):
    n = math.sqrt(sum(x * x for x in v))
    return [x / n for x in v] if n > 0 else list(v)


def similarity_matrix(profiles, codes):
    units = [_unit(profiles[c]) for c in codes]
    n = len(codes)
    sim = [[0.0] * n for _ in range(n)]
    for i in range(n):
        ui = units[i]
        row = sim[i]
        for j in range(i + 1, n):
            s = sum(map(operator.mul, ui, units[j]))
            row[j] = s
            sim[j][i] = s
    return sim


def evaluate(onet, profiles):
    """Scores the cosine ranking of every rated occupation's rated peers
    against O*NET's Related Occupations (only rated targets count)."""
    codes = onet.rated
    index = {c: i for i, c in enumerate(codes)}
    sim = similarity_matrix(profiles, codes)
    n = len(codes)
    r10 = []    # recall@10 of Primary-Short
    r20 = []    # recall@20 of Primary-Short + Primary-Long
    rr = []     # reciprocal rank of the first Primary-Short
    ndcg = []   # nDCG@20 with gains Primary-Short 3, Primary-Long 2, Supplemental 1
    ps_cos = []
    all_cos = []
    for i, c in enumerate(codes):
        row = sim[i]
        for j in range(i + 1, n):
            all_cos.append(row[j])
        tiers = onet.related.get(c, {})
        ps = [index[x] for x in tiers.get("Primary-Short", []) if x in index]
        pl = [index[x] for x in tiers.get("Primary-Long", []) if x in index]
        sp = [index[x] for x in tiers.get("Supplemental", []) if x in index]
        if not ps:
            continue
        order = sorted((j for j in range(n) if j != i),
                       key=lambda j: (-row[j], codes[j]))
        rank = {j: k for k, j in enumerate(order)}
        r10.append(sum(1 for j in ps if rank[j] < 10) / len(ps))
        primary = ps + pl
        r20.append(sum(1 for j in primary if rank[j] < 20) / len(primary))
        rr.append(1.0 / (1 + min(rank[j] for j in ps)))
        gain = {}
        for j in sp:
            gain[j] = 1.0
        for j in pl:
            gain[j] = 2.0
        for j in ps:
            gain[j] = 3.0
        dcg = sum(gain.get(j, 0.0) / math.log2(k + 2) for k, j in enumerate(order[:20]))
        ideal = sorted(gain.values(), reverse=True)[:20]
        idcg = sum(g / math.log2(k + 2) for k, g in enumerate(ideal))
        ndcg.append(dcg / idcg)
        ps_cos.extend(row[j] for j in ps)

    def mean(xs):
        return sum(xs) / len(xs)

    # Pooled AUC: chance that a Primary-Short pair outscores a random pair of
    # distinct rated occupations (scores are compared across queries in a
    # round, so calibration across occupations matters, not only ranking).
    pool = sorted(all_cos)
    auc = mean([bisect.bisect_left(pool, x) / len(pool) for x in ps_cos])

    return {
        "n": len(r10),
        "r10": mean(r10),
        "r20": mean(r20),
        "mrr": mean(rr),
        "ndcg": mean(ndcg),
        "cos_all": mean(all_cos),
        "cos_ps": mean(ps_cos),
        "auc": auc,
        "nz_min": min(sum(1 for x in profiles[c] if x > 0) for c in codes),
        "nz_lt10": sum(1 for c in codes if sum(1 for x in profiles[c] if x > 0) < 10),
    }


def choose_scheme(onet, err):
    """Scores every candidate scheme, prints the table, returns the chosen
    scheme's profiles of the rated occupations and all the figures."""
    print("onet_occupations.tsv: profile schemes scored against O*NET Related "
          "Occupations (%d rated occupations, each ranking the other %d by "
          "cosine):" % (len(onet.rated), len(onet.rated) - 1), file=err)
    print("  %-8s %-22s %-9s %5s %5s %5s %6s %7s %6s %5s %6s %6s" %
          ("scheme", "base", "centring", "R@10", "R@20", "MRR", "nDCG20",
           "cos_all", "cos_PS", "AUC", "nz_min", "nz<10"), file=err)
    results = {}
    chosen = None
    for name, base, transform, alpha in SCHEMES:
        profiles = scheme_profiles(onet, base, transform, alpha)
        m = evaluate(onet, profiles)
        results[name] = m
        if name == CHOSEN:
            chosen = profiles
        centring = ("none" if alpha == 0 else "%g*mean" % alpha) \
            if transform == "centre" else transform
        print("  %-8s %-22s %-9s %5.3f %5.3f %5.3f %6.3f %7.3f %6.3f %5.3f "
              "%6d %6d%s" %
              (name, BASE[base][0], centring, m["r10"], m["r20"], m["mrr"],
               m["ndcg"], m["cos_all"], m["cos_ps"], m["auc"], m["nz_min"],
               m["nz_lt10"], "  <- chosen" if name == CHOSEN else ""),
              file=err)
    print("  R@10: share of an occupation's Primary-Short related occupations "
          "in its top 10; R@20: same for Primary-Short + Primary-Long in the "
          "top 20; MRR: mean 1/rank of the first Primary-Short; nDCG20: gains "
          "3/2/1 for Primary-Short/Primary-Long/Supplemental; cos_all: mean "
          "cosine over all %d pairs; cos_PS: mean cosine of Primary-Short "
          "pairs; AUC: chance that a Primary-Short pair outscores a random "
          "pair; nz_min: fewest non-zero dimensions of a profile; nz<10: "
          "profiles with fewer than 10 non-zero dimensions. Only rated "
          "related occupations count (%d occupations have one)." %
          (len(onet.rated) * (len(onet.rated) - 1) // 2, results[CHOSEN]["n"]),
          file=err)
    return chosen, results


# --- Occupations without own ratings -----------------------------------------

# The broad SOC group (XX-XXX: the first five digits) when it holds at least
# GROUP_MIN_BROAD rated occupations, else the minor group (XX-XX).
GROUP_MIN_BROAD = 3


def _mean(vectors):
    n = len(vectors)
    return [sum(v[d] for v in vectors) / n for d in range(len(vectors[0]))]


def _cos(a, b):
    na = math.sqrt(sum(x * x for x in a))
    nb = math.sqrt(sum(x * x for x in b))
    return sum(map(operator.mul, a, b)) / (na * nb) if na > 0 and nb > 0 else 0.0


BROAD, MINOR, DETAILED = 6, 5, 7  # prefix lengths of "53-3032.00"


def group_of(code, rated_by_prefix, exclude=None, rule=("broad", GROUP_MIN_BROAD)):
    """(level name, [rated codes]) the profile of `code` is averaged from."""
    levels = {"detailed": [DETAILED, BROAD, MINOR], "broad": [BROAD, MINOR],
              "minor": [MINOR]}[rule[0]]
    for k in levels:
        peers = [p for p in rated_by_prefix.get(code[:k], []) if p != exclude]
        if len(peers) >= rule[1] or (k == MINOR and peers):
            return {DETAILED: "detailed", BROAD: "broad", MINOR: "minor"}[k], peers
    return None, []


def group_rule_figures(onet, profiles, err):
    """Leave-one-out: how well the group mean predicts a rated occupation's
    own profile, for a few group rules (printed)."""
    by_prefix = {}
    for c in onet.rated:
        for k in (DETAILED, BROAD, MINOR):
            by_prefix.setdefault(c[:k], []).append(c)
    print("  group profiles: leave-one-out mean cosine between a rated "
          "occupation's profile and the mean of the other rated occupations "
          "of its group (all %d rated occupations; those with no peer in "
          "the minor group are skipped):" % len(onet.rated), file=err)
    rules = [("detailed", 1), ("broad", 1), ("broad", GROUP_MIN_BROAD),
             ("minor", 1)]
    labels = {("detailed", 1): "most specific of detailed/broad/minor",
              ("broad", 1): "broad, else minor",
              ("broad", GROUP_MIN_BROAD): "broad with >= %d rated, else minor" %
              GROUP_MIN_BROAD,
              ("minor", 1): "minor only"}
    for rule in rules:
        cs = []
        for c in onet.rated:
            _, peers = group_of(c, by_prefix, exclude=c, rule=rule)
            if peers:
                cs.append(_cos(_mean([profiles[p] for p in peers]), profiles[c]))
        print("    %-38s %.3f over %d%s" %
              (labels[rule], sum(cs) / len(cs), len(cs),
               "  <- used" if rule == ("broad", GROUP_MIN_BROAD) else ""),
              file=err)
    overall = _mean(list(profiles.values()))
    base = sum(_cos(overall, profiles[c]) for c in onet.rated) / len(onet.rated)
    print("    %-38s %.3f (baseline)" % ("mean of all rated occupations", base),
          file=err)


def all_profiles(onet, rated_profiles):
    """{code: (source, profile or None, group note)} for every occupation."""
    by_prefix = {}
    for c in onet.rated:
        for k in (BROAD, MINOR):
            by_prefix.setdefault(c[:k], []).append(c)
    out = {}
    for code, _ in onet.occupations:
        if code in rated_profiles:
            out[code] = ("rated", rated_profiles[code], "")
            continue
        if code.startswith("55-"):
            out[code] = ("none", None, "military")
            continue
        level, peers = group_of(code, by_prefix)
        if peers:
            out[code] = ("group", _mean([rated_profiles[p] for p in peers]),
                         "%s:%d" % (level, len(peers)))
        else:
            out[code] = ("none", None, "no rated group")
    return out


# --- Writing -----------------------------------------------------------------


def write_dimensions(onet, out_dir):
    rows = [list(d) for d in onet.dimensions]
    return write_tsv(os.path.join(out_dir, "onet_dimensions.tsv"),
                     ["id", "element_id", "kind", "name_en", "name_zh"], rows)


def write_occupations(onet, profiles, out_dir):
    rows = []
    for code, title in onet.occupations:
        source, profile, _ = profiles[code]
        rows.append([code, title, onet.job_zone.get(code, ""), source,
                     ",".join(fmt3(x) for x in profile) if profile else ""])
    rows.sort(key=lambda r: r[0])
    return write_tsv(os.path.join(out_dir, "onet_occupations.tsv"),
                     ["code", "title", "job_zone", "source", "profile"], rows)


def write_related(onet, out_dir):
    rows = []
    for code in sorted(onet.related):
        if code not in onet.titles:
            raise RuntimeError("related occupations of unknown code %s" % code)
        t = onet.related[code]
        for tier in t.values():
            for x in tier:
                if x not in onet.titles:
                    raise RuntimeError("%s: related code %s unknown" % (code, x))
        rows.append([code, ",".join(t.get("Primary-Short", [])),
                     ",".join(t.get("Primary-Long", [])),
                     ",".join(t.get("Supplemental", []))])
    return write_tsv(os.path.join(out_dir, "onet_related.tsv"),
                     ["code", "primary_short", "primary_long", "supplemental"], rows)


def derive_onet(shared, out_dir, err=sys.stderr):
    """Writes the three O*NET tables; returns the Onet data and the profiles."""
    onet = Onet(shared)
    n_dim = write_dimensions(onet, out_dir)
    print("onet_dimensions.tsv: %d rows (%d skills, %d knowledge areas)" %
          (n_dim, sum(1 for d in onet.dimensions if d[2] == "skill"),
           sum(1 for d in onet.dimensions if d[2] == "knowledge")), file=err)
    rated, _ = choose_scheme(onet, err)
    group_rule_figures(onet, rated, err)
    profiles = all_profiles(onet, rated)
    n_occ = write_occupations(onet, profiles, out_dir)
    sources = {}
    for source, _, note in profiles.values():
        sources[source] = sources.get(source, 0) + 1
    levels = {}
    for source, _, note in profiles.values():
        if source != "rated":
            key = note.split(":")[0]
            levels[key] = levels.get(key, 0) + 1
    print("onet_occupations.tsv: %d rows: rated %d, group %d (broad %d, minor "
          "%d), none %d (55-xxxx military %d, no rated group %d); job zone "
          "for %d; %d rating rows read, %d flagged Recommend Suppress (used)" %
          (n_occ, sources.get("rated", 0), sources.get("group", 0),
           levels.get("broad", 0), levels.get("minor", 0), sources.get("none", 0),
           levels.get("military", 0), levels.get("no rated group", 0),
           sum(1 for c, _ in onet.occupations if c in onet.job_zone),
           onet.rating_rows, onet.suppressed), file=err)
    n_rel = write_related(onet, out_dir)
    print("onet_related.tsv: %d rows (%d related pairs: Primary-Short %d, "
          "Primary-Long %d, Supplemental %d)" %
          (n_rel, onet.related_rows,
           sum(len(t.get("Primary-Short", [])) for t in onet.related.values()),
           sum(len(t.get("Primary-Long", [])) for t in onet.related.values()),
           sum(len(t.get("Supplemental", [])) for t in onet.related.values())),
          file=err)
    return onet, profiles
