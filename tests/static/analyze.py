#!/usr/bin/env python3
# SPDX-License-Identifier: Apache-2.0
"""Tessera's static analyses (docs/security.md, "Static analysis").

Usage: tests/static/analyze.py [--update] ANALYSIS...
  misra       cppcheck's MISRA C 2012 add-on over the hypervisor, once per
              architecture; fails on a finding the deviation list
              (tests/static/misra-deviations.txt) does not allow, and on an
              allowance larger than what is found (the list only shrinks).
              --update rewrites the list from the findings.
  clang-tidy  .clang-tidy's checks over the hypervisor, guests and host
              programs; fails on any warning.
  analyzer    GCC's -fanalyzer over the hypervisor, both architectures;
              fails on any warning.

The translation units and their flags come from the Makefiles
(`make analysis-units`, tests/static/static.mk), once per platform. Every
unit of an analysis runs in parallel; the last line is the verdict.
"""
import argparse
import collections
import concurrent.futures
import functools
import hashlib
import os
import re
import subprocess
import sys

ROOT = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BUILD = os.environ.get("BUILD", os.path.join(ROOT, "build"))
OUT = os.path.join(BUILD, "static")
PLATFORMS = ["qemu-aarch64-virt", "qemu-riscv64-virt"]
DEVIATIONS = os.path.join(ROOT, "tests", "static", "misra-deviations.txt")
DEVIATIONS_DOC = os.path.join(ROOT, "docs", "misra-deviations.md")
JOBS = os.cpu_count() or 1

Unit = collections.namedtuple("Unit", "group compiler path flags")
# One finding: where, and what (a MISRA rule, a clang-tidy check, a warning).
Finding = collections.namedtuple("Finding", "path line column what message")


def units():
    """Every translation unit of both platforms; the host programs once."""
    seen, found = set(), []
    for platform in PLATFORMS:
        out = subprocess.run(
            ["make", "-s", "--no-print-directory", "-C", ROOT, f"BUILD={BUILD}",
             f"PLATFORM={platform}", "analysis-units"],
            stdout=subprocess.PIPE, text=True, check=True).stdout
        for line in out.splitlines():
            group, compiler, path, flags = line.split("|", 3)
            if (group, path) not in seen:
                seen.add((group, path))
                found.append(Unit(group, compiler, path, flags.split()))
    return found


def run_all(job, items):
    """job(item) -> list of findings, for every item, in parallel."""
    with concurrent.futures.ThreadPoolExecutor(JOBS) as pool:
        return [f for found in pool.map(job, items) for f in found]


def in_tree(path):
    """The tree-relative spelling of a source path, else None (outside the
    tree, or made by the build)."""
    full = os.path.join(ROOT, path)
    rel = os.path.relpath(full, ROOT)
    made = not os.path.relpath(full, BUILD).startswith("..")
    return None if rel.startswith("..") or made else rel


def report(name, findings, checked):
    for f in sorted(set(findings)):
        print(f"{f.path}:{f.line}:{f.column}: [{f.what}] {f.message}")
    count = len(set(findings))
    print(f"{name}: {checked} translation units, {count} findings")
    return count == 0


# ---- MISRA C 2012 (cppcheck 2.10's add-on, rule numbers only) ----

def predefined_macros(unit, path):
    """The compiler's own macros for these flags, as a header cppcheck
    includes first: it sees what the compiler sees."""
    flags = [f for f in unit.flags if f.startswith(("-std", "-m", "-f"))]
    with open(path, "w") as out:
        subprocess.run([unit.compiler, *flags, "-dM", "-E", "-x", "c", os.devnull],
                       stdout=out, check=True)


def misra_group(group, members):
    """cppcheck with the add-on over one architecture's hypervisor."""
    build_dir = os.path.join(OUT, "misra", group)
    os.makedirs(build_dir, exist_ok=True)
    predef = os.path.join(build_dir, "predefined.h")
    predefined_macros(members[0], predef)
    defines = [f for f in members[0].flags if f.startswith(("-I", "-D", "-U"))]
    r = subprocess.run(
        ["cppcheck", "--quiet", "--std=c11", "--addon=misra",
         f"--cppcheck-build-dir={build_dir}", f"--include={predef}",
         "--template={file}|{line}|{column}|{id}|{message}", *defines,
         *sorted(u.path for u in members)],
        cwd=ROOT, stderr=subprocess.PIPE, text=True)
    findings = []
    for line in r.stderr.splitlines():
        fields = line.split("|", 4)
        if len(fields) != 5:
            findings.append(Finding(group, 0, 0, "cppcheck", line))
        elif in_tree(fields[0]):
            findings.append(Finding(in_tree(fields[0]), int(fields[1]),
                                    int(fields[2]), fields[3], fields[4]))
    if r.returncode:
        findings.append(Finding(group, 0, 0, "cppcheck", f"exit {r.returncode}"))
    return findings


