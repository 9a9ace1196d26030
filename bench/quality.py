#!/usr/bin/env python3
"""Measure tonelint's rules against the held-out labelled corpus.

The corpus (tests/corpus/lines.tsv) is a tab-separated file with the header
``label<TAB>category<TAB>text``.  Every other line is one sentence or short
passage of invoice, reminder or email text:

* ``flag``  lines carry the category they must be flagged for
  (threat, blame, demand, cold, jargon, passive-aggressive, shouting,
  negative);
* ``pass``  lines must produce no finding at all; their category is ``-``
  for ordinary text or ``near:<category>`` for a near-miss that shares
  words with that category's likely rules.

The script writes every text to a temporary file, one entry per paragraph
with a blank line between entries (so a match can never join two entries),
runs ``tonelint [--no-default-rules --rules DIR] --no-config
--input-format text --format json FILE`` once (exit status 0 or 1 is a
successful run, whatever --fail-on would make of it),
and maps each finding's ``line`` back to its entry.

What is counted:

* recall (overall): flag lines with at least one finding (of any category)
  divided by all flag lines;
* recall (per category C): flag lines of category C with at least one finding
  of category C, divided by the flag lines of category C;
* precision (per category C): lines that have at least one finding of
  category C and are flag lines of category C, divided by all lines that have
  at least one finding of category C (a flag line of another category that
  also draws a C finding counts against C's precision);
* precision (overall): lines with any finding that are flag lines, divided by
  all lines with any finding;
* false-alarm rate: pass lines with any finding divided by all pass lines
  (also shown per near-miss category and for near-misses as a whole);
* suggestion coverage: findings with at least one non-empty suggestion
  divided by all findings.

Document rules (rules that judge a whole document, such as "a reminder
must say how to reach a person") are measured on a second corpus,
tests/corpus/documents/: small documents in their own formats, and
labels.tsv, which gives each one's kind (and stage) and the required items
it truly lacks. The script copies them into a temporary folder with a
configuration that gives each its kind, runs tonelint on them once, and
counts, for each required rule and in all:

* caught missing: the document lacks the item and the rule says so;
* missed: it lacks the item and the rule is silent;
* wrongly claimed missing: the document has the item, the rule says it
  lacks it;
* and from these the recall of missing items, the precision of the claims
  and the rate of wrong claims among items present.

Options:

  --binary PATH   the tonelint executable (default: build/tonelint under
                  the repository root)
  --corpus PATH   the corpus (default: tests/corpus/lines.tsv under the
                  repository root)
  --rules DIR     run with --no-default-rules --rules DIR instead of the
                  built-in rules (may be given more than once)
  --documents DIR the labelled documents (default: tests/corpus/documents;
                  "none" to skip them)
  --check         exit 1 if overall recall < 0.95, false alarms on pass
                  lines > 3 %, any finding has no suggestion, missing
                  items caught < 0.90 or wrong claims of missing > 10 %
  --quiet         print only the summary figures (no table, no lists)

Exit status: 0 success (and, with --check, all targets met), 1 a target was
missed (with --check), 2 the corpus or tonelint could not be used.  With
--check --quiet the script is suitable as a CTest test, e.g.

  add_test(NAME corpus-quality
           COMMAND python3 ${CMAKE_SOURCE_DIR}/bench/quality.py
                   --binary $<TARGET_FILE:tonelint_cli> --check --quiet)
"""

import argparse
import json
import os
import shutil
import subprocess
import sys
import tempfile

CATEGORIES = (
    "threat",
    "blame",
    "demand",
    "cold",
    "jargon",
    "passive-aggressive",
    "shouting",
    "negative",
)

MIN_RECALL = 0.95
MAX_FALSE_ALARM_RATE = 0.03
MIN_MISSING_RECALL = 0.90
MAX_WRONG_CLAIM_RATE = 0.10

REPO_ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))


class UsageError(Exception):
    """The corpus or the engine could not be used (exit status 2)."""


class Entry:
    """One labelled corpus line and the findings on it."""

    __slots__ = ("lineno", "label", "category", "text", "findings")

    def __init__(self, lineno, label, category, text):
        self.lineno = lineno
        self.label = label
        self.category = category
        self.text = text
        self.findings = []

    @property
    def categories(self):
        return {f.get("category") for f in self.findings}

    @property
    def rules(self):
        seen = []
        for f in self.findings:
            rid = f.get("rule")
            if rid not in seen:
                seen.append(rid)
        return seen


