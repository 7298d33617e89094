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

    def test_bad_annotation_names_its_line(self):
        status, out = self.run_checker(self.LLC_PAGE.format(options="tolerance=loose"), "--list")
        self.assertEqual(status, 1, out)
        self.assertIn("page.md:3: docs-check annotation", out)


if __name__ == "__main__":
    unittest.main(verbosity=1)