def rule_of(finding):
    m = re.fullmatch(r"misra-c2012-(\d+\.\d+)", finding.what)
    return m.group(1) if m else None


def rule_key(rule):
    return tuple(int(n) for n in rule.split("."))


def read_deviations():
    allowed = {}
    with open(DEVIATIONS) as f:
        for line in f:
            if line.strip() and not line.startswith("#"):
                rule, path, count = line.split()
                allowed[(rule, path)] = int(count)
    return allowed


def write_deviations(counts):
    with open(DEVIATIONS) as f:
        header = [line for line in f if line.startswith("#")]
    with open(DEVIATIONS, "w") as f:
        f.writelines(header)
        for rule, path in sorted(counts, key=lambda k: (rule_key(k[0]), k[1])):
            f.write(f"{rule} {path} {counts[(rule, path)]}\n")


def documented_rules():
    with open(DEVIATIONS_DOC) as f:
        return set(re.findall(r"^### Rule (\d+\.\d+)\b", f.read(), re.M))


def misra_verdict(findings, allowed):
    """The findings the list does not allow, and its entries that allow more
    than is found."""
    counts = collections.Counter((rule_of(f), f.path) for f in findings)
    new = [f._replace(message=f"not in the deviation list ({counts[key]} found, "
                      f"{allowed.get(key, 0)} allowed in the file)")
           for f in findings
           for key in [(rule_of(f), f.path)] if counts[key] > allowed.get(key, 0)]
    gone = [f"{path}: rule {rule}: {n} allowed, {counts[(rule, path)]} found "
            f"(make misra-update shrinks the list)"
            for (rule, path), n in sorted(allowed.items()) if counts[(rule, path)] < n]
    return new, gone


def undocumented(rules):
    """Deviated rules without a reason in docs/misra-deviations.md."""
    missing = sorted(set(rules) - documented_rules(), key=rule_key)
    for rule in missing:
        print(f"rule {rule} is deviated from but has no section in "
              f"docs/misra-deviations.md")
    return missing


def misra_update(findings):
    counts = collections.Counter((rule_of(f), f.path) for f in findings)
    write_deviations(counts)
    print(f"misra: {len(findings)} findings, {len(counts)} entries written "
          f"to {os.path.relpath(DEVIATIONS, ROOT)}")
    return not undocumented(r for r, _ in counts)


def misra(args, all_units):
    groups = collections.defaultdict(list)
    for u in all_units:
        if u.group.startswith("hyp-"):
            groups[u.group].append(u)
    with concurrent.futures.ThreadPoolExecutor(len(groups)) as pool:
        found = [f for fs in pool.map(lambda g: misra_group(g, groups[g]), groups)
                 for f in fs]
    checked = sum(len(m) for m in groups.values())
    broken = [f for f in found if not rule_of(f)]
    if broken:
        # Not a MISRA rule: cppcheck's own bug checks or a failed run, which
        # the deviation list can never allow.
        return report("misra: cppcheck errors", broken, checked)
    # Both architectures find the same places in shared code: count once.
    findings = set(f._replace(message="") for f in found)
    if args.update:
        return misra_update(findings)
    allowed = read_deviations()
    new, gone = misra_verdict(findings, allowed)
    for f in sorted(new):
        print(f"{f.path}:{f.line}:{f.column}: [{f.what}] {f.message}")
    for line in gone:
        print(line)
    missing = undocumented(r for r, _ in allowed)
    print(f"misra: {checked} translation units, {len(findings)} findings, "
          f"{len(new)} not in the deviation list, {len(gone)} entries above "
          f"what is found, {len(missing)} rules unexplained")
    return not (new or gone or missing)


# ---- clang-tidy (.clang-tidy at the root) ----

# GCC spellings clang does not take, and what clang takes instead (None: no
# equivalent needed; clang folds Zicsr and Zifencei into its rv64 base).
CLANG_SPELLING = [
    (re.compile(r"^-fno-tree-loop-distribute-patterns$"), None),
    (re.compile(r"^-Werror$"), None),
    (re.compile(r"^(-march=rv64\w*?)(_zicsr)?(_zifencei)?$"), r"\1"),
]