def load_corpus(path):
    """Read and validate the TSV corpus; return a list of Entry."""
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().split("\n")
    except OSError as exc:
        raise UsageError("cannot read corpus %s: %s" % (path, exc.strerror))
    except UnicodeDecodeError as exc:
        raise UsageError("corpus %s is not UTF-8: %s" % (path, exc))
    if lines and lines[-1] == "":
        lines.pop()
    if not lines or lines[0].rstrip("\r") != "label\tcategory\ttext":
        raise UsageError(
            "%s:1: expected the header 'label<TAB>category<TAB>text'" % path
        )
    entries = []
    problems = []
    for lineno, raw in enumerate(lines[1:], start=2):
        line = raw.rstrip("\r")
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 3:
            problems.append("%s:%d: expected 3 tab-separated fields, got %d"
                            % (path, lineno, len(parts)))
            continue
        label, category, text = parts
        if label == "flag":
            if category not in CATEGORIES:
                problems.append("%s:%d: unknown category %r for a flag line"
                                % (path, lineno, category))
                continue
        elif label == "pass":
            if category != "-" and not (
                category.startswith("near:") and category[5:] in CATEGORIES
            ):
                problems.append("%s:%d: pass lines take '-' or "
                                "'near:<category>', not %r"
                                % (path, lineno, category))
                continue
        else:
            problems.append("%s:%d: label must be 'flag' or 'pass', not %r"
                            % (path, lineno, label))
            continue
        if not text.strip():
            problems.append("%s:%d: empty text" % (path, lineno))
            continue
        entries.append(Entry(lineno, label, category, text.strip()))
    if problems:
        raise UsageError("\n".join(problems))
    if not entries:
        raise UsageError("%s: the corpus has no entries" % path)
    return entries


def write_entries(entries, fh):
    """Write entries as blank-line separated paragraphs.

    Returns a dict that maps each 1-based line number of the file to the
    index of the entry on it.
    """
    line_to_entry = {}
    lineno = 1
    chunks = []
    for i, entry in enumerate(entries):
        text_lines = entry.text.split("\n")
        for _ in text_lines:
            line_to_entry[lineno] = i
            lineno += 1
        chunks.append(entry.text)
        lineno += 1  # the blank separator line
    fh.write("\n\n".join(chunks) + "\n")
    return line_to_entry


def run_tonelint(binary, rule_dirs, path):
    """Run tonelint on path and return its parsed JSON report."""
    cmd = [binary]
    if rule_dirs:
        cmd.append("--no-default-rules")
        for d in rule_dirs:
            cmd += ["--rules", d]
    # The corpus file is plain text by definition: never let format sniffing
    # read an entry such as "Re: ..." or "Subject: ..." as an email header.
    # And measure the rules themselves: a .tonelint.yml found above the
    # temporary directory must not switch rules off or change severities.
    cmd += ["--no-config", "--input-format", "text", "--format", "json",
            path]
    try:
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
    except OSError as exc:
        raise UsageError("cannot run %s: %s" % (binary, exc.strerror))
    stderr = proc.stderr.decode("utf-8", "replace")
    if proc.returncode not in (0, 1):
        how = ("exit status %d" % proc.returncode if proc.returncode >= 0
               else "signal %d" % -proc.returncode)
        raise UsageError("%s failed (%s):\n%s"
                         % (" ".join(cmd), how, stderr.rstrip()))
    if stderr.strip():
        # Warnings (e.g. a rule hitting its match limit) are worth seeing.
        sys.stderr.write(stderr if stderr.endswith("\n") else stderr + "\n")
    try:
        report = json.loads(proc.stdout.decode("utf-8"))
    except (UnicodeDecodeError, ValueError) as exc:
        raise UsageError("%s printed output that is not JSON: %s"
                         % (" ".join(cmd), exc))
    if not isinstance(report, dict) or not isinstance(
            report.get("findings"), list):
        raise UsageError("%s: JSON report has no 'findings' list"
                         % " ".join(cmd))
    return report


def has_suggestion(finding):
    sugg = finding.get("suggestions")
    if not isinstance(sugg, list):
        return False
    return any(isinstance(s, str) and s.strip() for s in sugg)


def ratio(num, den):
    return None if den == 0 else num / den


