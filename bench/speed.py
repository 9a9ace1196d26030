#!/usr/bin/env python3
"""Scanning-speed benchmark for tonelint (not a test: it only measures).

Generates a deterministic corpus of business prose (invoices, reminders,
emails; about 1% of sentences harsh), then measures side by side, in one
run, on the same file in page cache:

  - tonelint with the built-in rules, with and without the literal prefilter
  - the same text as 64 files, and 5,000 of its mails as a file each (a CI
    job's folder of templates), on one thread and on every core
  - grep -F -i with the built-in rules' literal phrases (and rg, if present)
  - rg finding every occurrence of the literals tonelint's prefilter looks
    for (tonelint-literals, built beside tonelint)
  - start-up: tonelint, grep and rg on one small file
  - one 8 KB and one 60 KB mail judged as a reminder, against rg
  - how time grows from 100 to 1000 rules (a generated rule set)

Each figure is the median of --runs runs, the commands taking turns; peak
memory comes from GNU time. --compare times another build in the same turns.
Usage: bench/speed.py [--binary build/tonelint] [--mb 200] [--runs 3]
                      [--compare OTHER_BINARY]
"""
import argparse
import os
import random
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time

HERE = os.path.dirname(os.path.abspath(__file__))
ROOT = os.path.dirname(HERE)

OPENERS = ["Hello {n},", "Hi {n},", "Good morning {n},", "Dear {n},"]
FRIENDLY = [
    "Thank you for your order {inv}, placed on {d}.",
    "Please find attached invoice {inv} for {amt}.",
    "The total of {amt} is due on {d}.",
    "You can pay by card, bank transfer or ACH using the link below.",
    "If you have any questions about this invoice, just reply to this email.",
    "We have received your payment of {amt}, thank you.",
    "Your subscription renews on {d} at the same price as last year.",
    "Our support team is available Monday to Friday from 9am to 6pm.",
    "The shipment left our warehouse this morning and should arrive by {d}.",
    "We've updated the billing address on your account as requested.",
    "A receipt for this payment is attached for your records.",
    "If you've already paid, thank you, and please ignore this note.",
    "Let us know if you'd like to spread the balance over a few months.",
    "VAT of {amt} is included in the total; our VAT number is GB123456789.",
    "Reference {inv} on your transfer so we can match it quickly.",
    "We appreciate your business and look forward to working with you.",
    "The late delivery was our mistake, and we've credited {amt} to you.",
    "You can download every past invoice from your account page.",
]
HARSH = [
    "Failure to pay will result in legal action.",
    "Do not reply to this email; this mailbox is not monitored.",
    "Payment is mandatory and must be settled without delay.",
    "We reserve the right to suspend your account and refer the debt to a collection agency.",
    "As per my previous email, the invoice remains unpaid.",
    "Kindly revert at the earliest with proof of payment.",
    "FINAL NOTICE: PAY IMMEDIATELY!!",
    "Dear Valued Customer, your request has been denied.",
]
CLOSERS = ["Best regards,", "Kind regards,", "Thanks,", "Warm wishes,"]
# the folder of small files: one mail each
MAILS = 5000
NAMES = ["Anna", "Mr Okafor", "Ms Lindqvist", "team", "Priya", "Jonas"]


def make_corpus(path, megabytes, seed=7):
    rnd = random.Random(seed)
    target = int(megabytes * 1024 * 1024)
    size = 0
    with open(path, "w", encoding="utf-8") as f:
        while size < target:
            fill = {
                "n": rnd.choice(NAMES),
                "inv": "INV-%04d" % rnd.randint(1000, 9999),
                "amt": "%s %d.%02d" % (rnd.choice(["EUR", "USD", "GBP"]),
                                       rnd.randint(10, 9000), rnd.randint(0, 99)),
                "d": "%d %s" % (rnd.randint(1, 28),
                                rnd.choice(["March", "April", "May", "June"])),
            }
            lines = [rnd.choice(OPENERS).format(**fill), ""]
            body = []
            for _ in range(rnd.randint(4, 9)):
                pool = HARSH if rnd.random() < 0.01 else FRIENDLY
                body.append(rnd.choice(pool).format(**fill))
            # wrap at about 72 columns, as plain-text mail is
            line = ""
            for word in " ".join(body).split(" "):
                if len(line) + len(word) + 1 > 72:
                    lines.append(line)
                    line = word
                else:
                    line = (line + " " + word).strip()
            lines += [line, "", rnd.choice(CLOSERS), "Accounts team", "", ""]
            text = "\n".join(lines)
            f.write(text)
            size += len(text.encode("utf-8"))


