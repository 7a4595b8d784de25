"""The review report's form in the campaign file: checked against the pledge form it reads."""

from __future__ import annotations

from pathlib import Path

import pytest

from handlers.campaign import CampaignError, load_campaign

CAMPAIGN = Path(__file__).resolve().parents[2] / "campaigns" / "quang-nam-2024.yaml"


def broken(tmp_path: Path, old: str, new: str) -> list[str]:
    text = CAMPAIGN.read_text(encoding="utf-8")
    assert old in text
    path = tmp_path / "campaign.yaml"
    path.write_text(text.replace(old, new, 1), encoding="utf-8")
    with pytest.raises(CampaignError) as error:
        load_campaign(path)
    return error.value.problems


def test_the_shipped_reviews_report_on_the_pledge_and_are_done_by_their_report() -> None:
    campaign = load_campaign(CAMPAIGN)
    assert [(d.key, d.completion) for d in campaign.deadlines] == [
        ("registration", "pledge_submitted"),
        ("mid_year", "report_submitted"),
        ("year_end", "report_submitted"),
    ]
    [mid_year, year_end] = campaign.reviews()
    assert mid_year.report == year_end.report and mid_year.report is not None
    assert mid_year.report.targets == "targets" and mid_year.report.signed_copy
    assert [f.key for f in mid_year.report.fields] == ["summary", "difficulties", "proposals"]


def test_a_report_must_read_a_list_and_counts_of_the_pledge(tmp_path: Path) -> None:
    assert broken(tmp_path, "      targets: targets\n", "      targets: commitment\n") == [
        "deadlines[1].report.targets: no list field 'commitment' in form"
    ]
    titles = "      titles: [cstd_tinh, cstd_co_so, ld_tien_tien]\n"
    assert broken(tmp_path, titles, "      titles: [cstd_tinh, title]\n") == [
        "deadlines[1].report.titles[1]: no count field 'title' in form"
    ]
    assert broken(
        tmp_path,
        "          kind: text\n          min_length: 10\n          max_length: 1500",
        "          kind: list\n          min_length: 10\n          max_length: 1500",
    ) == [  # the year-end review shares the form (a YAML anchor): both say so
        "deadlines[1].report: fields[0].kind: a report asks text, count or choice",
        "deadlines[2].report: fields[0].kind: a report asks text, count or choice",
    ]


def test_report_submitted_needs_a_report_form(tmp_path: Path) -> None:
    problems = broken(
        tmp_path,
        "    done_when: report_submitted\n    report: *review_report\n",
        "    done_when: report_submitted\n",
    )
    assert problems == ["deadlines[2].done_when: report_submitted needs a report form"]
