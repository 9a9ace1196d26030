#!/usr/bin/env python3
"""Checks an HTML report against the JSON report of the same run.

    check_report.py REPORT DOM FILTERED_DOM JSON RULES [XML_FILE...]

REPORT is the page tonelint wrote; DOM and FILTERED_DOM are what headless
Chromium's --dump-dom printed for it, the second opened with
#hide=cat-cold,sev-suggestion; JSON is `tonelint --format json` of the same
inputs; RULES is `tonelint --list-rules`. Each further XML_FILE (the golden
pages of the end-to-end tests) must be well-formed XML too.

Standard library only. Prints one line per problem; exits 1 if any.
"""
import json
import re
import sys
import xml.etree.ElementTree as ET
from html.parser import HTMLParser

VOID = {"area", "base", "br", "col", "embed", "hr", "img", "input", "link",
        "meta", "source", "track", "wbr"}
XHTML = "{http://www.w3.org/1999/xhtml}"
HIDDEN = {"cat-cold", "sev-suggestion"}

problems = []


def problem(msg):
    problems.append(msg)


class Node:
    def __init__(self, tag, attrs, parent):
        self.tag = tag
        self.attrs = dict(attrs)
        self.parent = parent
        self.children = []  # Nodes and strings

    def classes(self):
        return (self.attrs.get("class") or "").split()

    def text(self, placeholders=False):
        """The text inside; with `placeholders`, each template field is
        marked off (\\0 before it, \\1 after) for match_pattern."""
        if placeholders and "ph" in self.classes():
            return "\0" + self.text() + "\1"
        return "".join(c if isinstance(c, str) else c.text(placeholders)
                       for c in self.children)

    def walk(self):
        yield self
        for c in self.children:
            if isinstance(c, Node):
                yield from c.walk()


class Builder(HTMLParser):
    """A DOM good enough for the checks: elements, attributes, text."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = Node("#document", [], None)
        self.cur = self.root

    def handle_starttag(self, tag, attrs):
        node = Node(tag, attrs, self.cur)
        self.cur.children.append(node)
        if tag not in VOID:
            self.cur = node

    def handle_startendtag(self, tag, attrs):
        self.cur.children.append(Node(tag, attrs, self.cur))

    def handle_endtag(self, tag):
        n = self.cur
        while n is not self.root and n.tag != tag:
            n = n.parent
        if n is not self.root:
            self.cur = n.parent

    def handle_data(self, data):
        self.cur.children.append(data)


def parse_dom(path):
    b = Builder()
    with open(path, encoding="utf-8") as f:
        b.feed(f.read())
    b.close()
    return b.root


def norm(s):
    return " ".join(s.split())


def match_pattern(marked):
    """A regular expression for the highlighted text (white space
    normalised): a template field the page cut short ("...") matches the
    rest of it as the JSON report's match writes it."""
    out = []
    for i, piece in enumerate(re.split("[\0\1]", norm(marked))):
        if i % 2 and piece.endswith("\u2026"):
            out.append(re.escape(piece[:-1]) + ".*?")
        else:
            out.append(re.escape(piece))
    return "".join(out)


def check_well_formed(path):
    try:
        tree = ET.parse(path)
    except ET.ParseError as e:
        problem(f"{path}: not well-formed XML: {e}")
        return None
    if tree.getroot().tag != XHTML + "html":
        problem(f"{path}: the root is {tree.getroot().tag}, not XHTML html")
    return tree


def check_self_contained(path):
    with open(path, encoding="utf-8") as f:
        page = f.read()
    for m in re.finditer(r'\s(src|href|action)="([^"]*)"', page):
        if not m.group(2).startswith("#"):
            problem(f"{path}: refers to something outside the page: "
                    f"{m.group(0).strip()}")
    for bad in ("url(", "@import", "<link", "<iframe", "<object"):
        if bad in page:
            problem(f"{path}: contains {bad!r}")


def key(category):
    return "".join(c if c.islower() or c.isdigit() or c == "-"
                   else "_%02x" % ord(c) for c in category)


def by_id(dom):
    return {n.attrs["id"]: n for n in dom.walk() if "id" in n.attrs}


def find_all(dom, tag=None, cls=None):
    return [n for n in dom.walk()
            if (tag is None or n.tag == tag) and
            (cls is None or cls in n.classes())]


def stat(dom, name):
    nodes = [n for n in dom.walk() if n.attrs.get("data-stat") == name]
    if len(nodes) != 1:
        problem(f"expected one data-stat={name}, found {len(nodes)}")
        return None
    return int(nodes[0].text())


