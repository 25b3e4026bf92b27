"""JUnit XML, as CI test-report views read it: one <testsuite> per checked file, one <testcase>
per finding (a <failure> when it is at or above --fail-on, else <skipped>), and one passing
<testcase> for a file with no findings."""
from __future__ import annotations

import xml.etree.ElementTree as ET

from ..findings import Severity
from . import Report


def render(report: Report, fail_on: str = "warning") -> str:
    threshold = Severity(fail_on).rank if fail_on != "never" else 99
    root = ET.Element("testsuites", name="blameless")
    total = failures = skipped = 0
    for file in report.files:
        suite = ET.SubElement(root, "testsuite", name=file.path)
        suite_failures = suite_skipped = 0
        for f in file.findings:
            case = ET.SubElement(suite, "testcase", name=f"{f.rule} at {f.line}:{f.column}",
                                 classname=file.path, file=file.path, line=str(f.line))
            text = f"{file.path}:{f.line}:{f.column}: {f.severity.value} {f.rule} {f.message}"
            if f.suggestion:
                text += f"\nSuggestion: {f.suggestion}"
            if f.severity.rank >= threshold:
                ET.SubElement(case, "failure", message=f"{f.rule} {f.message}", type=f.severity.value).text = text
                suite_failures += 1
            else:
                ET.SubElement(case, "skipped", message=f"{f.severity.value} {f.rule} {f.message}")
                suite_skipped += 1
        if not file.findings:
            ET.SubElement(suite, "testcase", name="no findings", classname=file.path, file=file.path)
        tests = max(len(file.findings), 1)
        suite.set("tests", str(tests))
        suite.set("failures", str(suite_failures))
        suite.set("errors", "0")
        suite.set("skipped", str(suite_skipped))
        total, failures, skipped = total + tests, failures + suite_failures, skipped + suite_skipped
    root.set("tests", str(total))
    root.set("failures", str(failures))
    root.set("errors", "0")
    root.set("skipped", str(skipped))
    ET.indent(root)
    return '<?xml version="1.0" encoding="UTF-8"?>\n' + ET.tostring(root, encoding="unicode")
