#!/usr/bin/env python3
"""Executable documentation: runs every ```console block of README.md and
docs/*.md and compares its printed numbers with the page's.

A console block is a fenced block whose info string is `console`; each line
starting with `$ ` is a command (a trailing `\\` continues it on the next
line), run with bash from the repository root with `rlct` on PATH as the
binary given by --rlct; the lines up to the next `$ ` are its output
(standard output followed by standard error, which is where rlct prints its
warnings and errors: at the end). The
folder out/ (ignored by git) exists when they run, for the files they write. A line `…`
(or `...`) in an output stands for output lines left out. An HTML comment on
the nearest non-blank line above the fence sets how the block is checked:

    <!-- docs-check: tolerance=exact quick -->
    <!-- docs-check: tolerance=2% slow -->
    <!-- docs-check: tolerance=0.05 exit=2 mask="\\d+ GB available" -->
    <!-- docs-check: skip: the timings are this machine's -->

  tolerance=exact | P% | X   how far a number may move: exact (the text of
                             every number must match), relative P%, absolute X
  quick | slow               quick blocks also run in `make test`; slow ones
                             only in `make docs-check`
  exit=N                     the exit status of every `rlct` command of the
                             block (default 0; other commands must exit 0)
  mask=REGEX                 text matching REGEX (Python syntax) is not compared
  timeout=SECONDS            per command (default 1800)
  skip: REASON               not run (the reason is printed)

A block without the comment is checked with tolerance=exact, slow, exit=0.
Timings are never compared: a number followed by a time unit (`12.3 s`,
`4 ms`, `2 min`), a rate (`steps/s`) or given as a `*_seconds` JSON value.

The page's text around the numbers (the line's words and punctuation, with
runs of spaces counted as one) must be the same, so a changed column, a new
warning or a new line is a drift as well.

    scripts/docs-check.py [--rlct PATH] [--quick] [--write] [--examples]
                          [--jobs N] [--list] [--only REGEX] [FILE ...]

--write regenerates every checked output in place (each page is replaced
atomically); without it a drift is reported as FILE:LINE and the exit status
is 1. FILE arguments restrict the check to those pages, --only REGEX to the
blocks one of whose commands matches REGEX. --examples also runs every Examples/*.sh at quick settings
(scripts/rlct-quick.sh caps the sizes) and fails on a non-zero exit. --list
prints the blocks and their settings without running anything.

Beyond the blocks, every page is linted: a `$ rlct` line outside a console
block is a command whose output nobody checks, and the words issue and
tracker (outside `code`) refer to something outside the project. Pages listed in
scripts/docs-check-pending.txt get warnings for these instead of errors.

Pages listed in scripts/docs-check-generated.txt (`PATH make TARGET[; make
TARGET]`) are written by that target: their blocks are not run; the target
must exist, name the page in its recipe, and be named on the page. A paragraph
under `<!-- docs-check: quotes=PATH -->` quotes such a page: it must name PATH
and each of its numbers must be one of PATH's.
"""
from __future__ import annotations

import argparse
import concurrent.futures
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path

# The repository (its Makefile, scripts/docs-check-*.txt, out/); DOCS_CHECK_ROOT for the self-tests.
ROOT = Path(os.environ.get("DOCS_CHECK_ROOT") or Path(__file__).resolve().parent.parent).resolve()
DEFAULT_TIMEOUT = 1800.0

NUMBER = re.compile(r"(?<![A-Za-z_])[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?")
# A number followed by a time unit or a rate, or a JSON *_seconds value: never compared.
TIMING = re.compile(
    r"[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
    r"(?=\s?(?:s|ms|µs|min|seconds?|steps/s|/s)(?![A-Za-z0-9_]))"
    r"|(?<=_seconds\": )[-+]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][-+]?\d+)?"
)
ELLIPSIS = {"…", "..."}
FENCE = re.compile(r"^(\s*)(`{3,}|~{3,})\s*(\S*)\s*$")
ANNOTATION = re.compile(r"^\s*<!--\s*docs-check:(.*?)-->\s*$")
ISSUE_WORDS = re.compile(r"\b(?:issues?|tracker)\b", re.IGNORECASE)


class Fail(Exception):
    pass


