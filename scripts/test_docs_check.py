#!/usr/bin/env python3
"""Tests of scripts/docs-check.py against a stand-in `rlct` whose output is
fixed: a drift is found and placed at its line, tolerances, `…` cuts, masks,
timings, exit statuses and --write (which must make the page pass again).

    python3 scripts/test_docs_check.py
"""
import os
import subprocess
import sys
import tempfile
import textwrap
import unittest
from pathlib import Path

CHECKER = Path(__file__).resolve().parent / "docs-check.py"

FAKE = r"""#!/usr/bin/env bash
case "$1" in
llc)
    echo "LLC of the potential K = w^4"
    echo "λ̂ = 0.2451 ± 0.0037 (± MCSE), std across chains 0.005490"
    echo "R̂ = 1.0000, ESS bulk 16240, tail 14627, acceptance 0.825"
    echo "sampling took 1.7 s"
    echo "verdict: ok" ;;
bad)
    echo "error: model.n: expected a positive integer, got -1" >&2
    echo "more than the 31 GB available" >&2
    exit 2 ;;
*)
    echo "unknown"; exit 3 ;;
esac
"""


class DocsCheckTests(unittest.TestCase):
    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        d = Path(self.dir.name)
        self.rlct = d / "rlct"
        self.rlct.write_text(FAKE)
        self.rlct.chmod(0o755)
        self.page = d / "page.md"

    def tearDown(self):
        self.dir.cleanup()

    def run_checker(self, text, *flags):
        self.page.write_text(textwrap.dedent(text))
        p = subprocess.run([sys.executable, str(CHECKER), "--rlct", str(self.rlct), *flags, str(self.page)],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        return p.returncode, p.stdout

    LLC_PAGE = """\
        # Page

        <!-- docs-check: {options} -->
        ```console
        $ rlct llc --polynomial "w^4"
        LLC of the potential K = w^4
        λ̂ = 0.2447 ± 0.0037 (± MCSE), std across chains 0.005487
        R̂ = 1.0000, ESS bulk 16240, tail 14627, acceptance 0.825
        sampling took 9.9 s
        verdict: ok
        ```
        """

    def test_exact_drift_is_reported_at_its_line(self):
        status, out = self.run_checker(self.LLC_PAGE.format(options="tolerance=exact quick"))
        self.assertEqual(status, 1, out)
        self.assertIn("page.md:7: 0.2447 → 0.2451, 0.005487 → 0.005490 (tolerance exact)", out)
        self.assertNotIn("page.md:9", out)  # the timing line differs and is not compared

    def test_relative_tolerance_accepts_the_drift(self):
        status, out = self.run_checker(self.LLC_PAGE.format(options="tolerance=1% quick"))
        self.assertEqual(status, 0, out)
        status, out = self.run_checker(self.LLC_PAGE.format(options="tolerance=0.1%"))
        self.assertEqual(status, 1, out)

    def test_absolute_tolerance(self):
        status, out = self.run_checker(self.LLC_PAGE.format(options="tolerance=0.001"))
        self.assertEqual(status, 0, out)

    def test_quick_runs_only_the_quick_blocks(self):
        status, out = self.run_checker(self.LLC_PAGE.format(options="tolerance=exact slow"), "--quick")
        self.assertEqual(status, 0, out)
        self.assertIn("0 quick blocks", out)

    def test_skip_is_not_run(self):
        status, out = self.run_checker(self.LLC_PAGE.format(options="skip: measured on another machine"))
        self.assertEqual(status, 0, out)
        self.assertIn("1 skipped", out)

    def test_write_regenerates_and_the_page_then_passes(self):
        status, _ = self.run_checker(self.LLC_PAGE.format(options="tolerance=exact"), "--write")
        self.assertEqual(status, 0)
        text = self.page.read_text()
        self.assertIn("λ̂ = 0.2451 ± 0.0037 (± MCSE), std across chains 0.005490", text)
        self.assertIn("<!-- docs-check: tolerance=exact -->", text)
        p = subprocess.run([sys.executable, str(CHECKER), "--rlct", str(self.rlct), str(self.page)],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        self.assertEqual(p.returncode, 0, p.stdout)

    def test_text_change_and_extra_lines_are_drifts(self):
        page = """\
            ```console
            $ rlct llc --polynomial "w^4"
            LLC of the potential K = w^4
            λ̂ = 0.2451 ± 0.0037 (± MCSE), std across chains 0.005490
            R̂ = 1.0000, ESS bulk 16240, tail 14627
            ```
            """
        status, out = self.run_checker(page)
        self.assertEqual(status, 1, out)
        self.assertIn("page.md:5: text changed", out)
        self.assertIn("page.md:6: the command printed more lines than the page shows", out)

    def test_ellipsis_quotes_part_of_the_output(self):
        page = """\
            <!-- docs-check: tolerance=exact -->
            ```console
            $ rlct llc --polynomial "w^4"
            …
            λ̂ = 0.2447 ± 0.0037 (± MCSE), std across chains 0.005490
            …
            ```
            """
        status, out = self.run_checker(page)
        self.assertEqual(status, 1, out)
        self.assertIn("page.md:5: 0.2447 → 0.2451", out)
        status, out = self.run_checker(page, "--write")
        self.assertEqual(status, 0, out)
        lines = self.page.read_text().split("\n")
        self.assertEqual(lines[3:6], ["…", "λ̂ = 0.2451 ± 0.0037 (± MCSE), std across chains 0.005490", "…"])

    def test_exit_status_and_mask(self):
        page = """\
            <!-- docs-check: exit=2 mask="\\d+ GB available" -->
            ```console
            $ rlct bad
            error: model.n: expected a positive integer, got -1
            more than the 24 GB available
            ```
            """
        status, out = self.run_checker(page)
        self.assertEqual(status, 0, out)
        status, out = self.run_checker(page.replace("exit=2 ", ""))
        self.assertEqual(status, 1, out)
        self.assertIn("exit status 2, expected 0", out)

    def test_commands_outside_console_blocks_and_issue_words_fail(self):
        page = """\
            As the issue says:

                $ rlct llc --polynomial "w^4"
            """
        status, out = self.run_checker(page, "--list")
        self.assertEqual(status, 1, out)
        self.assertIn("page.md:1: refers to an issue or tracker", out)
        self.assertIn("page.md:3: a `$ rlct` command outside a ```console block", out)

    def test_a_trailing_backslash_continues_the_command(self):
        page = """\
            ```console
            $ rlct llc \\
                --polynomial "w^4" | grep '^λ̂'
            λ̂ = 0.2451 ± 0.0037 (± MCSE), std across chains 0.005490
            ```
            """
        status, out = self.run_checker(page)
        self.assertEqual(status, 0, out)

    def test_bad_annotation_names_its_line(self):
        status, out = self.run_checker(self.LLC_PAGE.format(options="tolerance=loose"), "--list")
        self.assertEqual(status, 1, out)
        self.assertIn("page.md:3: docs-check annotation", out)


class GeneratedPageTests(unittest.TestCase):
    """Pages written by a make target (scripts/docs-check-generated.txt) and prose that quotes them."""

    GENERATED = """\
        # Benchmarks

        Written by `make bench` on 2026-12-02 with

        ```console
        $ rlct bench --markdown docs/benchmarks.md
        ```

        | model | steps/s |
        |---|---:|
        | seed model, d = 1 | 7.85e+05 |
        | deep linear network, d = 1200 | 1.77e+04 |

        Targets: ≥ 10,000 steps/s.
        """

    def setUp(self):
        self.dir = tempfile.TemporaryDirectory()
        self.root = Path(self.dir.name)
        (self.root / "docs").mkdir()
        (self.root / "scripts").mkdir()
        (self.root / "Makefile").write_text("bench: build\n\t$(RLCT) bench --markdown docs/benchmarks.md\n\n"
                                           "build:\n\tswift build\n")
        (self.root / "scripts" / "docs-check-generated.txt").write_text("docs/benchmarks.md make bench\n")
        (self.root / "docs" / "benchmarks.md").write_text(textwrap.dedent(self.GENERATED))
        rlct = self.root / "rlct"
        rlct.write_text("#!/bin/sh\necho ran >> \"$(dirname \"$0\")/ran\"\n")
        rlct.chmod(0o755)

    def tearDown(self):
        self.dir.cleanup()

    def run_checker(self, readme, *flags):
        (self.root / "README.md").write_text(textwrap.dedent(readme))
        p = subprocess.run([sys.executable, str(CHECKER), "--rlct", str(self.root / "rlct"), *flags,
                            str(self.root / "README.md"), str(self.root / "docs" / "benchmarks.md")],
                           stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
                           env=dict(os.environ, DOCS_CHECK_ROOT=str(self.root)))
        return p.returncode, p.stdout

    QUOTING = """\
        # Project

        <!-- docs-check: quotes=docs/benchmarks.md -->
        **Speed:** `make bench` writes `docs/benchmarks.md`: 7.85e+05 steps per
        second on the seed model, 1.77e+04 on the 1,200-parameter network
        (target 10,000).
        """

    def test_a_generated_page_is_not_run_and_quoted_numbers_pass(self):
        status, out = self.run_checker(self.QUOTING)
        self.assertEqual(status, 0, out)
        self.assertIn("1 skipped", out)
        self.assertFalse((self.root / "ran").exists(), "the generated page's block was run")

    def test_a_number_the_generated_page_does_not_have_fails_at_its_line(self):
        status, out = self.run_checker(self.QUOTING.replace("1.77e+04", "1.3 million"), "--list")
        self.assertEqual(status, 1, out)
        self.assertIn("README.md:5: 1.3 not in docs/benchmarks.md", out)

    def test_the_quoting_paragraph_must_name_the_page(self):
        status, out = self.run_checker(self.QUOTING.replace("`docs/benchmarks.md`", "the page"), "--list")
        self.assertEqual(status, 1, out)
        self.assertIn("README.md:3: the paragraph quotes docs/benchmarks.md but does not name it", out)

    def test_only_a_generated_page_can_be_quoted(self):
        (self.root / "docs" / "other.md").write_text("7.85e+05 1.77e+04 1200 10000\n")
        status, out = self.run_checker(self.QUOTING.replace("quotes=docs/benchmarks.md", "quotes=docs/other.md"),
                                       "--list")
        self.assertEqual(status, 1, out)
        self.assertIn("quotes=docs/other.md: not a generated page", out)

    def test_the_generating_target_must_exist_and_write_the_page(self):
        listing = self.root / "scripts" / "docs-check-generated.txt"
        listing.write_text("docs/benchmarks.md make benchmark\n")
        status, out = self.run_checker(self.QUOTING, "--list")
        self.assertEqual(status, 1, out)
        self.assertIn("docs-check-generated.txt:1: docs/benchmarks.md: 'make benchmark': the Makefile has no "
                      "target 'benchmark'", out)
        listing.write_text("docs/benchmarks.md make build\n")
        status, out = self.run_checker(self.QUOTING, "--list")
        self.assertEqual(status, 1, out)
        self.assertIn("'make build' does not write it", out)
        self.assertIn("docs/benchmarks.md: a page generated by `make build` must name it", out)


if __name__ == "__main__":
    unittest.main(verbosity=1)