def clang_flags(unit):
    flags = []
    if not os.path.basename(unit.compiler).startswith("clang"):
        target = subprocess.run([unit.compiler, "-dumpmachine"], stdout=subprocess.PIPE,
                                text=True, check=True).stdout.strip()
        flags.append(f"--target={target}")
    for flag in unit.flags:
        for pattern, replacement in CLANG_SPELLING:
            if pattern.match(flag):
                flag = replacement and pattern.sub(replacement, flag)
                break
        if flag:
            flags.append(flag)
    return flags


DIAGNOSTIC = re.compile(r"^(.+?):(\d+):(\d+): (?:warning|error): (.*)$")
# A message ends with its check or warning option, sometimes lines later.
CHECK = re.compile(r" \[([-a-zA-Z][\w.,=]*-[\w.,=-]*)\]$")


def diagnostics(output, default_what):
    """Compiler-style diagnostics in the tree, as findings."""
    found = []
    lines = output.splitlines()
    for i, line in enumerate(lines):
        m = DIAGNOSTIC.match(line)
        if not m or not in_tree(m.group(1)):
            continue
        end = next((j for j in range(i + 1, len(lines)) if DIAGNOSTIC.match(lines[j])),
                   len(lines))
        what = next((c.group(1) for c in map(CHECK.search, lines[i:end]) if c),
                    default_what)
        found.append(Finding(in_tree(m.group(1)), int(m.group(2)), int(m.group(3)),
                             what, CHECK.sub("", m.group(4))))
    return found


@functools.lru_cache(maxsize=None)
def tidy_identity():
    """clang-tidy's version and .clang-tidy: part of every cache key."""
    version = subprocess.run(["clang-tidy", "--version"], stdout=subprocess.PIPE,
                             check=True).stdout
    with open(os.path.join(ROOT, ".clang-tidy"), "rb") as f:
        return version + f.read()


def tidy_cache_path(flags, unit):
    """Where clang-tidy's answer for this unit is kept: named by what decides
    it (the tool, .clang-tidy, the flags, the unit preprocessed with its
    comments, so a NOLINT counts), so an unchanged unit is not analysed
    again. None if the unit does not preprocess."""
    pre = subprocess.run(["clang", "-E", "-C", *flags, unit.path], cwd=ROOT,
                         stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    if pre.returncode:
        return None
    h = hashlib.sha256()
    for part in (tidy_identity(), " ".join(flags).encode(), pre.stdout):
        h.update(hashlib.sha256(part).digest())
    return os.path.join(OUT, "clang-tidy", h.hexdigest())


def tidy_unit(unit):
    flags = clang_flags(unit)
    cached = tidy_cache_path(flags, unit)
    if cached and os.path.exists(cached):
        with open(cached) as f:
            return diagnostics(f.read(), "clang-tidy")
    r = subprocess.run(["clang-tidy", "--quiet", unit.path, "--", *flags],
                       cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT,
                       text=True)
    found = diagnostics(r.stdout, "clang-tidy")
    if r.returncode and not found:
        found.append(Finding(unit.path, 0, 0, "clang-tidy", r.stdout.strip()[-500:]))
    elif cached:
        os.makedirs(os.path.dirname(cached), exist_ok=True)
        with open(cached + ".tmp", "w") as f:
            f.write(r.stdout)
        os.replace(cached + ".tmp", cached)
    return found


def clang_tidy(args, all_units):
    return report("clang-tidy", run_all(tidy_unit, all_units), len(all_units))


# ---- GCC's static analyzer ----

def analyzer_unit(unit):
    r = subprocess.run([unit.compiler, *unit.flags, "-fanalyzer", "-c", unit.path,
                        "-o", os.devnull], cwd=ROOT, stdout=subprocess.PIPE,
                       stderr=subprocess.STDOUT, text=True)
    found = diagnostics(r.stdout, "gcc")
    if r.returncode and not found:
        found.append(Finding(unit.path, 0, 0, "gcc", r.stdout.strip()[-500:]))
    return found


def analyzer(args, all_units):
    hyp = [u for u in all_units if u.group.startswith("hyp-")]
    return report("analyzer", run_all(analyzer_unit, hyp), len(hyp))


ANALYSES = {"misra": misra, "clang-tidy": clang_tidy, "analyzer": analyzer}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("analyses", nargs="+", choices=sorted(ANALYSES))
    ap.add_argument("--update", action="store_true",
                    help="misra: rewrite the deviation list from the findings")
    args = ap.parse_args()
    all_units = units()
    ok = True
    for name in args.analyses:
        ok = ANALYSES[name](args, all_units) and ok
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