@dataclass
class Tolerance:
    kind: str  # "exact", "relative", "absolute"
    value: float = 0.0

    @staticmethod
    def parse(text: str) -> "Tolerance":
        if text == "exact":
            return Tolerance("exact")
        if text.endswith("%"):
            return Tolerance("relative", float(text[:-1]) / 100)
        return Tolerance("absolute", float(text))

    def accepts(self, doc: str, actual: str) -> bool:
        if doc == actual:
            return True
        if self.kind == "exact":
            return False
        a, b = float(doc), float(actual)
        if self.kind == "relative":
            return abs(a - b) <= self.value * max(abs(a), abs(b))
        return abs(a - b) <= self.value

    def __str__(self) -> str:
        if self.kind == "exact":
            return "exact"
        if self.kind == "relative":
            return f"{self.value * 100:g}%"
        return f"{self.value:g}"


@dataclass
class Options:
    tolerance: Tolerance = field(default_factory=lambda: Tolerance("exact"))
    quick: bool = False
    exit: int = 0
    masks: list = field(default_factory=list)
    timeout: float = DEFAULT_TIMEOUT
    skip: str | None = None
    annotated: bool = False

    @staticmethod
    def parse(text: str, where: str) -> "Options":
        o = Options(annotated=True)
        text = text.strip()
        if text.startswith("skip"):
            o.skip = text[4:].lstrip(":").strip() or "no reason given"
            return o
        try:
            words = shlex.split(text.replace(",", " "))
        except ValueError as e:
            raise Fail(f"{where}: docs-check annotation: {e}")
        for w in words:
            key, _, value = w.partition("=")
            try:
                if key == "tolerance":
                    o.tolerance = Tolerance.parse(value)
                elif key == "quick" and not value:
                    o.quick = True
                elif key == "slow" and not value:
                    o.quick = False
                elif key == "exit":
                    o.exit = int(value)
                elif key == "mask":
                    o.masks.append(re.compile(value))
                elif key == "timeout":
                    o.timeout = float(value)
                else:
                    raise ValueError(f"unknown setting '{w}'")
            except (ValueError, re.error) as e:
                raise Fail(f"{where}: docs-check annotation: {e} (expected tolerance=exact|P%|X, quick, slow, "
                           f"exit=N, mask=REGEX, timeout=SECONDS or skip: REASON)")
        return o

    def describe(self) -> str:
        if self.skip:
            return f"skip ({self.skip})"
        parts = [f"tolerance={self.tolerance}", "quick" if self.quick else "slow"]
        if self.exit:
            parts.append(f"exit={self.exit}")
        if not self.annotated:
            parts.append("(default)")
        return " ".join(parts)


@dataclass
class Command:
    text: str  # the command as bash runs it (continuations joined)
    line: int  # 1-based line of its `$ `
    output: list  # the page's output lines (dedented)
    output_line: int  # 1-based line of the first output line


@dataclass
class Block:
    path: Path
    line: int  # the fence's line, 1-based
    indent: str
    body_start: int  # index (0-based) of the first line inside the fence
    body_end: int  # index of the closing fence
    options: Options
    commands: list

    @property
    def where(self) -> str:
        return f"{rel(self.path)}:{self.line}"


def rel(path: Path) -> str:
    try:
        return str(path.relative_to(ROOT))
    except ValueError:
        return str(path)


# MARK: - Reading pages


QUOTES = re.compile(r"^\s*<!--\s*docs-check:\s*quotes=(\S+)\s*-->\s*$")
# A number as prose quotes it: 10,000 and 10000 are the same, 2.0.1 is one number.
PROSE_NUMBER = re.compile(r"(?<![\w.])\d+(?:,\d{3})*(?:\.\d+)*(?:[eE][-+]?\d+)?")


@dataclass
class Quote:
    path: Path  # the quoting page
    line: int  # 1-based line of the annotation
    source: str  # the quoted page, relative to the repository root
    paragraph: list  # (line, text)


def prose_numbers(text: str) -> list:
    return [m.group(0).replace(",", "") for m in PROSE_NUMBER.finditer(text)]


