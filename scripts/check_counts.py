#!/usr/bin/env python3
"""Recount ClinicalTrials.gov structured records straight from their files and compare with
`trialnorm parse`.

An independent check of the Rust readers: this script reads the legacy XML (`<clinical_study>`),
API v2 JSON and retired API v1 `FullStudiesResponse` JSON with the Python standard library only
(ElementTree, json), counts what each study says, and compares it with the normalized records the
tool prints: NCT id, overall status, phases, number of arms, interventions, primary and
secondary outcomes, sites, conditions, keywords, secondary ids, officials, references and
collaborators, the enrollment count, sex, and the age bounds (value and unit).

Usage:
    scripts/check_counts.py [--bin PATH] [FILE_OR_DIR ...]

With no paths it checks every file under `fixtures/`. Files that are not one of the three
formats (pages, RSS feeds, README files) are skipped. The binary defaults to
`target/release/trialnorm`, then `target/debug/trialnorm` (run `cargo build` first), then
`trialnorm` on PATH. Exits 1 when any count differs or a record fails to parse.
"""

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
import xml.etree.ElementTree as ET

PHASE_ORDER = ["EARLY_PHASE1", "PHASE1", "PHASE2", "PHASE3", "PHASE4", "NA"]


def enum_word(value):
    """Registry wording ("Active, not recruiting") in the API v2 vocabulary."""
    if value is None:
        return None
    v = re.sub(r"[^A-Za-z0-9]+", "_", value.strip()).strip("_").upper()
    return {"UNKNOWN_STATUS": "UNKNOWN"}.get(v, v)


def phases_of(values):
    """Phase strings ("Phase 1/Phase 2", "Early Phase 1", "N/A", "NA") as sorted members."""
    out = set()
    for value in values:
        value = str(value).strip()
        parts = ["NA"] if value.upper() in ("N/A", "NOT APPLICABLE") else value.split("/")
        for part in parts:
            p = re.sub(r"[^A-Z0-9]", "", part.upper())
            p = {"EARLYPHASE1": "EARLY_PHASE1", "NOTAPPLICABLE": "NA"}.get(p, p)
            if p:
                out.add(p)
    return sorted(out, key=lambda p: PHASE_ORDER.index(p) if p in PHASE_ORDER else 99)


def squash(s):
    return " ".join((s or "").split()).casefold()


def type_key(t):
    return re.sub(r"[^a-z]", "", (t or "").lower())


def intervention_count(listed, arm_refs):
    """Distinct (type, name) interventions: the listed ones, plus an arm's typed reference
    ("Drug: X") to one the record does not list, as the registry's arm lists name them."""
    keys = {(type_key(t), squash(n)) for t, n in listed}
    names = {squash(n) for _, n in listed}
    for ref in arm_refs:
        if ":" in ref:
            t, n = ref.split(":", 1)
            if squash(n) not in names and squash(ref) not in names:
                keys.add((type_key(t), squash(n)))
                names.add(squash(n))
    return len(keys)


def age(value):
    """ "6 Months" as (6.0, "MONTHS"); "N/A", empty or absent as None."""
    m = re.fullmatch(r"\s*(\d+(?:\.\d+)?)\s*([A-Za-z]+?)s?\s*", value or "")
    return (float(m.group(1)), m.group(2).upper() + "S") if m else None


def sex(value):
    v = (value or "").strip().upper()
    return {"BOTH": "ALL"}.get(v, v) or None


def text(el, path):
    found = el.find(path)
    return found.text.strip() if found is not None and found.text else None


def count_xml(root):
    arms = root.findall("arm_group")
    ivs = [
        (text(i, "intervention_type"), text(i, "intervention_name"))
        for i in root.findall("intervention")
    ]
    enrollment = text(root, "enrollment")
    phase = text(root, "phase")
    return {
        "nct_id": text(root, "id_info/nct_id"),
        "status": enum_word(text(root, "overall_status")),
        "phases": phases_of([phase] if phase else []),
        "arms": len(arms),
        "interventions": intervention_count(ivs, []),
        "primary_outcomes": len(root.findall("primary_outcome")),
        "secondary_outcomes": len(root.findall("secondary_outcome")),
        "sites": len(root.findall("location")),
        "conditions": len(root.findall("condition")),
        "enrollment": int(enrollment) if enrollment else None,
        "keywords": len(root.findall("keyword")),
        "secondary_ids": len(root.findall("id_info/secondary_id")),
        "officials": len(root.findall("overall_official")),
        "references": len(root.findall("reference")) + len(root.findall("results_reference")),
        "collaborators": len(root.findall("sponsors/collaborator")),
        "sex": sex(text(root, "eligibility/gender")),
        "minimum_age": age(text(root, "eligibility/minimum_age")),
        "maximum_age": age(text(root, "eligibility/maximum_age")),
    }