def parse_rules(path):
    """id -> title, from --list-rules (id, severity, category, title)."""
    titles = {}
    with open(path, encoding="utf-8") as f:
        for line in f:
            parts = re.split(r"\s{2,}", line.rstrip("\n"), maxsplit=3)
            if len(parts) == 4:
                titles[parts[0]] = parts[3]
    return titles


def check_overview(dom, summary):
    for name, want in (("documents", summary["files"]),
                       ("findings", summary["findings"]),
                       ("error", summary["errors"]),
                       ("warning", summary["warnings"]),
                       ("suggestion", summary["suggestions"]),
                       ("score", summary["score"])):
        got = stat(dom, name)
        if got is not None and got != want:
            problem(f"overview: {name} is {got}, the JSON report says {want}")
    rows = {n.attrs.get("data-cat"): n for n in find_all(dom, "tr")
            if "data-cat" in n.attrs}
    for cat, n in summary["categories"].items():
        row = rows.get(key(cat))
        if row is None:
            problem(f"overview: no row for category {cat}")
            continue
        cells = [c for c in row.walk()
                 if c.attrs.get("data-stat") == "cat"]
        if not cells or int(cells[0].text().split()[0]) != n:
            problem(f"overview: category {cat} should count {n}")
        if not norm(row.text()):
            problem(f"overview: category {cat} has no label")
    if len(rows) != len(summary["categories"]):
        problem(f"overview: {len(rows)} category rows, "
                f"{len(summary['categories'])} categories")


def check_chart(dom, summary, ids):
    bars = find_all(dom, "a", "bar")
    want = min(40, summary["files"])
    if len(bars) != want:
        problem(f"chart: {len(bars)} bars, expected {want}")
    scores = [int(b.attrs["data-score"]) for b in bars]
    if scores != sorted(scores):
        problem(f"chart: not worst first: {scores}")
    lowest = sorted(d["score"] for d in summary["documents"])[:want]
    if scores != lowest:
        problem(f"chart: scores {scores}, expected {lowest}")
    for b in bars:
        target = b.attrs.get("href", "")[1:]
        if target not in ids:
            problem(f"chart: bar links to missing #{target}")
        if not find_all(b, "title") or not find_all(b, "rect"):
            problem("chart: a bar without its title or rectangle")


def marks_of(dom):
    """finding id -> list of highlight elements over its words."""
    out = {}
    for m in find_all(dom, "mark", "hl"):
        for fid in m.attrs.get("data-f", "").split():
            out.setdefault(fid, []).append(m)
    return out


def check_documents(dom, report, titles):
    ids = by_id(dom)
    marks = marks_of(dom)
    docs = {}
    for i, d in enumerate(report["summary"]["documents"], 1):
        docs[d["file"]] = i
        node = ids.get(f"doc-{i}")
        if node is None:
            problem(f"{d['file']}: no section doc-{i}")
            continue
        if d["file"] not in node.text():
            problem(f"doc-{i}: does not name {d['file']}")
        if d["findings"]:
            if node.attrs.get("data-findings") != str(d["findings"]) or \
                    node.attrs.get("data-score") != str(d["score"]):
                problem(f"{d['file']}: findings or score differ from "
                        f"the JSON report")
            cards = find_all(node, "li", "finding")
            if len(cards) != d["findings"]:
                problem(f"{d['file']}: {len(cards)} findings shown, "
                        f"{d['findings']} in the JSON report")
    seen = {}
    for f in report["findings"]:
        n = docs[f["file"]]
        seen[n] = seen.get(n, 0) + 1
        fid = f"f-{n}-{seen[n]}"
        where = f"{f['file']}:{f['line']}:{f['column']}"
        card = ids.get(fid)
        if card is None:
            problem(f"{where}: no card {fid}")
            continue
        text = norm(card.text())
        if card.attrs.get("data-sev") != f["severity"]:
            problem(f"{where}: severity {card.attrs.get('data-sev')}")
        if card.attrs.get("data-cat") != key(f["category"]):
            problem(f"{where}: category {card.attrs.get('data-cat')}")
        for s in [f["message"], titles.get(f["rule"], "")] + \
                f["suggestions"]:
            if norm(s) not in text:
                problem(f"{where}: the card lacks {s!r}")
        label = find_all(card, "span", "cat-label")
        sev = find_all(card, "span", "sev")
        if not label or not norm(label[0].text()) or not sev or \
                not norm(sev[0].text()):
            problem(f"{where}: category or severity not said in words")
        if "not shown in the text" in text:
            problem(f"{where}: not found in the readable text")
        if "about the whole document" in text:
            # a document rule's finding of something missing: nothing
            # to highlight, no marker in the text
            if f["match"] != "":
                problem(f"{where}: a whole-document card with a match")
            continue
        # The highlight: every piece over the finding's words, in order,
        # reads as the match.
        got = "".join(m.text(placeholders=True)
                      for m in marks.get(fid, []))
        if not re.fullmatch(match_pattern(got), norm(f["match"])):
            problem(f"{where}: highlighted {norm(got)!r}, matched "
                    f"{norm(f['match'])!r}")
        chip = ids.get(f"m-{n}-{seen[n]}")
        if chip is None or chip.attrs.get("href") != "#" + fid or \
                norm(label[0].text() if label else "") not in \
                norm(chip.text()):
            problem(f"{where}: no labelled marker in the text")
        back = [a for a in find_all(card, "a", "num")
                if a.attrs.get("href") == f"#m-{n}-{seen[n]}"]
        if not back:
            problem(f"{where}: the card does not link back to the text")
        if f.get("fix") is not None:
            # The sentence with the fix made, the new words inserted; or,
            # for a fix that cannot be written back, what it would write.
            after = find_all(card, "p", "after")
            blocked = find_all(card, "p", "blocked")
            shown = "".join(i.text() for i in find_all(after[0], "ins")) \
                if after else blocked[0].text() if blocked else ""
            if norm(f["fix"]) not in norm(shown):
                problem(f"{where}: the card does not show the fix")
    return ids


