"""The snapshot: every figure a report version shows, taken once from the other apps' selectors
and frozen as plain JSON with the version. The page, the PDF and the open data are all drawn
from it, so nothing that changes on the site later changes a generated report.

Survey figures come from the results page's own selector (surveys.selectors.results), so they
are the page's figures: the same percentages, answer rates, means, breakdowns and the same
minimum group size rule. Numbers are kept as numbers (percentages whole, means as decimal
strings) and formatted only when shown.
"""

from decimal import Decimal
from typing import Any

from django.utils import timezone, translation

from agreements import selectors as agreement_selectors
from agreements.selectors import proposals as proposal_selectors
from agreements.selectors import yearly as agreement_yearly
from dialogues.selectors import conferences as conference_selectors
from dialogues.selectors.outcomes import ConferenceOutcome, conference_outcome
from reports.models import GoalAssessment, Report
from surveys.selectors import results as result_selectors
from surveys.selectors import surveys as survey_selectors
from surveys.selectors.results import BreakdownError, Results

SNAPSHOT_FORMAT = 1


def _number(value: Decimal | None) -> int | None:
    return None if value is None else int(value)


def _decimal(value: Decimal | None) -> str | None:
    return None if value is None else str(value)


def survey_ids_of(report: Report) -> list[int]:
    if report.survey_ids is not None:
        return [int(pk) for pk in report.survey_ids]
    return list(survey_selectors.surveys_closing_in(year=report.year).values_list("pk", flat=True))


def conference_ids_of(report: Report) -> list[int]:
    if report.conference_ids is not None:
        return [int(pk) for pk in report.conference_ids]
    return list(conference_selectors.conferences_in(year=report.year).values_list("pk", flat=True))


def _survey(results: Results, *, include_texts: bool) -> dict[str, Any]:
    survey = results.survey
    breakdown = results.breakdown
    questions = []
    for result in results.questions:
        if breakdown is not None and result.question.id == breakdown.question.id:
            continue  # split by itself it only repeats the groups' sizes (as on the page)
        questions.append(
            {
                "number": result.number,
                "text": result.question.text,
                "kind": result.kind,
                "answered": result.answered,
                "answer_rate": _number(result.answer_rate),
                "mean": _decimal(result.mean),
                "has_previous": result.has_previous,
                "previous_answer_rate": _number(result.previous_answer_rate),
                "previous_mean": _decimal(result.previous_mean),
                "rows": [
                    {
                        "label": row.label,
                        "count": row.count,
                        "percent": _number(row.percent),
                        "has_previous": row.has_previous,
                        "previous_percent": _number(row.previous_percent),
                        "cells": [
                            None
                            if cell is None
                            else {"count": cell.count, "percent": _number(cell.percent)}
                            for cell in row.cells
                        ],
                    }
                    for row in result.rows
                ],
                "groups": [
                    None
                    if group is None
                    else {
                        "answered": group.answered,
                        "answer_rate": _number(group.answer_rate),
                        "mean": _decimal(group.mean),
                    }
                    for group in result.groups
                ],
                "texts": [text.text for text in result.texts] if include_texts else [],
                "text_count": result.text_count if include_texts else 0,
            }
        )
    return {
        "id": survey.id,
        "title": survey.title,
        "year": survey.year,
        "opens_on": survey.opens_on.isoformat(),
        "closes_on": survey.closes_on.isoformat(),
        "response_count": results.response_count,
        "min_group_size": survey.min_group_size,
        "previous_year": results.previous_year,
        "previous_response_count": results.previous_response_count,
        "breakdown": None
        if breakdown is None
        else {
            "question": breakdown.question.text,
            "groups": [
                {"label": group.label, "size": group.size, "suppressed": group.suppressed}
                for group in breakdown.groups
            ],
        },
        "questions": questions,
    }


def _surveys(report: Report) -> list[dict[str, Any]]:
    taken = []
    for survey_id in survey_ids_of(report):
        survey = result_selectors.survey_for_results(survey_id=survey_id)
        if survey is None:
            continue  # deleted since it was chosen
        breakdown_id = (report.breakdowns or {}).get(str(survey_id))
        try:
            results = result_selectors.survey_results(
                survey=survey, public=True, breakdown_question_id=breakdown_id
            )
        except BreakdownError as problem:  # the question is gone: no breakdown
            results = problem.results
        taken.append(_survey(results, include_texts=report.include_free_texts))
    return taken


def _conference(outcome: ConferenceOutcome) -> dict[str, Any]:
    conference = outcome.conference
    return {
        "id": conference.id,
        "name": conference.name,
        "date": conference.date.isoformat(),
        "place": conference.place,
        "dialogues": [
            {
                "number": dialogue.number,
                "title": dialogue.dialogue.title,
                "questions": [question.text for question in dialogue.questions],
                "published": dialogue.shown,
                "summary": dialogue.dialogue.summary if dialogue.summary_shown else "",
                "counts": [[theme.name, count] for theme, count in dialogue.counts],
                "feedback": [
                    {"theme": theme.name, "text": theme.feedback} for theme in dialogue.feedback
                ],
            }
            for dialogue in outcome.dialogues
        ],
        "counts": [[theme.name, count] for theme, count in outcome.counts],
    }