def fmt(value):
    return "  n/a" if value is None else "%5.3f" % value


def one_line(text, limit=60):
    text = " ".join(str(text).split())
    return text if len(text) <= limit else text[: limit - 3] + "..."


def evaluate(entries):
    """Compute all figures; return a dict."""
    flag = [e for e in entries if e.label == "flag"]
    passed = [e for e in entries if e.label == "pass"]
    near = [e for e in passed if e.category != "-"]
    findings = [f for e in entries for f in e.findings]

    seen_cats = set(CATEGORIES)
    for f in findings:
        seen_cats.add(f.get("category"))
    extra = sorted(c for c in seen_cats if c not in CATEGORIES and c)
    rows = []
    for cat in list(CATEGORIES) + extra:
        cat_flag = [e for e in flag if e.category == cat]
        caught_in_cat = [e for e in cat_flag if cat in e.categories]
        caught_any = [e for e in cat_flag if e.findings]
        with_cat = [e for e in entries if cat in e.categories]
        correct = [e for e in with_cat
                   if e.label == "flag" and e.category == cat]
        cat_near = [e for e in near if e.category == "near:" + cat]
        near_alarms = [e for e in cat_near if e.findings]
        rows.append({
            "category": cat,
            "flag": len(cat_flag),
            "caught": len(caught_in_cat),
            "caught_any": len(caught_any),
            "recall": ratio(len(caught_in_cat), len(cat_flag)),
            "lines_with_cat": len(with_cat),
            "precision": ratio(len(correct), len(with_cat)),
            "near": len(cat_near),
            "near_alarms": len(near_alarms),
        })

    caught = [e for e in flag if e.findings]
    alarms = [e for e in passed if e.findings]
    near_alarms = [e for e in near if e.findings]
    with_any = [e for e in entries if e.findings]
    suggested = [f for f in findings if has_suggestion(f)]
    return {
        "rows": rows,
        "entries": len(entries),
        "flag": len(flag),
        "pass": len(passed),
        "near": len(near),
        "caught": len(caught),
        "recall": ratio(len(caught), len(flag)),
        "precision": ratio(len([e for e in with_any if e.label == "flag"]),
                           len(with_any)),
        "lines_with_findings": len(with_any),
        "alarms": len(alarms),
        "false_alarm_rate": ratio(len(alarms), len(passed)),
        "near_alarms": len(near_alarms),
        "near_false_alarm_rate": ratio(len(near_alarms), len(near)),
        "findings": len(findings),
        "suggested": len(suggested),
        "suggestion_share": ratio(len(suggested), len(findings)),
        "misses": [e for e in flag if not e.findings],
        "off_category": [e for e in flag
                         if e.findings and e.category not in e.categories],
        "false_alarms": alarms,
        "unsuggested": [(e, f) for e in entries for f in e.findings
                        if not has_suggestion(f)],
    }


def print_table(res, out):
    head = ("%-20s %5s %6s %5s %7s %9s %11s"
            % ("category", "flag", "caught", "any", "recall", "precision",
               "near FA"))
    out.write(head + "\n" + "-" * len(head) + "\n")
    for r in res["rows"]:
        out.write("%-20s %5d %6d %5d %7s %9s %11s\n" % (
            r["category"], r["flag"], r["caught"], r["caught_any"],
            fmt(r["recall"]), fmt(r["precision"]),
            "%d/%d" % (r["near_alarms"], r["near"])))
    out.write("\n"
              "caught    = flag lines of the category with a finding of that "
              "category\n"
              "any       = flag lines of the category with any finding\n"
              "precision = lines with a finding of the category that are "
              "flag lines of it,\n"
              "            over all lines with a finding of the category\n"
              "near FA   = near:<category> pass lines with any finding\n\n")


def print_summary(res, out):
    def pct(v):
        return "n/a" if v is None else "%.1f%%" % (100.0 * v)

    out.write("corpus: %d lines (%d flag, %d pass of which %d near-miss)\n"
              % (res["entries"], res["flag"], res["pass"], res["near"]))
    out.write("recall:            %s  (%d of %d flag lines have a finding)\n"
              % (fmt(res["recall"]), res["caught"], res["flag"]))
    out.write("precision:         %s  (%d lines with findings)\n"
              % (fmt(res["precision"]), res["lines_with_findings"]))
    out.write("false alarms:      %s  (%d of %d pass lines; near-misses "
              "%d of %d, %s)\n"
              % (pct(res["false_alarm_rate"]), res["alarms"], res["pass"],
                 res["near_alarms"], res["near"],
                 pct(res["near_false_alarm_rate"])))
    out.write("with suggestion:   %s  (%d of %d findings)\n"
              % (pct(res["suggestion_share"]), res["suggested"],
                 res["findings"]))