def check_plain_language(dom, titles):
    body = find_all(dom, "body")[0]
    for n in body.walk():
        if n.tag in ("script", "style"):
            n.children = []
    text = body.text()
    for token in ("(?", "\\b", "\\s", "\\w", "[^"):
        if token in text:
            problem(f"page text contains {token!r}: a regular expression?")
    # A rule id appears only in a card that also gives its title.
    for card in find_all(dom, "li", "finding"):
        where = find_all(card, "p", "where")
        title = find_all(card, "h5", "title")
        if not where or not title or not norm(title[0].text()):
            problem(f"{card.attrs.get('id')}: a rule without its title")
    for rid in titles:
        for n in body.walk():
            own = "".join(c for c in n.children if isinstance(c, str))
            if rid in own and "where" not in n.classes() and \
                    n.tag != "title":
                problem(f"rule id {rid} shown outside a finding")
                break


def check_ready(dom, what):
    html = find_all(dom, "html")
    if not html or html[0].attrs.get("data-ready") != "1":
        problem(f"{what}: the page's script did not run")
    panel = by_id(dom).get("filters")
    if panel is not None and "hidden" in panel.attrs:
        problem(f"{what}: the filters were not shown")


def check_filtered(dom, report):
    check_ready(dom, "filtered page")
    ids = by_id(dom)
    cards = find_all(dom, "li", "finding")
    shown = 0
    for c in cards:
        hide = ("cat-" + c.attrs.get("data-cat", "") in HIDDEN or
                "sev-" + c.attrs.get("data-sev", "") in HIDDEN)
        if hide != ("hidden" in c.attrs):
            problem(f"filtered: {c.attrs.get('id')} should be "
                    f"{'hidden' if hide else 'shown'}")
        shown += not hide
    visible = {c.attrs["id"] for c in cards if "hidden" not in c.attrs}
    for m in find_all(dom, "mark", "hl"):
        on = any(f in visible for f in m.attrs.get("data-f", "").split())
        if on == ("off" in m.classes()):
            problem(f"filtered: a highlight of {m.attrs.get('data-f')} "
                    f"should be {'on' if on else 'off'}")
    status = ids.get("filter-status")
    want = f"Showing {shown} of {len(report['findings'])} findings."
    if status is None or norm(status.text()) != want:
        problem(f"filtered: status {status and norm(status.text())!r}, "
                f"expected {want!r}")


def main(argv):
    if len(argv) < 6:
        print(__doc__, file=sys.stderr)
        return 2
    page, dom_path, filtered_path, json_path, rules_path = argv[1:6]
    check_well_formed(page)
    check_self_contained(page)
    for extra in argv[6:]:
        check_well_formed(extra)
    with open(json_path, encoding="utf-8") as f:
        report = json.load(f)
    titles = parse_rules(rules_path)
    dom = parse_dom(dom_path)
    check_ready(dom, "page")
    check_overview(dom, report["summary"])
    ids = check_documents(dom, report, titles)
    check_chart(dom, report["summary"], ids)
    check_plain_language(dom, titles)
    check_filtered(parse_dom(filtered_path), report)
    for p in problems:
        print("check_report: " + p)
    if not problems:
        print(f"check_report: ok: {report['summary']['files']} documents, "
              f"{len(report['findings'])} findings checked")
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
