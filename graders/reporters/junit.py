"""JUnit XML, for any CI that reads test reports: one ``<testsuite>`` per kata, one ``<testcase>`` per check.

A check that could not run (the worker crashed, the file could not be
imported) is an ``<error>``; a check of a kata not started yet (its file is
missing or still the stub) is ``<skipped>``; every other check that did not
pass is a ``<failure>`` whose ``type`` is its status.

The output validates against the JUnit schema that Jenkins' xUnit plugin
ships (``junit-10.xsd``) and GitLab reads: ``<testsuites>`` carries ``name``,
``time``, ``tests``, ``failures`` and ``errors`` only; ``skipped`` is an
attribute of each ``<testsuite>``.
"""
from __future__ import annotations

import re
import xml.etree.ElementTree as ET
from typing import IO, Any

from graders.hookspecs import hookimpl
from graders.results import CheckResult, KataResult, Report

ERROR_STATUSES = ("error", "crashed")
SKIPPED_STATUSES = ("not_started", "missing")
_NOT_XML = re.compile("[^\t\n\r\x20-\ud7ff\ue000-\ufffd\U00010000-\U0010ffff]")


def _xml_text(text: str) -> str:
    """``text`` without the characters XML 1.0 cannot hold (a submission's output may contain any)."""
    return _NOT_XML.sub("\ufffd", text)


def _details(c: CheckResult) -> str:
    parts = [c.message, f"call: {c.call}" if c.call else "", f"example: {c.example}" if c.example else ""]
    return _xml_text("\n".join(p for p in parts if p))


def _counts(checks: list[CheckResult], with_skipped: bool = True) -> dict[str, str]:
    errors = sum(c.status in ERROR_STATUSES for c in checks)
    skipped = sum(c.status in SKIPPED_STATUSES for c in checks)
    failures = sum(not c.passed for c in checks) - errors - skipped
    counts = {"tests": str(len(checks)), "failures": str(failures), "errors": str(errors)}
    if with_skipped:  # the schema has no skipped count on <testsuites>
        counts["skipped"] = str(skipped)
    return counts


def _testcase(suite: ET.Element, k: KataResult, c: CheckResult, timings: bool) -> None:
    case = ET.SubElement(suite, "testcase", name=c.check, classname=f"ml_katas.{k.kata}")
    if timings:
        case.set("time", f"{c.seconds:.3f}")
    first_line = (c.message.splitlines() or [c.status.replace("_", " ")])[0]
    if c.status in SKIPPED_STATUSES:
        ET.SubElement(case, "skipped", message=_xml_text(f"{c.title}: {first_line}"), type=c.status)
    elif not c.passed:
        tag = "error" if c.status in ERROR_STATUSES else "failure"
        verdict = ET.SubElement(case, tag, message=_xml_text(f"{c.title}: {first_line}"), type=c.status)
        verdict.text = _details(c)
    if c.output:
        ET.SubElement(case, "system-out").text = _xml_text(c.output)


def junit_tree(report: Report, timings: bool = True) -> ET.Element:
    """The ``<testsuites>`` element of ``report``."""
    every_check = [c for k in report.katas for c in k.checks]
    root = ET.Element("testsuites", name="ml-katas", **_counts(every_check, with_skipped=False))
    if timings:
        root.set("time", f"{report.seconds:.3f}")
    for k in report.katas:
        suite = ET.SubElement(root, "testsuite", name=k.kata, **_counts(k.checks))
        if timings:
            suite.set("time", f"{k.seconds:.3f}")
        properties = ET.SubElement(suite, "properties")
        for name, value in (("title", k.title), ("file", k.file), ("points", f"{k.points:g}"),
                            ("max_points", str(k.max_points)), ("problem", k.problem)):
            ET.SubElement(properties, "property", name=name, value=_xml_text(value))
        for c in k.checks:
            _testcase(suite, k, c, timings)
    return root


def write_junit(report: Report, stream: IO[str], options: dict[str, Any]) -> None:
    """Write ``report`` as JUnit XML; ``options["timings"]=False`` leaves out the times."""
    root = junit_tree(report, options.get("timings", True))
    ET.indent(root)
    stream.write('<?xml version="1.0" encoding="UTF-8"?>\n')
    stream.write(ET.tostring(root, encoding="unicode"))
    stream.write("\n")


@hookimpl
def register_reporters(register):
    register("junit", write_junit)