def count_v2(study):
    p = study.get("protocolSection") or {}
    ident = p.get("identificationModule") or {}
    status = p.get("statusModule") or {}
    design = p.get("designModule") or {}
    ai = p.get("armsInterventionsModule") or {}
    out = p.get("outcomesModule") or {}
    arms = ai.get("armGroups") or []
    refs = [r for a in arms for r in a.get("interventionNames") or []]
    ivs = [(i.get("type"), i.get("name")) for i in ai.get("interventions") or []]
    enrollment = (design.get("enrollmentInfo") or {}).get("count")
    return {
        "nct_id": ident.get("nctId"),
        "status": status.get("overallStatus"),
        "phases": phases_of(design.get("phases") or []),
        "arms": len(arms),
        "interventions": intervention_count(ivs, refs),
        "primary_outcomes": len(out.get("primaryOutcomes") or []),
        "secondary_outcomes": len(out.get("secondaryOutcomes") or []),
        "sites": len((p.get("contactsLocationsModule") or {}).get("locations") or []),
        "conditions": len((p.get("conditionsModule") or {}).get("conditions") or []),
        "enrollment": int(enrollment) if enrollment is not None else None,
        "keywords": len((p.get("conditionsModule") or {}).get("keywords") or []),
        "secondary_ids": len(ident.get("secondaryIdInfos") or []),
        "officials": len((p.get("contactsLocationsModule") or {}).get("overallOfficials") or []),
        "references": len((p.get("referencesModule") or {}).get("references") or []),
        "collaborators": len(
            (p.get("sponsorCollaboratorsModule") or {}).get("collaborators") or []
        ),
        "sex": sex((p.get("eligibilityModule") or {}).get("sex")),
        "minimum_age": age((p.get("eligibilityModule") or {}).get("minimumAge")),
        "maximum_age": age((p.get("eligibilityModule") or {}).get("maximumAge")),
    }


def listed(module, list_key, item_key):
    return ((module or {}).get(list_key) or {}).get(item_key) or []


def count_v1(study):
    p = (study.get("Study") or {}).get("ProtocolSection") or {}
    ident = p.get("IdentificationModule") or {}
    status = p.get("StatusModule") or {}
    design = p.get("DesignModule") or {}
    ai = p.get("ArmsInterventionsModule") or {}
    out = p.get("OutcomesModule") or {}
    arms = listed(ai, "ArmGroupList", "ArmGroup")
    refs = [
        r
        for a in arms
        for r in listed(a, "ArmGroupInterventionList", "ArmGroupInterventionName")
    ]
    ivs = [
        (i.get("InterventionType"), i.get("InterventionName"))
        for i in listed(ai, "InterventionList", "Intervention")
    ]
    enrollment = (design.get("EnrollmentInfo") or {}).get("EnrollmentCount")
    return {
        "nct_id": ident.get("NCTId"),
        "status": enum_word(status.get("OverallStatus")),
        "phases": phases_of(listed(design, "PhaseList", "Phase")),
        "arms": len(arms),
        "interventions": intervention_count(ivs, refs),
        "primary_outcomes": len(listed(out, "PrimaryOutcomeList", "PrimaryOutcome")),
        "secondary_outcomes": len(listed(out, "SecondaryOutcomeList", "SecondaryOutcome")),
        "sites": len(listed(p.get("ContactsLocationsModule"), "LocationList", "Location")),
        "conditions": len(listed(p.get("ConditionsModule"), "ConditionList", "Condition")),
        "enrollment": int(enrollment) if enrollment not in (None, "") else None,
        "keywords": len(listed(p.get("ConditionsModule"), "KeywordList", "Keyword")),
        "secondary_ids": len(listed(ident, "SecondaryIdInfoList", "SecondaryIdInfo")),
        "officials": len(
            listed(p.get("ContactsLocationsModule"), "OverallOfficialList", "OverallOfficial")
        ),
        "references": len(listed(p.get("ReferencesModule"), "ReferenceList", "Reference")),
        "collaborators": len(
            listed(p.get("SponsorCollaboratorsModule"), "CollaboratorList", "Collaborator")
        ),
        "sex": sex((p.get("EligibilityModule") or {}).get("Gender")),
        "minimum_age": age((p.get("EligibilityModule") or {}).get("MinimumAge")),
        "maximum_age": age((p.get("EligibilityModule") or {}).get("MaximumAge")),
    }