def print_lists(res, out):
    if res["misses"]:
        out.write("\n")
        for e in res["misses"]:
            out.write("MISS [%s] %s\n" % (e.category, e.text))
    if res["off_category"]:
        out.write("\n")
        for e in res["off_category"]:
            out.write("OFF-CATEGORY [%s, got %s] %s\n"
                      % (e.category, ", ".join(sorted(map(str, e.categories))),
                         e.text))
    if res["false_alarms"]:
        out.write("\n")
        for e in res["false_alarms"]:
            out.write("FALSE ALARM [%s] %s\n"
                      % (", ".join(map(str, e.rules)), e.text))
            for f in e.findings:
                out.write("    %s matched %r\n"
                          % (f.get("rule"), one_line(f.get("match", ""))))
    if res["unsuggested"]:
        out.write("\n")
        for e, f in res["unsuggested"]:
            out.write("NO SUGGESTION [%s] %s\n" % (f.get("rule"), e.text))


def check(res):
    """Return the list of missed targets (empty when all are met)."""
    failures = []
    if res["recall"] is None or res["recall"] < MIN_RECALL:
        failures.append("recall %s is below %.2f"
                        % (fmt(res["recall"]).strip(), MIN_RECALL))
    if res["false_alarm_rate"] is not None and \
            res["false_alarm_rate"] > MAX_FALSE_ALARM_RATE:
        failures.append("false alarms on pass lines %.1f%% exceed %.0f%%"
                        % (100.0 * res["false_alarm_rate"],
                           100.0 * MAX_FALSE_ALARM_RATE))
    if res["unsuggested"]:
        failures.append("%d finding(s) have no suggestion"
                        % len(res["unsuggested"]))
    return failures


# ------------------------------------------------------------ documents


def load_documents(folder):
    """Read labels.tsv: (required rules by kind, [(file, kind, missing)])."""
    path = os.path.join(folder, "labels.tsv")
    try:
        with open(path, encoding="utf-8") as fh:
            lines = fh.read().split("\n")
    except OSError as exc:
        raise UsageError("cannot read %s: %s" % (path, exc.strerror))
    required = {}
    docs = []
    problems = []
    header = False
    for lineno, line in enumerate(lines, start=1):
        line = line.rstrip("\r")
        if line.startswith("#required\t"):
            parts = line.split("\t")
            if len(parts) != 3:
                problems.append("%s:%d: expected #required<TAB>kind<TAB>"
                                "rule ids" % (path, lineno))
                continue
            required[parts[1]] = parts[2].split()
            continue
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if not header:
            if parts != ["file", "kind", "missing"]:
                problems.append("%s:%d: expected the header 'file<TAB>kind"
                                "<TAB>missing'" % (path, lineno))
            header = True
            continue
        if len(parts) != 3:
            problems.append("%s:%d: expected 3 tab-separated fields"
                            % (path, lineno))
            continue
        name, kind, missing = parts
        base = kind.split(":")[0]
        if base not in required:
            problems.append("%s:%d: no #required line for kind %r"
                            % (path, lineno, base))
            continue
        miss = [] if missing == "-" else missing.split(",")
        for m in miss:
            if m not in required[base]:
                problems.append("%s:%d: %r is not a required rule of %r"
                                % (path, lineno, m, base))
        if not os.path.isfile(os.path.join(folder, name)):
            problems.append("%s:%d: no document %r" % (path, lineno, name))
        docs.append((name, kind, set(miss)))
    if problems:
        raise UsageError("\n".join(problems))
    if not docs:
        raise UsageError("%s: no documents" % path)
    return required, docs