def parse_page(path: Path, lines: list, quotes: list | None = None) -> tuple:
    """The console blocks of a page, and the lint findings (line, message).
    Paragraphs under a `quotes=PAGE` annotation are appended to `quotes`."""
    blocks, lint = [], []
    for n, line in enumerate(lines):
        q = QUOTES.match(line)
        if not q:
            continue
        k = n + 1
        while k < len(lines) and not lines[k].strip():
            k += 1
        paragraph = []
        while k < len(lines) and lines[k].strip() and not FENCE.match(lines[k]):
            paragraph.append((k + 1, lines[k]))
            k += 1
        if not paragraph:
            lint.append((n + 1, "a `quotes=` annotation without a paragraph below it"))
        elif quotes is not None:
            quotes.append(Quote(path, n + 1, q.group(1), paragraph))
    i = 0
    in_other_fence = None
    while i < len(lines):
        m = FENCE.match(lines[i])
        if in_other_fence is not None:
            if m and m.group(2) == in_other_fence and not m.group(3):
                in_other_fence = None
            elif re.match(r"^\s*\$ rlct\b", lines[i]):
                lint.append((i + 1, "a `$ rlct` command in a non-console fenced block: its output is not checked "
                                    "(use a ```console block)"))
            i += 1
            continue
        if m and m.group(3) == "console":
            indent, fence = m.group(1), m.group(2)
            j = i + 1
            while j < len(lines):
                c = FENCE.match(lines[j])
                if c and c.group(2) == fence and not c.group(3):
                    break
                j += 1
            if j == len(lines):
                raise Fail(f"{rel(path)}:{i + 1}: the console block is not closed")
            options = Options()
            k = i - 1
            while k >= 0 and not lines[k].strip():
                k -= 1
            if k >= 0:
                a = ANNOTATION.match(lines[k])
                if a:
                    options = Options.parse(a.group(1), f"{rel(path)}:{k + 1}")
            block = Block(path, i + 1, indent, i + 1, j, options, [])
            block.commands = parse_commands(block, lines)
            if not block.commands:
                raise Fail(f"{block.where}: a console block without a `$ ` command")
            blocks.append(block)
            i = j + 1
            continue
        if m and m.group(3) in ("markdown", "md"):
            # An example of the convention itself: nothing in it is a command.
            j = i + 1
            while j < len(lines) and not (FENCE.match(lines[j]) and FENCE.match(lines[j]).group(2) == m.group(2)
                                          and not FENCE.match(lines[j]).group(3)):
                j += 1
            i = j + 1
            continue
        if m and m.group(3) != "console":
            in_other_fence = m.group(2)
            i += 1
            continue
        if re.match(r"^\s*\$ rlct\b", lines[i]):
            lint.append((i + 1, "a `$ rlct` command outside a ```console block: its output is not checked"))
        i += 1
    for n, line in enumerate(lines):
        if ISSUE_WORDS.search(re.sub(r"`[^`]*`", "", line)) and not ANNOTATION.match(line):
            lint.append((n + 1, "refers to an issue or tracker; pages speak of the project only: "
                                f"{line.strip()[:100]}"))
    return blocks, lint


def dedent(line: str, indent: str) -> str:
    return line[len(indent):] if line.startswith(indent) else line.lstrip()


def parse_commands(block: Block, lines: list) -> list:
    commands = []
    k = block.body_start
    while k < block.body_end:
        text = dedent(lines[k], block.indent)
        if text.startswith("$ "):
            start = k
            command = text[2:]
            while command.endswith("\\") and k + 1 < block.body_end:
                k += 1
                command = command + "\n" + dedent(lines[k], block.indent)  # bash joins `\` + newline
            k += 1
            out_start = k
            while k < block.body_end and not dedent(lines[k], block.indent).startswith("$ "):
                k += 1
            output = [dedent(l, block.indent).rstrip() for l in lines[out_start:k]]
            while output and not output[-1]:
                output.pop()
            commands.append(Command(command, start + 1, output, out_start + 1))
        elif not text.strip():
            k += 1
        else:
            raise Fail(f"{rel(block.path)}:{k + 1}: text before the first `$ ` command of a console block")
    return commands


# MARK: - Comparing


def shape(line: str, masks: list) -> tuple:
    """A line's text with its numbers taken out: (template, numbers)."""
    for m in masks:
        line = m.sub("<masked>", line)
    line = TIMING.sub("<time>", line)
    numbers = NUMBER.findall(line)
    template = " ".join(NUMBER.sub("#", line).split())
    return template, numbers


def segments(output: list) -> list:
    """The page's output split at `…` lines: [(offset, lines)], and whether it starts/ends with a gap."""
    segs, current, start = [], [], 0
    for i, line in enumerate(output):
        if line.strip() in ELLIPSIS:
            if current:
                segs.append((start, current))
            current, start = [], i + 1
        else:
            if not current:
                start = i
            current.append(line)
    if current:
        segs.append((start, current))
    gap_start = bool(output) and output[0].strip() in ELLIPSIS
    gap_end = bool(output) and output[-1].strip() in ELLIPSIS
    return segs, gap_start, gap_end


