"""Small I/O helpers shared by the table scripts (standard library only).

All tables are UTF-8, tab-separated, '\\n' line endings, one header line, no
quoting. Writers refuse fields holding a tab, newline or carriage return.
"""

import csv
import os


def read_csv(path):
    """Rows of a comma-separated file with a header, as dicts."""
    # newline='' lets csv handle quoted fields and any line ending.
    with open(path, encoding="utf-8-sig", newline="") as f:
        return list(csv.DictReader(f))


def read_onet(path):
    """Rows of an O*NET text-edition file (tab-separated, header) as dicts."""
    with open(path, encoding="utf-8-sig", newline="") as f:
        text = f.read()
    lines = [l for l in text.replace("\r\n", "\n").split("\n") if l != ""]
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != len(header):
            raise RuntimeError("%s:%d: %d fields, expected %d" %
                               (path, number, len(fields), len(header)))
        rows.append(dict(zip(header, fields)))
    return rows


def read_tsv(path):
    """(header, [(line number, row dict)]) of one of our tables."""
    with open(path, encoding="utf-8", newline="") as f:
        text = f.read()
    if "\r" in text:
        raise RuntimeError("%s: carriage return found; use '\\n' line endings" %
                           path)
    lines = text.split("\n")
    if lines and lines[-1] == "":
        lines.pop()
    header = lines[0].split("\t")
    rows = []
    for number, line in enumerate(lines[1:], start=2):
        fields = line.split("\t")
        if len(fields) != len(header):
            raise RuntimeError("%s:%d: %d fields, expected %d" %
                               (path, number, len(fields), len(header)))
        rows.append((number, dict(zip(header, fields))))
    return header, rows


def write_tsv(path, header, rows):
    """Writes header + rows (lists of strings); returns the number of rows."""
    lines = ["\t".join(header)]
    for fields in rows:
        if len(fields) != len(header):
            raise RuntimeError("%s: row %r has %d fields, expected %d" %
                               (path, fields[:2], len(fields), len(header)))
        for f in fields:
            if "\t" in f or "\n" in f or "\r" in f:
                raise RuntimeError("%s: field with a tab or newline: %r" %
                                   (path, f))
        lines.append("\t".join(fields))
    with open(path, "w", encoding="utf-8", newline="\n") as f:
        f.write("\n".join(lines) + "\n")
    return len(rows)


def fmt3(x):
    """A number in [0, 1] with at most 3 decimals: 0, 0.5, 0.873, 1."""
    s = "%.3f" % x
    if s == "-0.000":
        s = "0.000"
    s = s.rstrip("0").rstrip(".")
    return s


def table_path(out_dir, name):
    return os.path.join(out_dir, name)
