#!/usr/bin/env python3
"""Recount ClinicalTrials.gov structured records straight from their files and compare with
`trialnorm parse`.

An independent check of the Rust readers: this script reads the legacy XML (`<clinical_study>`),
API v2 JSON and retired API v1 `FullStudiesResponse` JSON with the Python standard library only
(ElementTree, json), counts what each study says, and compares it with the normalized records the
tool prints: NCT id, overall status, phases, number of arms, interventions, primary and
secondary outcomes, sites, conditions, keywords, secondary ids, officials, references and
collaborators, the enrollment count, sex, the age bounds (value and unit), NCT aliases, and
the posted results: groups of each part, milestone and drop-out counts (and their sum),
baseline and outcome values (and the sum of the numeric ones), analyses, p-values, serious
and other adverse-event terms, the participants they affected (summed), and the groups'
serious and other totals.

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
        "nct_aliases": [a.text.strip() for a in root.findall("id_info/nct_alias") if a.text],
        "results": results_xml(root),
    }


def num(v):
    """A registry number as a float ("39.9"), or None for text that is not one ("NA")."""
    try:
        x = float(str(v).strip())
    except (TypeError, ValueError):
        return None
    return x if x == x and abs(x) != float("inf") else None


def total(values):
    return round(sum(x for x in (num(v) for v in values) if x is not None), 6)


def results_xml(root):
    r = root.find("clinical_results")
    if r is None:
        return None
    flow = r.find("participant_flow")
    milestones = r.findall("participant_flow/period_list/period/milestone_list/milestone/participants_list/participants")
    drops = r.findall(
        "participant_flow/period_list/period/drop_withdraw_reason_list/drop_withdraw_reason/participants_list/participants"
    )
    base = r.findall("baseline/measure_list/measure/class_list/class/category_list/category/measurement_list/measurement")
    outs = r.findall("outcome_list/outcome/measure/class_list/class/category_list/category/measurement_list/measurement")
    analyses = r.findall("outcome_list/outcome/analysis_list/analysis")
    events = {}
    totals = {"serious": 0, "other": 0}
    affected = 0
    for kind in ("serious", "other"):
        n = 0
        for cat in r.findall(f"reported_events/{kind}_events/category_list/category"):
            for ev in cat.findall("event_list/event"):
                term = (ev.findtext("sub_title") or "").strip()
                counts = ev.findall("counts")
                if (cat.findtext("title") or "").strip() == "Total" and term.lower().startswith("total"):
                    if kind in term.lower():
                        totals[kind] += sum(int(c.get("subjects_affected") or 0) for c in counts)
                    continue
                n += 1
                affected += sum(int(c.get("subjects_affected") or 0) for c in counts)
        events[kind] = n
    groups = sum(
        len(r.findall(p))
        for p in (
            "participant_flow/group_list/group",
            "baseline/group_list/group",
            "outcome_list/outcome/group_list/group",
            "reported_events/group_list/group",
        )
    )
    return {
        "groups": groups,
        "milestones": len(milestones),
        "milestone_sum": total(m.get("count") for m in milestones),
        "drop_withdraws": len(drops),
        "baseline_values": len(base),
        "baseline_sum": total(m.get("value") for m in base),
        "outcome_measures": len(r.findall("outcome_list/outcome")),
        "outcome_values": len(outs),
        "outcome_sum": total(m.get("value") for m in outs),
        "analyses": len(analyses),
        "p_values": len([a for a in analyses if (a.findtext("p_value") or "").strip()]),
        "serious_terms": events["serious"],
        "other_terms": events["other"],
        "affected_sum": affected,
        "serious_total": totals["serious"],
        "other_total": totals["other"],
        "flow": flow is not None,
    }


def results_v2(r):
    if not r:
        return None
    flow = r.get("participantFlowModule")
    periods = (flow or {}).get("periods") or []
    milestones = [a for p in periods for m in p.get("milestones") or [] for a in m.get("achievements") or []]
    drops = [a for p in periods for d in p.get("dropWithdraws") or [] for a in d.get("reasons") or []]
    base_mod = r.get("baselineCharacteristicsModule") or {}
    outs_mod = (r.get("outcomeMeasuresModule") or {}).get("outcomeMeasures") or []

    def values(measures):
        return [
            m
            for x in measures
            for c in x.get("classes") or []
            for g in c.get("categories") or []
            for m in g.get("measurements") or []
        ]

    base = values(base_mod.get("measures") or [])
    outs = values(outs_mod)
    analyses = [a for o in outs_mod for a in o.get("analyses") or []]
    ae = r.get("adverseEventsModule") or {}
    groups = (
        len((flow or {}).get("groups") or [])
        + len(base_mod.get("groups") or [])
        + sum(len(o.get("groups") or []) for o in outs_mod)
        + len(ae.get("eventGroups") or [])
    )
    stats = [s for k in ("seriousEvents", "otherEvents") for e in ae.get(k) or [] for s in e.get("stats") or []]
    return {
        "groups": groups,
        "milestones": len(milestones),
        "milestone_sum": total(a.get("numSubjects") for a in milestones),
        "drop_withdraws": len(drops),
        "baseline_values": len(base),
        "baseline_sum": total(m.get("value") for m in base),
        "outcome_measures": len(outs_mod),
        "outcome_values": len(outs),
        "outcome_sum": total(m.get("value") for m in outs),
        "analyses": len(analyses),
        "p_values": len([a for a in analyses if str(a.get("pValue") or "").strip()]),
        "serious_terms": len(ae.get("seriousEvents") or []),
        "other_terms": len(ae.get("otherEvents") or []),
        "affected_sum": sum(int(num(s.get("numAffected")) or 0) for s in stats),
        "serious_total": sum(int(num(g.get("seriousNumAffected")) or 0) for g in ae.get("eventGroups") or []),
        "other_total": sum(int(num(g.get("otherNumAffected")) or 0) for g in ae.get("eventGroups") or []),
        "flow": flow is not None,
    }


def v1_to_v2(r):
    """API v1's results in the API v2 spelling, prefixes and list wrappers undone: enough
    for the counts above (the same names the registry's v2 uses)."""
    if not r:
        return None

    def items(obj, key, item):
        return ((obj or {}).get(key) or {}).get(item) or []

    flow = r.get("ParticipantFlowModule")
    out = {}
    if flow is not None:
        out["participantFlowModule"] = {
            "groups": items(flow, "FlowGroupList", "FlowGroup"),
            "periods": [
                {
                    "milestones": [
                        {"achievements": [
                            {"numSubjects": a.get("FlowAchievementNumSubjects")}
                            for a in items(m, "FlowAchievementList", "FlowAchievement")
                        ]}
                        for m in items(p, "FlowMilestoneList", "FlowMilestone")
                    ],
                    "dropWithdraws": [
                        {"reasons": [
                            {"numSubjects": a.get("FlowReasonNumSubjects")}
                            for a in items(d, "FlowReasonList", "FlowReason")
                        ]}
                        for d in items(p, "FlowDropWithdrawList", "FlowDropWithdraw")
                    ],
                }
                for p in items(flow, "FlowPeriodList", "FlowPeriod")
            ],
        }

    def classes(m, prefix):
        return [
            {"categories": [
                {"measurements": [
                    {"value": x.get(f"{prefix}MeasurementValue")}
                    for x in items(g, f"{prefix}MeasurementList", f"{prefix}Measurement")
                ]}
                for g in items(c, f"{prefix}CategoryList", f"{prefix}Category")
            ]}
            for c in items(m, f"{prefix}ClassList", f"{prefix}Class")
        ]

    base = r.get("BaselineCharacteristicsModule") or {}
    out["baselineCharacteristicsModule"] = {
        "groups": items(base, "BaselineGroupList", "BaselineGroup"),
        "measures": [
            {"classes": classes(m, "Baseline")}
            for m in items(base, "BaselineMeasureList", "BaselineMeasure")
        ],
    }
    out["outcomeMeasuresModule"] = {
        "outcomeMeasures": [
            {
                "groups": items(o, "OutcomeGroupList", "OutcomeGroup"),
                "classes": classes(o, "Outcome"),
                "analyses": [
                    {"pValue": a.get("OutcomeAnalysisPValue")}
                    for a in items(o, "OutcomeAnalysisList", "OutcomeAnalysis")
                ],
            }
            for o in items(r.get("OutcomeMeasuresModule"), "OutcomeMeasureList", "OutcomeMeasure")
        ]
    }
    ae = r.get("AdverseEventsModule") or {}

    def events(kind):
        return [
            {"stats": [
                {"numAffected": s.get(f"{kind}EventStatsNumAffected")}
                for s in items(e, f"{kind}EventStatsList", f"{kind}EventStats")
            ]}
            for e in items(ae, f"{kind}EventList", f"{kind}Event")
        ]

    out["adverseEventsModule"] = {
        "eventGroups": [
            {
                "seriousNumAffected": g.get("EventGroupSeriousNumAffected"),
                "otherNumAffected": g.get("EventGroupOtherNumAffected"),
            }
            for g in items(ae, "EventGroupList", "EventGroup")
        ],
        "seriousEvents": events("Serious"),
        "otherEvents": events("Other"),
    }
    return out


def results_of(record):
    """The same counts from one normalized record's `results`."""
    r = record.get("results")
    if r is None:
        return None
    flow = r.get("participant_flow")
    periods = (flow or {}).get("periods") or []
    milestones = [c for p in periods for m in p["milestones"] for c in m["counts"]]
    drops = [c for p in periods for d in p["drop_withdraws"] for c in d["counts"]]
    base = r.get("baseline") or {}
    outs = r["outcome_measures"]

    def values(measures):
        return [m for x in measures for c in x["classes"] for g in c["categories"] for m in g["measurements"]]

    bv, ov = values(base.get("measures") or []), values(outs)
    analyses = [a for o in outs for a in o["analyses"]]
    ae = r.get("adverse_events") or {}
    groups = (
        len((flow or {}).get("groups") or [])
        + len(base.get("groups") or [])
        + sum(len(o["groups"]) for o in outs)
        + len(ae.get("groups") or [])
    )
    stats = [s for k in ("serious", "other") for e in ae.get(k) or [] for s in e["stats"]]
    totals = lambda k: sum(((g.get(k) or {}).get("affected") or 0) for g in ae.get("groups") or [])
    return {
        "groups": groups,
        "milestones": len(milestones),
        "milestone_sum": round(sum(c["value"] or 0 for c in milestones), 6),
        "drop_withdraws": len(drops),
        "baseline_values": len(bv),
        "baseline_sum": round(sum(m["value"] or 0 for m in bv), 6),
        "outcome_measures": len(outs),
        "outcome_values": len(ov),
        "outcome_sum": round(sum(m["value"] or 0 for m in ov), 6),
        "analyses": len(analyses),
        "p_values": len([a for a in analyses if a["p_value_raw"]]),
        "serious_terms": len(ae.get("serious") or []),
        "other_terms": len(ae.get("other") or []),
        "affected_sum": sum(s["affected"] or 0 for s in stats),
        "serious_total": totals("serious"),
        "other_total": totals("other"),
        "flow": flow is not None,
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
        "nct_aliases": ident.get("nctIdAliases") or [],
        "results": results_v2(study.get("resultsSection")),
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
        "nct_aliases": listed(ident, "NCTIdAliasList", "NCTIdAlias"),
        "results": results_v2(v1_to_v2((study.get("Study") or {}).get("ResultsSection"))),
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
        "nct_aliases": record["ids"]["nct_aliases"],
        "results": results_of(record),
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

    files = records = fields = with_results = 0
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
            with_results += w["results"] is not None
            pairs = [(k, v, have[k]) for k, v in w.items() if k != "results"]
            if w["results"] is None or have["results"] is None:
                pairs.append(("results", w["results"], have["results"]))
            else:
                pairs += [(f"results.{k}", v, have["results"][k]) for k, v in w["results"].items()]
            for key, value, got_value in pairs:
                fields += 1
                if got_value != value:
                    problems.append(
                        f"{path} {w['nct_id']}: {key}: file says {value!r}, "
                        f"trialnorm gives {got_value!r}"
                    )
    for p in problems:
        print(p)
    print(
        f"{files} files, {records} records ({with_results} with results), {fields} values "
        f"compared, {len(problems)} differences"
    )
    sys.exit(1 if problems else 0)


if __name__ == "__main__":
    main()