@dataclass
class Drift:
    line: int
    message: str


def compare(command: Command, actual: list, options: Options) -> tuple:
    """Drifts, and the regenerated output (None when it cannot be placed)."""
    masks = options.masks
    doc = command.output
    actual_shapes = [shape(l, masks) for l in actual]
    if not any(l.strip() in ELLIPSIS for l in doc):
        drifts = []
        for i in range(max(len(doc), len(actual))):
            if i >= len(doc):
                drifts.append(Drift(command.output_line + len(doc),
                                    f"the command printed more lines than the page shows, from: {actual[i]!r}"))
                break
            if i >= len(actual):
                drifts.append(Drift(command.output_line + i, f"the page shows a line the command no longer prints: {doc[i]!r}"))
                break
            drifts += compare_line(command.output_line + i, doc[i], shape(doc[i], masks), actual[i],
                                   actual_shapes[i], options)
        return drifts, list(actual)
    segs, gap_start, gap_end = segments(doc)
    drifts, placed, cursor = [], [], 0
    new_output = list(doc)
    for n, (offset, seg) in enumerate(segs):
        seg_shapes = [shape(l, masks) for l in seg]
        anchored_start = n == 0 and not gap_start
        anchored_end = n == len(segs) - 1 and not gap_end
        candidates = range(cursor, len(actual) - len(seg) + 1)
        if anchored_start:
            candidates = [0] if len(actual) >= len(seg) else []
        elif anchored_end:
            candidates = [len(actual) - len(seg)] if len(actual) - len(seg) >= cursor else []
        found = None
        for p in candidates:
            if all(actual_shapes[p + q][0] == seg_shapes[q][0] and len(actual_shapes[p + q][1]) == len(seg_shapes[q][1])
                   for q in range(len(seg))):
                found = p
                break
        if found is None:
            drifts.append(Drift(command.output_line + offset,
                                f"the quoted lines starting {seg[0]!r} are no longer in the output"))
            new_output = None
            continue
        for q in range(len(seg)):
            drifts += compare_line(command.output_line + offset + q, seg[q], seg_shapes[q], actual[found + q],
                                   actual_shapes[found + q], options)
        if new_output is not None:
            new_output[offset:offset + len(seg)] = actual[found:found + len(seg)]
        cursor = found + len(seg)
        placed.append(found)
    return drifts, new_output


def compare_line(line_no: int, doc: str, doc_shape: tuple, actual: str, actual_shape: tuple, options: Options) -> list:
    (dt, dn), (at, an) = doc_shape, actual_shape
    if dt != at or len(dn) != len(an):
        return [Drift(line_no, f"text changed:\n      page: {doc}\n    output: {actual}")]
    bad = [(a, b) for a, b in zip(dn, an) if not options.tolerance.accepts(a, b)]
    if bad:
        pairs = ", ".join(f"{a} → {b}" for a, b in bad)
        return [Drift(line_no, f"{pairs} (tolerance {options.tolerance}):\n      page: {doc}\n    output: {actual}")]
    return []


# MARK: - Running


def run_command(command: Command, options: Options, bindir: str) -> tuple:
    env = dict(os.environ)
    env["PATH"] = bindir + os.pathsep + env.get("PATH", "")
    env.setdefault("COLUMNS", "200")
    env.pop("NO_COLOR", None)
    try:
        p = subprocess.run(["bash", "-c", command.text], cwd=ROOT, env=env, stdin=subprocess.DEVNULL,
                           stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=options.timeout)
    except subprocess.TimeoutExpired:
        return None, []
    # Standard output, then standard error: rlct prints its warnings and errors last, and the
    # order in which two pipes interleave depends on buffering, so it is fixed here.
    text = (p.stdout + p.stderr).decode("utf-8", errors="replace")
    lines = [l.rstrip() for l in text.split("\n")]
    while lines and not lines[-1]:
        lines.pop()
    return p.returncode, lines


@dataclass
class BlockResult:
    block: Block
    errors: list  # (line, message)
    outputs: list  # per command: regenerated output lines or None
    seconds: float


def is_rlct(command: str) -> bool:
    """Whether the command runs rlct (exit=N applies to these; set-up commands must exit 0)."""
    return re.match(r"^\s*(?:[A-Z_]+=\S*\s+)*rlct\b", command) is not None