def timed(cmd, stdin=None):
    """Runs cmd; returns (seconds, peak KiB, exit status)."""
    tfile = tempfile.NamedTemporaryFile(delete=False)
    tfile.close()
    full = ["/usr/bin/time", "-f", "%M", "-o", tfile.name] + cmd
    # Not /dev/null: GNU grep stops at the first match when it sees that.
    with tempfile.TemporaryFile() as sink:
        start = time.perf_counter()
        proc = subprocess.run(full, stdin=stdin, stdout=sink,
                              stderr=subprocess.DEVNULL)
        elapsed = time.perf_counter() - start
    with open(tfile.name) as f:
        lines = [l for l in f.read().split("\n") if l.strip().isdigit()]
    os.unlink(tfile.name)
    return elapsed, int(lines[-1]) if lines else 0, proc.returncode


def timed_plain(cmd):
    """Runs cmd without GNU time in between (whose own exec would count
    at start-up scale); returns seconds."""
    with tempfile.TemporaryFile() as sink:
        start = time.perf_counter()
        subprocess.run(cmd, stdout=sink, stderr=subprocess.DEVNULL)
        return time.perf_counter() - start


def median_run(cmd, runs):
    results = [timed(cmd) for _ in range(runs)]
    return (statistics.median(r[0] for r in results),
            max(r[1] for r in results), results[0][2])


def rule_phrases():
    """The literal phrases of the built-in packs (phrases lists, swap keys)."""
    out = []
    for name in sorted(os.listdir(os.path.join(ROOT, "rules"))):
        if not name.endswith(".yml"):
            continue
        mode = None
        for raw in open(os.path.join(ROOT, "rules", name), encoding="utf-8"):
            line = raw.rstrip("\n")
            stripped = line.strip()
            if re.match(r"^\s*(phrases|swap):\s*$", line):
                mode = stripped[:-1]
                indent = len(line) - len(line.lstrip())
                continue
            if mode and stripped and (len(line) - len(line.lstrip())) <= indent:
                mode = None
            if mode == "phrases" and stripped.startswith("- "):
                out.append(stripped[2:].strip("'\""))
            elif mode == "swap" and ":" in stripped:
                out.append(stripped.split(":", 1)[0].strip("'\""))
    return [p for p in out if p]


def generated_rules(path, count):
    words = ["overdue", "remit", "settle", "arrears", "collection", "penalty",
             "suspend", "terminate", "escalate", "mandatory", "immediately",
             "breach", "negligence", "forthwith", "herewith", "undersigned"]
    rnd = random.Random(count)
    with open(path, "w") as f:
        for i in range(count):
            a, b = rnd.sample(words, 2)
            f.write("- id: gen.rule-%d\n  category: gen\n  severity: warning\n"
                    "  message: m\n  pattern: '(?i)\\b%s\\w{0,3}\\s+(?:\\w+\\s+){0,2}%s%d'\n"
                    "  suggest: s\n" % (i, a, b, i % 97))