def _conferences(report: Report) -> list[dict[str, Any]]:
    conferences = conference_selectors.conferences_by_ids(ids=conference_ids_of(report))
    return [
        _conference(conference_outcome(conference=conference, drafts=False))
        for conference in conferences
    ]


def _goals(report: Report) -> list[dict[str, Any]]:
    assessments = GoalAssessment.objects.filter(report__year__lte=report.year).select_related(
        "report"
    )
    by_goal: dict[int, list[GoalAssessment]] = {}
    for assessment in assessments.order_by("-report__year"):
        by_goal.setdefault(assessment.goal_position, []).append(assessment)
    goals = []
    for goal in agreement_selectors.goals_current():
        own = next((a for a in by_goal.get(goal.position, []) if a.report_id == report.pk), None)
        goals.append(
            {
                "position": goal.position,
                "text": goal.text,
                "status": own.status if own else "",
                "comment": own.comment if own else "",
                "earlier": [
                    {"year": a.report.year, "status": a.status, "comment": a.comment}
                    for a in by_goal.get(goal.position, [])
                    if a.report_id != report.pk
                ],
            }
        )
    return goals


def _quotes(report: Report) -> list[dict[str, Any]]:
    wanted = {int(pk) for pk in report.quote_ids or []}
    if not wanted:
        return []
    return [
        {
            "organisation": progress.commitment.organisation.name,
            "commitment": progress.commitment.title,
            "principle": progress.commitment.principle.number,
            "status": str(progress.get_status_display()),
            "text": progress.text,
        }
        for progress in agreement_yearly.progress_reports_of_year(year=report.year).filter(
            pk__in=wanted
        )
    ]


def _proposals(report: Report) -> list[dict[str, Any]]:
    """The year's public revision proposals with the working group's answers."""
    proposals = proposal_selectors.proposals_of_year(year=report.year).order_by("created_at", "id")
    return [
        {
            "part": proposal.part_label,
            "by": proposal.organisation.name
            if proposal.organisation
            else str(proposal.get_source_display()),
            "created_on": timezone.localdate(proposal.created_at).isoformat(),
            "proposed_text": proposal.proposed_text,
            "supports": proposal.support_count,
            "answer": proposal.answer,
            "answer_display": str(proposal.get_answer_display()),
            "answer_reason": proposal.answer_reason,
            "conference": proposal.answer_conference_name,
            "included_in": proposal.included_in.number if proposal.included_in else None,
        }
        for proposal in proposals
    ]


def take_snapshot(*, report: Report) -> dict[str, Any]:
    """Every figure of the report, as JSON-ready data. Labels are taken in Swedish."""
    with translation.override("sv"):
        version = agreement_selectors.version_current()
        signatories = agreement_yearly.signatory_year(year=report.year)
        return {
            "format": SNAPSHOT_FORMAT,
            "year": report.year,
            "taken_at": timezone.now().isoformat(),
            "agreement": None
            if version is None
            else {
                "number": version.number,
                "title": version.title,
                "adopted_on": version.adopted_on.isoformat() if version.adopted_on else None,
            },
            "working_group": [
                {
                    "name": member.name,
                    "organisation": member.organisation,
                    "side": str(member.get_side_display()),
                    "deputy": member.is_deputy,
                }
                for member in agreement_selectors.working_group_members()
            ],
            "texts": {
                "introduction": report.introduction,
                "summary": report.summary,
                "analysis": report.analysis,
            },
            "signatories": {
                "total": signatories.total,
                "new": signatories.new,
                "withdrawn": signatories.withdrawn,
                "by_municipality": [list(pair) for pair in signatories.by_municipality],
                "by_side": [list(pair) for pair in signatories.by_side],
                "by_form": [list(pair) for pair in signatories.by_form],
                "growth": [list(triple) for triple in signatories.growth],
                "list": signatories.signatories,
            },
            "commitments": {
                "principles": [
                    {
                        "number": p.number,
                        "title": p.title,
                        "commitments": p.commitments,
                        "reported": p.reported,
                    }
                    for p in agreement_yearly.commitments_year(year=report.year)
                ],
                "quotes": _quotes(report),
            },
            "surveys": _surveys(report),
            "conferences": _conferences(report),
            "goals": _goals(report),
            "proposals": _proposals(report),
        }


def has_data(snapshot: dict[str, Any]) -> bool:
    """Whether the year has anything to report: a signatory, a commitment, a survey response or
    a conference."""
    return bool(
        snapshot["signatories"]["total"]
        or snapshot["signatories"]["withdrawn"]
        or any(p["commitments"] for p in snapshot["commitments"]["principles"])
        or any(s["response_count"] for s in snapshot["surveys"])
        or snapshot["conferences"]
    )