def run_documents(binary, rule_dirs, folder):
    """Lint the labelled documents; return the figures."""
    required, docs = load_documents(folder)
    tmpdir = tempfile.mkdtemp(prefix="tonelint-docs-")
    try:
        cfg = ["fail_on: never", "overrides:"]
        paths = []
        for name, kind, _ in docs:
            shutil.copy(os.path.join(folder, name), tmpdir)
            base, _, stage = kind.partition(":")
            cfg.append("  - files: %s" % json.dumps(name))
            cfg.append("    kind: %s" % base)
            if stage:
                cfg.append("    stage: %s" % json.dumps(stage))
            paths.append(os.path.join(tmpdir, name))
        cfg_path = os.path.join(tmpdir, "config.yml")
        with open(cfg_path, "w", encoding="utf-8") as fh:
            fh.write("\n".join(cfg) + "\n")
        cmd = [binary]
        for d in rule_dirs or []:
            cmd += ["--rules", d]
        if rule_dirs:
            cmd.insert(1, "--no-default-rules")
        cmd += ["--config", cfg_path, "--format", "json"] + paths
        proc = subprocess.run(cmd, stdout=subprocess.PIPE,
                              stderr=subprocess.PIPE)
        if proc.returncode not in (0, 1):
            raise UsageError("%s failed (status %d):\n%s"
                             % (" ".join(cmd), proc.returncode,
                                proc.stderr.decode("utf-8", "replace")))
        report = json.loads(proc.stdout.decode("utf-8"))
    except OSError as exc:
        raise UsageError("documents: %s" % exc)
    except ValueError as exc:
        raise UsageError("documents: output is not JSON: %s" % exc)
    finally:
        shutil.rmtree(tmpdir, ignore_errors=True)
    claimed = {}
    for f in report["findings"]:
        name = os.path.basename(f.get("file", ""))
        claimed.setdefault(name, set()).add(f.get("rule"))
    per_rule = {}
    misses, wrong = [], []
    for name, kind, missing in docs:
        for rule in required[kind.split(":")[0]]:
            row = per_rule.setdefault(rule, {"tp": 0, "fn": 0, "fp": 0,
                                             "tn": 0})
            said = rule in claimed.get(name, set())
            if rule in missing:
                row["tp" if said else "fn"] += 1
                if not said:
                    misses.append((name, rule))
            else:
                row["fp" if said else "tn"] += 1
                if said:
                    wrong.append((name, rule))
    total = {k: sum(r[k] for r in per_rule.values())
             for k in ("tp", "fn", "fp", "tn")}
    return {"documents": len(docs), "rules": per_rule, "total": total,
            "misses": misses, "wrong": wrong,
            "missing_recall": ratio(total["tp"], total["tp"] + total["fn"]),
            "claim_precision": ratio(total["tp"], total["tp"] + total["fp"]),
            "wrong_claim_rate": ratio(total["fp"],
                                      total["fp"] + total["tn"])}


def print_documents(doc, quiet, out):
    t = doc["total"]
    out.write("\n")
    if not quiet:
        head = "%-34s %6s %6s %6s %6s" % ("required rule", "caught", "missed",
                                          "wrong", "silent")
        out.write(head + "\n" + "-" * len(head) + "\n")
        for rule in sorted(doc["rules"]):
            r = doc["rules"][rule]
            out.write("%-34s %6d %6d %6d %6d\n"
                      % (rule, r["tp"], r["fn"], r["fp"], r["tn"]))
        out.write("caught = lacks the item and the rule says so; wrong = "
                  "has it, the rule says\nit lacks it; silent = has it, no "
                  "finding\n\n")
    out.write("documents: %d labelled documents, %d required items judged "
              "(%d truly missing)\n"
              % (doc["documents"], sum(t.values()), t["tp"] + t["fn"]))
    out.write("missing caught:    %s  (%d of %d missing items)\n"
              % (fmt(doc["missing_recall"]), t["tp"], t["tp"] + t["fn"]))
    out.write("claim precision:   %s  (%d of %d claims of missing are "
              "right)\n"
              % (fmt(doc["claim_precision"]), t["tp"], t["tp"] + t["fp"]))
    out.write("wrongly missing:   %s  (%d of %d items present were claimed "
              "missing)\n"
              % ("n/a" if doc["wrong_claim_rate"] is None
                 else "%.1f%%" % (100.0 * doc["wrong_claim_rate"]),
                 t["fp"], t["fp"] + t["tn"]))
    if not quiet:
        for name, rule in doc["misses"]:
            out.write("MISSED [%s] %s\n" % (rule, name))
        for name, rule in doc["wrong"]:
            out.write("WRONGLY MISSING [%s] %s\n" % (rule, name))