def expected(path):
    """The counts of every study in the file, in order, or None if it is no study file."""
    with open(path, "rb") as f:
        data = f.read()
    head = data.lstrip()[:1]
    if head == b"<":
        try:
            root = ET.fromstring(data)
        except ET.ParseError:
            return None
        return [count_xml(root)] if root.tag == "clinical_study" else None
    if head in (b"{", b"["):
        try:
            doc = json.loads(data.decode("utf-8-sig"))
        except ValueError:
            return None
        if isinstance(doc, dict) and "FullStudiesResponse" in doc:
            return [count_v1(s) for s in doc["FullStudiesResponse"].get("FullStudies") or []]
        if isinstance(doc, dict) and "protocolSection" in doc:
            return [count_v2(doc)]
        if isinstance(doc, dict) and isinstance(doc.get("studies"), list):
            return [count_v2(s) for s in doc["studies"]]
        if isinstance(doc, list) and doc and all(
            isinstance(s, dict) and "protocolSection" in s for s in doc
        ):
            return [count_v2(s) for s in doc]
    return None


def actual(record):
    """The same counts from one normalized record."""
    outcomes = record.get("outcomes") or []
    return {
        "nct_id": record["ids"]["nct_id"],
        "status": record["status"]["overall"],
        "phases": record["design"]["phases"],
        "arms": len(record["arms"]),
        "interventions": len(record["interventions"]),
        "primary_outcomes": sum(o["kind"] == "PRIMARY" for o in outcomes),
        "secondary_outcomes": sum(o["kind"] == "SECONDARY" for o in outcomes),
        "sites": len(record["sites"]),
        "conditions": len(record["conditions"]),
        "enrollment": record["enrollment"]["count"],
        "keywords": len(record["keywords"]),
        "secondary_ids": len(record["ids"]["secondary_ids"]),
        "officials": len(record["contacts"]["officials"]),
        "references": len(record["references"]),
        "collaborators": len(record["sponsors"]["collaborators"]),
        "sex": record["eligibility"]["sex"],
        "minimum_age": bound(record["eligibility"]["minimum_age"]),
        "maximum_age": bound(record["eligibility"]["maximum_age"]),
    }


def bound(a):
    return (float(a["value"]), a["unit"]) if a else None


def find_binary(given):
    if given:
        return given
    for candidate in ("target/release/trialnorm", "target/debug/trialnorm"):
        if os.access(candidate, os.X_OK):
            return candidate
    return shutil.which("trialnorm") or sys.exit(
        "no trialnorm binary: run `cargo build` or pass --bin"
    )


def files_under(paths):
    for p in paths:
        if os.path.isdir(p):
            for d, _, names in sorted(os.walk(p)):
                for n in sorted(names):
                    yield os.path.join(d, n)
        else:
            yield p


def main():
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--bin", help="the trialnorm binary to run")
    ap.add_argument("paths", nargs="*", default=["fixtures"])
    args = ap.parse_args()
    binary = find_binary(args.bin)

    files = records = fields = 0
    problems = []
    for path in files_under(args.paths):
        want = expected(path)
        if want is None:
            continue
        files += 1
        run = subprocess.run([binary, "parse", path], capture_output=True, text=True)
        got = [json.loads(line) for line in run.stdout.splitlines() if line.strip()]
        if run.returncode != 0 or len(got) != len(want):
            problems.append(
                f"{path}: {len(want)} studies in the file, {len(got)} records "
                f"(exit {run.returncode}) {run.stderr.strip()}"
            )
        for w, g in zip(want, got):
            records += 1
            have = actual(g)
            for key, value in w.items():
                fields += 1
                if have[key] != value:
                    problems.append(
                        f"{path} {w['nct_id']}: {key}: file says {value!r}, "
                        f"trialnorm gives {have[key]!r}"
                    )
    for p in problems:
        print(p)
    print(
        f"{files} files, {records} records, {fields} values compared, "
        f"{len(problems)} differences"
    )
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
