#!/usr/bin/env python3
"""Validates tonelint reports against a JSON schema, then checks what the
schema cannot say but the consumer needs.

    validate.py FORMAT SCHEMA REPORT...

FORMAT is sarif, rdjson or gitlab. Prints one line per problem and exits 1
if there is any; exits 77 when no JSON-Schema validator is installed.
"""
import json
import sys
import warnings

try:
    import jsonschema
except ImportError:
    print("validate.py: python3-jsonschema is not installed")
    sys.exit(77)

# GitHub code scanning's limits ("SARIF results exceed limit"): over these
# an upload is rejected whole.
GITHUB_MAX_RESULTS = 25000
GITHUB_MAX_RULES = 25000
GITHUB_MAX_TAGS = 20
GITHUB_MAX_RUNS = 20


def check_sarif(doc, say):
    runs = doc["runs"]
    if not 1 <= len(runs) <= GITHUB_MAX_RUNS:
        say("%d runs" % len(runs))
    for run in runs:
        driver = run["tool"]["driver"]
        rules = driver.get("rules", [])
        results = run.get("results", [])
        if len(results) > GITHUB_MAX_RESULTS:
            say("%d results, over GitHub's limit" % len(results))
        if len(rules) > GITHUB_MAX_RULES:
            say("%d rules, over GitHub's limit" % len(rules))
        for r in rules:
            # GitHub shows these on every alert.
            for key in ("id", "name", "shortDescription", "fullDescription",
                        "help", "defaultConfiguration"):
                if key not in r:
                    say("rule %s has no %s" % (r.get("id"), key))
            for key in ("shortDescription", "fullDescription", "help"):
                if not r.get(key, {}).get("text"):
                    say("rule %s: empty %s" % (r.get("id"), key))
            tags = r.get("properties", {}).get("tags", [])
            if not tags or len(tags) > GITHUB_MAX_TAGS:
                say("rule %s has %d tags" % (r.get("id"), len(tags)))
        for res in results:
            idx = res.get("ruleIndex")
            if idx is None or not 0 <= idx < len(rules):
                say("result with ruleIndex %r of %d rules" % (idx, len(rules)))
            elif rules[idx]["id"] != res.get("ruleId"):
                say("ruleIndex %d is %s, not %s" %
                    (idx, rules[idx]["id"], res.get("ruleId")))
            if res.get("level") not in ("error", "warning", "note"):
                say("result level %r" % res.get("level"))
            if not res["message"].get("text"):
                say("result without message text")
            if not res.get("partialFingerprints"):
                say("result without partialFingerprints")
            locs = res.get("locations", [])
            if len(locs) != 1:
                say("result with %d locations" % len(locs))
            for loc in locs:
                pl = loc["physicalLocation"]
                reg = pl["region"]
                if not pl["artifactLocation"].get("uri"):
                    say("location without uri")
                for key in ("startLine", "startColumn", "endLine",
                            "endColumn"):
                    if key not in reg:
                        say("region without %s" % key)
                if (reg["endLine"], reg["endColumn"]) < \
                        (reg["startLine"], reg["startColumn"]):
                    say("region ends before it starts: %r" % reg)
            for fix in res.get("fixes", []):
                for ch in fix["artifactChanges"]:
                    if ch["artifactLocation"] != \
                            locs[0]["physicalLocation"]["artifactLocation"]:
                        say("fix for another artifact")
                    for rep in ch["replacements"]:
                        d = rep["deletedRegion"]
                        if "charOffset" not in d and "startLine" not in d:
                            say("replacement without a region")


def check_rdjson(doc, say):
    for d in doc.get("diagnostics", []):
        rng = d.get("location", {}).get("range")
        ranges = [rng] + [s.get("range") for s in d.get("suggestions", [])]
        for r in ranges:
            if r is None or "start" not in r:
                say("range without start (reviewdog: required)")
                continue
            for end in ("start", "end"):
                p = r.get(end)
                if end == "end" and p is None:
                    continue  # optional: a zero-length range at start
                if p.get("line", 0) < 1 or p.get("column", 0) < 1:
                    say("position %r" % p)
        if not d.get("message"):
            say("diagnostic without message")
        if not d.get("code", {}).get("value"):
            say("diagnostic without code")


def check_gitlab(doc, say):
    seen = set()
    for issue in doc:
        fp = issue["fingerprint"]
        # GitLab matches issues between branches by fingerprint.
        if fp in seen:
            say("fingerprint %s twice" % fp)
        seen.add(fp)


def has_referencing():
    try:
        import referencing  # noqa: F401 (jsonschema 4.18 and later)
    except ImportError:
        return False
    return True


def collect_ids(node, ids, top=False):
    if isinstance(node, dict):
        i = node.get("id")
        if isinstance(i, str) and not top:
            ids[i] = node
        for v in node.values():
            collect_ids(v, ids)
    elif isinstance(node, list):
        for v in node:
            collect_ids(v, ids)


CHECKS = {"sarif": check_sarif, "rdjson": check_rdjson,
          "gitlab": check_gitlab}


def main(argv):
    fmt, schema_path, reports = argv[1], argv[2], argv[3:]
    with open(schema_path, encoding="utf-8") as f:
        schema = json.load(f)
    cls = jsonschema.validators.validator_for(schema)
    cls.check_schema(schema)
    kw = {}
    ids = {}
    collect_ids(schema, ids, top=True)
    if ids and not has_referencing():
        # reviewdog's schema refers to its definitions by their draft-04
        # "id" ("$ref": "reviewdog.rdf.Range"); jsonschema before 4.18
        # finds such ids only in its store.
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            kw["resolver"] = jsonschema.RefResolver.from_schema(
                schema, store=ids)
    validator = cls(schema, format_checker=jsonschema.FormatChecker(), **kw)
    bad = 0
    for path in reports:
        problems = []
        try:
            with open(path, encoding="utf-8") as f:
                doc = json.load(f)
        except (OSError, ValueError) as e:
            problems.append("not JSON: %s" % e)
        else:
            for e in validator.iter_errors(doc):
                where = "/".join(str(p) for p in e.absolute_path)
                problems.append("schema: /%s: %s" % (where, e.message[:300]))
            if not problems:
                try:
                    CHECKS[fmt](doc, problems.append)
                except (KeyError, TypeError) as e:
                    problems.append("shape: %r" % e)
        for p in problems[:20]:
            print("%s: %s" % (path, p))
        bad += bool(problems)
    print("%s: %d of %d reports valid against %s" %
          (fmt, len(reports) - bad, len(reports), schema_path.split("/")[-1]))
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