def check_block(block: Block, bindir: str) -> BlockResult:
    start = time.monotonic()
    errors, outputs = [], []
    for command in block.commands:
        status, actual = run_command(command, block.options, bindir)
        if status is None:
            errors.append((command.line, f"timed out after {block.options.timeout:g} s: $ {command.text}"))
            outputs.append(None)
            continue
        expected = block.options.exit if is_rlct(command.text) else 0
        if status != expected:
            tail = "\n".join("      " + l for l in actual[-8:])
            errors.append((command.line, f"exit status {status}, expected {expected}: $ {command.text}\n{tail}"))
            outputs.append(None)
            continue
        drifts, new_output = compare(command, actual, block.options)
        errors += [(d.line, d.message) for d in drifts]
        # A page that passes keeps its text (its timings and masked parts are not churned).
        outputs.append(new_output if drifts else None)
    return BlockResult(block, errors, outputs, time.monotonic() - start)


def write_page(path: Path, lines: list, results: list) -> int:
    """Replaces the outputs of the page's checked blocks; returns how many commands changed."""
    edits = []
    for r in results:
        for command, new in zip(r.block.commands, r.outputs):
            if new is None or new == command.output:
                continue
            first = command.output_line - 1
            last = first + len(command.output)  # exclusive; trailing blank lines before the next `$ ` stay
            edits.append((first, last, [(r.block.indent + l) if l else "" for l in new]))
    if not edits:
        return 0
    on_disk = path.read_text(encoding="utf-8").split("\n")
    if on_disk and on_disk[-1] == "":
        on_disk.pop()
    if on_disk != lines:
        raise Fail(f"{rel(path)} changed while its commands ran; not rewritten (run again)")
    for first, last, new in sorted(edits, reverse=True):
        lines[first:last] = new
    fd, tmp = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            f.write("\n".join(lines) + "\n")
        os.chmod(tmp, os.stat(path).st_mode & 0o777)
        os.replace(tmp, path)
    except BaseException:
        os.unlink(tmp)
        raise
    return len(edits)


# MARK: - Examples


def run_examples(binary: str, timeout: float) -> list:
    """Runs every Examples/*.sh at quick settings in a scratch folder; returns failures."""
    failures = []
    quick = ROOT / "scripts" / "rlct-quick.sh"
    for script in sorted((ROOT / "Examples").glob("*.sh")):
        with tempfile.TemporaryDirectory(prefix="rlct-example-") as work:
            for name in ("Examples", "Fixtures"):
                os.symlink(ROOT / name, Path(work) / name)
            # The whole fixture suite is `make test`'s own `regress --quick`; an example
            # that runs a suite gets a copy of three potential fixtures instead.
            subset = Path(work) / "quick-fixtures" / "potential"
            subset.mkdir(parents=True)
            for fixture in sorted((ROOT / "Fixtures" / "potential").glob("*.json"))[:3]:
                shutil.copy(fixture, subset / fixture.name)
            env = dict(os.environ, RLCT=str(quick), RLCT_BINARY=binary, FIXTURES=str(subset.parent))
            start = time.monotonic()
            try:
                p = subprocess.run(["sh", str(script)], cwd=work, env=env, stdin=subprocess.DEVNULL,
                                   stdout=subprocess.PIPE, stderr=subprocess.STDOUT, timeout=timeout)
                status, text = p.returncode, p.stdout.decode("utf-8", errors="replace")
            except subprocess.TimeoutExpired:
                status, text = None, ""
            seconds = time.monotonic() - start
            print(f"  {rel(script)}: exit {status} ({seconds:.1f} s)", flush=True)
            if status != 0:
                tail = "\n".join("      " + l for l in text.rstrip().split("\n")[-10:])
                failures.append(f"{rel(script)}: exit {status if status is not None else 'timeout'} at quick settings\n{tail}")
    return failures


# MARK: - Main


def pending_pages() -> dict:
    path = ROOT / "scripts" / "docs-check-pending.txt"
    pages = {}
    if path.exists():
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.split("#", 1)[0].strip()
            if line:
                name, _, reason = line.partition(" ")
                pages[name] = reason.strip()
    return pages