def check_documents(doc):
    failures = []
    if doc["missing_recall"] is not None and \
            doc["missing_recall"] < MIN_MISSING_RECALL:
        failures.append("missing items caught %s is below %.2f"
                        % (fmt(doc["missing_recall"]).strip(),
                           MIN_MISSING_RECALL))
    if doc["wrong_claim_rate"] is not None and \
            doc["wrong_claim_rate"] > MAX_WRONG_CLAIM_RATE:
        failures.append("items wrongly claimed missing %.1f%% exceed %.0f%%"
                        % (100.0 * doc["wrong_claim_rate"],
                           100.0 * MAX_WRONG_CLAIM_RATE))
    return failures


def parse_args(argv):
    ap = argparse.ArgumentParser(
        description="Precision and recall of tonelint on the labelled corpus.")
    ap.add_argument("--binary",
                    default=os.path.join(REPO_ROOT, "build", "tonelint"),
                    help="tonelint executable (default: %(default)s)")
    ap.add_argument("--corpus",
                    default=os.path.join(REPO_ROOT, "tests", "corpus",
                                         "lines.tsv"),
                    help="labelled corpus (default: %(default)s)")
    ap.add_argument("--rules", action="append", metavar="DIR",
                    help="use these rule packs instead of the built-in ones "
                         "(passes --no-default-rules --rules DIR)")
    ap.add_argument("--documents",
                    default=os.path.join(REPO_ROOT, "tests", "corpus",
                                         "documents"),
                    help="labelled documents for the document rules "
                         "(default: %(default)s; 'none' to skip)")
    ap.add_argument("--check", action="store_true",
                    help="exit 1 unless recall >= %.2f, false alarms <= %.0f%% "
                         "and every finding has a suggestion"
                         % (MIN_RECALL, 100 * MAX_FALSE_ALARM_RATE))
    ap.add_argument("--quiet", action="store_true",
                    help="print only the summary figures")
    return ap.parse_args(argv)


def main(argv=None):
    args = parse_args(argv)
    out = sys.stdout
    try:
        entries = load_corpus(args.corpus)
        # A folder of its own: the file's name must not give it a document
        # kind (a random "bill" or "mail" in it would).
        tmpdir = tempfile.mkdtemp(prefix="tonelint-corpus-")
        tmp = os.path.join(tmpdir, "corpus.txt")
        try:
            with open(tmp, "w", encoding="utf-8", newline="\n") as fh:
                line_to_entry = write_entries(entries, fh)
            report = run_tonelint(args.binary, args.rules, tmp)
        finally:
            shutil.rmtree(tmpdir, ignore_errors=True)
        for f in report["findings"]:
            line = f.get("line")
            idx = line_to_entry.get(line)
            if idx is None:
                # A match that starts on a separator line (only possible if
                # a pattern matches leading white space) belongs to the
                # entry where it ends.
                idx = line_to_entry.get(f.get("end_line"))
            if idx is None:
                raise UsageError("finding %s at line %r does not fall on a "
                                 "corpus entry" % (f.get("rule"), line))
            entries[idx].findings.append(f)
        doc = None
        if args.documents != "none":
            doc = run_documents(args.binary, args.rules, args.documents)
    except UsageError as exc:
        sys.stderr.write("quality.py: %s\n" % exc)
        return 2

    res = evaluate(entries)
    if not args.quiet:
        print_table(res, out)
    print_summary(res, out)
    if not args.quiet:
        print_lists(res, out)
    if doc:
        print_documents(doc, args.quiet, out)
    if args.check:
        failures = check(res) + (check_documents(doc) if doc else [])
        if failures:
            out.write("\nCHECK FAILED: %s\n" % "; ".join(failures))
            return 1
        out.write("\ncheck passed: recall >= %.2f, false alarms <= %.0f%%, "
                  "every finding has a suggestion"
                  % (MIN_RECALL, 100 * MAX_FALSE_ALARM_RATE))
        if doc:
            out.write("; missing items caught >= %.2f, wrongly claimed "
                      "missing <= %.0f%%"
                      % (MIN_MISSING_RECALL, 100 * MAX_WRONG_CLAIM_RATE))
        out.write("\n")
    return 0


if __name__ == "__main__":
    sys.exit(main())