def main():
    ap = argparse.ArgumentParser(description=__doc__,
                                 formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--binary", default=os.path.join(ROOT, "build", "tonelint"))
    ap.add_argument("--mb", type=float, default=200)
    ap.add_argument("--runs", type=int, default=3)
    ap.add_argument("--compare", metavar="BINARY",
                    help="another tonelint build, timed in the same turns "
                    "(one file, 64 files and the mails on one thread)")
    args = ap.parse_args()
    tl = os.path.abspath(args.binary)
    work = tempfile.mkdtemp(prefix="tonelint-bench-")
    try:
        corpus = os.path.join(work, "corpus.txt")
        make_corpus(corpus, args.mb)
        mb = os.path.getsize(corpus) / 1e6
        subprocess.run(["cat", corpus], stdout=subprocess.DEVNULL)  # warm cache
        phrases = os.path.join(work, "phrases.txt")
        with open(phrases, "w") as f:
            f.write("\n".join(rule_phrases()) + "\n")
        # the strings the prefilter finds the patterns by, one of which
        # every match contains (tonelint-literals, built beside tonelint)
        literals, nlits = None, 0
        lister = os.path.join(os.path.dirname(tl), "tonelint-literals")
        if os.access(lister, os.X_OK):
            got = subprocess.run([lister], stdout=subprocess.PIPE,
                                 stderr=subprocess.DEVNULL, check=True)
            lits = sorted(set(got.stdout.decode("utf-8").split("\n")) - {""})
            nlits = len(lits)
            literals = os.path.join(work, "literals.txt")
            with open(literals, "w", encoding="utf-8") as f:
                f.write("\n".join(lits) + "\n")
        print("corpus: %.1f MB of generated business prose; %d rule phrases; "
              "%d pattern literals" % (mb, len(rule_phrases()), nlits))
        print("%-34s %10s %10s %12s" % ("", "median s", "MB/s", "peak MiB"))
        rows = {}
        # threads work on files: split the corpus in parts to measure them
        parts = os.path.join(work, "parts")
        os.mkdir(parts)
        with open(corpus, encoding="utf-8") as f:
            paras = f.read().split("\n\n")
        per = max(1, len(paras) // 64)
        for i in range(0, len(paras), per):
            with open(os.path.join(parts, "p%07d.txt" % i), "w") as out:
                out.write("\n\n".join(paras[i:i + per]))
        # a CI job's folder of templates: 5,000 mails, a file each
        mails = os.path.join(work, "mails")
        os.mkdir(mails)
        end = "Accounts team\n\n"
        with open(corpus, encoding="utf-8") as f:
            text = f.read(8 << 20)
        for i, mail in enumerate(text.split(end)[:MAILS]):
            with open(os.path.join(mails, "m%05d.txt" % i), "w") as out:
                out.write(mail + end)
        # a year of outgoing mail: the corpus's mails as one mailbox, over
        # two pieces, which tonelint splits across its workers
        mbox = os.path.join(work, "sent.mbox")
        with open(corpus, encoding="utf-8") as f:
            text = f.read(16 << 20)
        with open(mbox, "w", encoding="utf-8") as out:
            for i, mail in enumerate(text.split(end)[:-1]):
                out.write("From billing@example.com Mon Mar  4 09:00:00 2024\n"
                          "From: Billing <billing@example.com>\n"
                          "Subject: Invoice %d\n"
                          "Message-ID: <m%d@example.com>\n"
                          "Content-Type: text/plain; charset=utf-8\n\n"
                          % (i, i))
                out.write(mail.replace("\nFrom ", "\n>From ") + end)
        mbox_mb = os.path.getsize(mbox) / 1e6
        cores = os.cpu_count() or 1
        table = [("tonelint -j1 (prefilter)", [tl, "-j", "1", "--format", "json", corpus]),
                 ("tonelint -j%d, the one file" % cores,
                  [tl, "-j", str(cores), "--format", "json", corpus]),
                 ("tonelint --no-prefilter",
                  [tl, "-j", "1", "--no-prefilter", "--format", "json", corpus]),
                 ("tonelint -j1, 64 files",
                  [tl, "-j", "1", "--format", "json", parts]),
                 ("tonelint -j%d, 64 files" % cores,
                  [tl, "-j", str(cores), "--format", "json", parts]),
                 ("tonelint -j1, %d mails" % MAILS,
                  [tl, "-j", "1", "--format", "json", mails]),
                 ("tonelint -j%d, %d mails" % (cores, MAILS),
                  [tl, "-j", str(cores), "--format", "json", mails]),
                 ("tonelint -j1, the mailbox",
                  [tl, "-j", "1", "--format", "json", mbox]),
                 ("tonelint -j%d, the mailbox" % cores,
                  [tl, "-j", str(cores), "--format", "json", mbox]),
                 ("grep -F -i -f phrases",
                  ["grep", "-c", "-F", "-i", "-f", phrases, corpus])]
        if shutil.which("rg"):
            table.append(("rg -i -f phrases",
                          ["rg", "-c", "-i", "-F", "-f", phrases, corpus]))
            table.append(("rg -j1 -i -f phrases, %d mails" % MAILS,
                          ["rg", "-j", "1", "-c", "-i", "-F", "-f", phrases,
                           mails]))
            if literals:
                # every occurrence, as the prefilter must find them (-c
                # stops at a line's first)
                table.append(("rg --count-matches -f literals",
                              ["rg", "-j", "1", "--count-matches", "-i", "-F",
                               "-f", literals, corpus]))
        if args.compare:
            other = os.path.abspath(args.compare)
            table.append(("--compare (prefilter)",
                          [other, "-j", "1", "--format", "json", corpus]))
            table.append(("--compare -j1, 64 files",
                          [other, "-j", "1", "--format", "json", parts]))
            table.append(("--compare -j1, %d mails" % MAILS,
                          [other, "-j", "1", "--format", "json", mails]))
        # The commands take turns, run after run, so that a slow moment of
        # the machine (these VMs drift by a factor of two) falls on all of
        # them alike; each figure is the median of its runs.
        took = {label: [] for label, _ in table}
        for _ in range(args.runs):
            for label, cmd in table:
                took[label].append(timed(cmd))
        for label, _ in table:
            t = statistics.median(r[0] for r in took[label])
            kib = max(r[1] for r in took[label])
            rows[label] = t
            print("%-34s %10.3f %10.1f %12.1f" % (label, t, mb / t, kib / 1024))
        if not shutil.which("rg"):
            print("%-34s %10s" % ("rg", "not installed"))
        print("ratios: prefilter %.1fx faster than without; %d threads %.2fx one; "
              "grep is %.1fx tonelint"
              % (rows["tonelint --no-prefilter"] / rows["tonelint -j1 (prefilter)"],
                 cores, rows["tonelint -j1, 64 files"] / rows["tonelint -j%d, 64 files" % cores],
                 rows["tonelint -j1 (prefilter)"] / rows["grep -F -i -f phrases"]))

        print("%d mails: %d threads %.2fx one"
              % (MAILS, cores, rows["tonelint -j1, %d mails" % MAILS]
                 / rows["tonelint -j%d, %d mails" % (cores, MAILS)]))
        print("the one file: %d threads %.2fx one; the %.1f MB mailbox "
              "(MB/s above are the corpus's): %.3f s on one thread, "
              "%d threads %.2fx one"
              % (cores, rows["tonelint -j1 (prefilter)"]
                 / rows["tonelint -j%d, the one file" % cores], mbox_mb,
                 rows["tonelint -j1, the mailbox"], cores,
                 rows["tonelint -j1, the mailbox"]
                 / rows["tonelint -j%d, the mailbox" % cores]))
        if shutil.which("rg"):
            print("rg is %.1fx tonelint on one thread, %.1fx on %d mails"
                  % (rows["tonelint -j1 (prefilter)"] / rows["rg -i -f phrases"],
                     rows["tonelint -j1, %d mails" % MAILS]
                     / rows["rg -j1 -i -f phrases, %d mails" % MAILS], MAILS))
        if shutil.which("rg") and literals:
            print("rg finding every occurrence of the %d pattern literals "
                  "takes %.1fx tonelint's whole lint on one thread"
                  % (nlits, rows["rg --count-matches -f literals"]
                     / rows["tonelint -j1 (prefilter)"]))
        if args.compare:
            print("this build takes %.2fx the time of --compare on one file, "
                  "%.2fx on 64 files, %.2fx on %d mails"
                  % (rows["tonelint -j1 (prefilter)"] / rows["--compare (prefilter)"],
                     rows["tonelint -j1, 64 files"]
                     / rows["--compare -j1, 64 files"],
                     rows["tonelint -j1, %d mails" % MAILS]
                     / rows["--compare -j1, %d mails" % MAILS], MAILS))

        # start-up: the commands take turns, so that a busy moment of the
        # machine falls on all of them alike
        small = os.path.join(ROOT, "samples", "reminder-final.txt")
        # /bin/true is the floor: what starting any process costs here
        startup = {"tonelint": [tl, small],
                   "grep": ["grep", "-c", "-F", "-i", "-f", phrases, small],
                   "/bin/true": ["/bin/true"]}
        if shutil.which("rg"):
            startup["rg"] = ["rg", "-c", "-i", "-F", "-f", phrases, small]
        took = {k: [] for k in startup}
        for _ in range(max(args.runs, 31)):
            for k, cmd in startup.items():
                took[k].append(timed_plain(cmd))
        print("start-up on one small file (median of %d): %s"
              % (len(took["tonelint"]),
                 ", ".join("%s %.1f ms" % (k, statistics.median(v) * 1000)
                           for k, v in took.items())))

        # mid-size mails: where the interpreter (texts under 64 KiB) and
        # PCRE2's checks show, that the 20 MB file never reaches
        with open(corpus, encoding="utf-8") as f:
            head = f.read(200000)
        mids = []
        for kb in (8, 60):
            cut = head.rfind("\n\n", 0, kb * 1000) + 1
            path = os.path.join(work, "mail-%dk.txt" % kb)
            with open(path, "w", encoding="utf-8") as out:
                out.write(head[:cut])
            mids.append((kb, path, {"tonelint": [], "rg": []}))
        for _ in range(max(args.runs, 15)):
            for kb, path, t in mids:
                t["tonelint"].append(timed_plain([tl, "--kind", "reminder", path]))
                if shutil.which("rg"):
                    t["rg"].append(timed_plain(["rg", "-c", "-i", "-F", "-f", phrases, path]))
        for kb, path, t in mids:
            print("one %d KB mail judged as a reminder (median of %d): %s"
                  % (kb, len(t["tonelint"]),
                     ", ".join("%s %.1f ms" % (k, statistics.median(v) * 1000)
                               for k, v in t.items() if v)))

        scale_corpus = os.path.join(work, "scale.txt")
        make_corpus(scale_corpus, min(args.mb, 20), seed=11)
        smb = os.path.getsize(scale_corpus) / 1e6
        times = {}
        for n in (100, 1000):
            rules = os.path.join(work, "gen-%d.yml" % n)
            generated_rules(rules, n)
            t, kib, _ = median_run([tl, "--no-default-rules", "--rules", rules,
                                    "--format", "json", scale_corpus], args.runs)
            times[n] = t
            print("%4d generated rules on %.1f MB: %.3f s (%.1f MB/s, %.1f MiB)"
                  % (n, smb, t, smb / t, kib / 1024))
        print("1000 rules take %.2fx the time of 100" % (times[1000] / times[100]))
    finally:
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    sys.exit(main())