def generated_pages() -> tuple:
    """{page: [command]} from scripts/docs-check-generated.txt, and the errors in it: each
    command must be `make TARGET` with TARGET a rule of the Makefile."""
    path = ROOT / "scripts" / "docs-check-generated.txt"
    pages, errors = {}, []
    if not path.exists():
        return pages, errors
    makefile = ROOT / "Makefile"
    recipes = {}  # target → its recipe's text, with the text of the repository files it names
    if makefile.exists():
        target = None
        for line in makefile.read_text(encoding="utf-8").splitlines():
            m = re.match(r"^([A-Za-z0-9_.-]+)\s*:(?!=)", line)
            if m:
                target = m.group(1)
                recipes[target] = ""
            elif target and line.startswith("\t"):
                recipes[target] += line + "\n"
                for word in re.findall(r"[\w./-]+", line):
                    f = ROOT / word
                    if "/" in word and f.is_file() and f.suffix in (".sh", ".py"):
                        recipes[target] += f.read_text(encoding="utf-8", errors="replace")
            elif line.strip() and not line.startswith("#"):
                target = None
    for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        line = line.split("#", 1)[0].strip()
        if not line:
            continue
        name, _, rest = line.partition(" ")
        commands = [c.strip() for c in rest.split(";") if c.strip()]
        where = f"{rel(path)}:{n}"
        if not commands:
            errors.append(f"{where}: {name}: no generating command (expected PATH make TARGET[; make TARGET])")
            continue
        for c in commands:
            words = c.split()
            if len(words) != 2 or words[0] != "make":
                errors.append(f"{where}: {name}: '{c}': expected `make TARGET`")
            elif words[1] not in recipes:
                errors.append(f"{where}: {name}: '{c}': the Makefile has no target '{words[1]}'")
            elif name not in recipes[words[1]]:
                errors.append(f"{where}: {name}: '{c}' does not write it (the recipe and the scripts it runs "
                              f"do not name {name})")
        # The page may name the target (`make bench`) or the rlct command its recipe runs (`rlct bench`).
        pages[name] = [(c, sorted({c} | {f"rlct {w}" for w in re.findall(r"\$\(RLCT\) ([\w-]+)", recipes.get(c.split()[-1], ""))}))
                       for c in commands]
    return pages, errors


def check_generated(path: Path, lines: list, commands: list) -> list:
    """A generated page names the commands that write it, so a reader knows how to refresh it."""
    text = "\n".join(lines)
    return [f"{rel(path)}: a page generated by `{c}` must name it (none of {', '.join(f'`{n}`' for n in names)} "
            "is on the page)" for c, names in commands if not any(n in text for n in names)]


def check_quotes(quotes: list, generated: dict) -> list:
    """Each number of a paragraph under `quotes=PAGE` must be a number of PAGE, and the
    paragraph must name PAGE: prose that cites a generated page cannot drift from it."""
    errors = []
    for q in quotes:
        source = ROOT / q.source
        where = f"{rel(q.path)}:{q.line}"
        if not source.is_file():
            errors.append(f"{where}: quotes={q.source}: no such page")
            continue
        if q.source not in generated:
            errors.append(f"{where}: quotes={q.source}: not a generated page (scripts/docs-check-generated.txt); "
                          "quote a console block beside the paragraph instead")
            continue
        if not any(q.source in text for _, text in q.paragraph):
            errors.append(f"{where}: the paragraph quotes {q.source} but does not name it")
        available = set(prose_numbers(source.read_text(encoding="utf-8")))
        for line, text in q.paragraph:
            missing = [v for v in prose_numbers(text) if v not in available]
            if missing:
                errors.append(f"{rel(q.path)}:{line}: {', '.join(missing)} not in {q.source}, which this paragraph "
                              f"quotes (regenerate the page or quote its numbers as printed there)")
    return errors


def main() -> int:
    parser = argparse.ArgumentParser(description="Run the console blocks of the docs and compare their numbers.")
    parser.add_argument("files", nargs="*", help="pages (default: README.md and docs/*.md)")
    parser.add_argument("--rlct", default=os.environ.get("RLCT", str(ROOT / ".build/release/rlct")),
                        help="the rlct binary (default: .build/release/rlct, or $RLCT)")
    parser.add_argument("--quick", action="store_true", help="only the blocks annotated quick")
    parser.add_argument("--write", action="store_true", help="regenerate the outputs in place")
    parser.add_argument("--examples", action="store_true", help="also run Examples/*.sh at quick settings")
    parser.add_argument("--jobs", type=int, default=1, help="blocks run at the same time (default 1)")
    parser.add_argument("--list", action="store_true", help="list the blocks and their settings, run nothing")
    parser.add_argument("--only", metavar="REGEX", help="only the blocks one of whose commands matches REGEX (Python)")
    args = parser.parse_args()

    files = [Path(f).resolve() for f in args.files] or [ROOT / "README.md"] + sorted((ROOT / "docs").glob("*.md"))
    pending = pending_pages()
    generated, errors = generated_pages()
    warnings, blocks, pages, quotes = [], [], {}, []
    try:
        for path in files:
            lines = path.read_text(encoding="utf-8").split("\n")
            if lines and lines[-1] == "":
                lines.pop()
            pages[path] = lines
            page_blocks, lint = parse_page(path, lines, quotes)
            if rel(path) in generated:
                # Its console blocks show how it was made (`rlct bench ...`); rerunning them is the
                # generating target's job, not the checker's.
                errors += check_generated(path, lines, generated[rel(path)])
                for b in page_blocks:
                    b.options = Options(annotated=True, skip=f"generated by {'; '.join(c for c, _ in generated[rel(path)])}")
            blocks += page_blocks
            for line, message in lint:
                entry = f"{rel(path)}:{line}: {message}"
                if rel(path) in pending:
                    warnings.append(entry + f" [pending: {pending[rel(path)]}]")
                else:
                    errors.append(entry)
    except Fail as e:
        print(f"docs-check: {e}", file=sys.stderr)
        return 1
    errors += check_quotes(quotes, generated)

    if args.only:
        try:
            only = re.compile(args.only)
        except re.error as e:
            print(f"docs-check: --only: {e}", file=sys.stderr)
            return 2
        blocks = [b for b in blocks if any(only.search(c.text) for c in b.commands)]

    if args.list:
        for b in blocks:
            print(f"{b.where}: {b.options.describe()}: " + "; ".join(c.text.split("\n")[0] for c in b.commands))
        for w in warnings:
            print(f"warning: {w}")
        for e in errors:
            print(f"error: {e}")
        return 1 if errors else 0

    binary = str(Path(args.rlct).resolve())
    if not os.access(binary, os.X_OK):
        print(f"docs-check: no rlct binary at {args.rlct} (build it: swift build -c release, or give --rlct)", file=sys.stderr)
        return 2
    started = time.monotonic()
    bindir = tempfile.mkdtemp(prefix="docs-check-bin-")
    (ROOT / "out").mkdir(exist_ok=True)  # the pages' commands write their files under out/
    os.symlink(binary, Path(bindir) / "rlct")
    try:
        selected = [b for b in blocks if not b.options.skip and (b.options.quick or not args.quick)]
        skipped = [b for b in blocks if b.options.skip]
        results = []
        with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, args.jobs)) as pool:
            for r in pool.map(lambda b: check_block(b, bindir), selected):
                status = "ok" if not r.errors else f"{len(r.errors)} drift(s)"
                print(f"  {r.block.where}: {status} ({r.seconds:.1f} s)", flush=True)
                results.append(r)
        changed = 0
        for r in results:
            for line, message in r.errors:
                entry = f"{rel(r.block.path)}:{line}: {message}"
                if args.write and not message.startswith(("exit status", "timed out", "the quoted lines")):
                    continue  # regenerated below
                errors.append(entry)
        if args.write:
            for path, lines in pages.items():
                try:
                    n = write_page(path, lines, [r for r in results if r.block.path == path])
                except Fail as e:
                    errors.append(str(e))
                    continue
                if n:
                    print(f"docs-check: rewrote {n} output(s) in {rel(path)}")
                    changed += n
        if args.examples:
            print("examples at quick settings:")
            errors += run_examples(binary, timeout=600)
    finally:
        shutil.rmtree(bindir, ignore_errors=True)

    for w in warnings:
        print(f"warning: {w}", file=sys.stderr)
    for e in errors:
        print(f"error: {e}", file=sys.stderr)
    commands = sum(len(r.block.commands) for r in results)
    mode = "quick blocks" if args.quick else "blocks"
    print(f"docs-check: {len(results)} {mode} ({commands} commands) in {len(files)} pages, {len(skipped)} skipped, "
          f"{len(errors)} error(s), {len(warnings)} warning(s), {time.monotonic() - started:.0f} s")
    return 1 if errors else 0


if __name__ == "__main__":
    sys.exit(main())
