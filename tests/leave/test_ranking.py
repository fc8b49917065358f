"""The director's ranking: five rules in order, each on its own, with a reason per row."""

import datetime as dt
from decimal import Decimal

from django.utils import translation
from hypothesis import given
from hypothesis import strategies as st

from leave import ranking
from leave.ranking import RankInput, rank

T0 = dt.datetime(2026, 1, 5, 9, 0, tzinfo=dt.UTC)


def item(key, *, priority=False, attestation=False, days="0", free=False, outside=False, minutes=0):
    return RankInput(key=key, serves_priority=priority, attestation_due=attestation,
                     days_this_year=Decimal(days), is_free=free, outside_working_hours=outside,
                     submitted_at=T0 + dt.timedelta(minutes=minutes))


def keys(rows):
    return [row.item.key for row in rows]


def test_serving_a_school_priority_ranks_first():
    assert keys(rank([item("a"), item("b", priority=True)])) == ["b", "a"]


def test_attestation_due_this_year_ranks_first_when_priorities_are_equal():
    assert keys(rank([item("a"), item("b", attestation=True)])) == ["b", "a"]


def test_fewer_days_attended_ranks_first():
    assert keys(rank([item("a", days="3.5"), item("b", days="1")])) == ["b", "a"]


def test_a_free_event_ranks_first():
    assert keys(rank([item("a"), item("b", free=True)])) == ["b", "a"]


def test_outside_working_hours_ranks_first():
    assert keys(rank([item("a"), item("b", outside=True)])) == ["b", "a"]


def test_earlier_submission_breaks_a_tie():
    assert keys(rank([item("a", minutes=5), item("b", minutes=1)])) == ["b", "a"]


def test_rules_apply_in_order():
    rows = rank([
        item("outside", outside=True, free=True, days="0"),
        item("free", free=True, days="4"),
        item("few_days", days="0.5"),
        item("attestation", attestation=True, days="9"),
        item("priority", priority=True, days="9"),
        item("priority_and_attestation", priority=True, attestation=True, days="10"),
    ])
    assert keys(rows) == ["priority_and_attestation", "priority", "attestation", "outside", "few_days", "free"]
    assert [row.rank for row in rows] == [1, 2, 3, 4, 5, 6]


def test_each_row_says_why_it_ranks_where_it_does():
    with translation.override("en"):
        rows = rank([item("a", days="2"), item("b", priority=True)])
    assert "serves a school priority for the year" in rows[0].reasons
    assert "ahead of the next: it serves a school priority" == rows[0].deciding_rule
    assert "2.0 days attended this year" in rows[1].reasons or "2,0 days attended this year" in rows[1].reasons
    assert rows[1].deciding_rule == ""


def test_reasons_are_translated():
    with translation.override("lt"):
        rows = rank([item("a", free=True)])
    assert rows[0].reasons[3] != "free event"


def test_only_the_rows_read_are_worded_so_a_page_of_the_queue_costs_a_page(monkeypatch):
    worded = []
    real_reasons, real_deciding = ranking._reasons, ranking._deciding
    monkeypatch.setattr(ranking, "_reasons", lambda it: worded.append(it.key) or real_reasons(it))
    monkeypatch.setattr(ranking, "_deciding", lambda a, b: worded.append(a.key) or real_deciding(a, b))
    with translation.override("en"):
        rows = rank([item(k, minutes=k) for k in range(100)])
    assert worded == [] and [row.rank for row in rows] == list(range(1, 101))
    page = rows[50:60]
    assert all(row.reasons and row.deciding_rule for row in page)
    assert sorted(worded) == sorted([k for k in range(50, 60)] * 2)
    assert page[0].deciding_rule == "ahead of the next: submitted earlier"  # in the ranking's language


inputs = st.builds(
    RankInput,
    key=st.uuids(),
    serves_priority=st.booleans(),
    attestation_due=st.booleans(),
    days_this_year=st.decimals(min_value=0, max_value=40, places=1),
    is_free=st.booleans(),
    outside_working_hours=st.booleans(),
    submitted_at=st.datetimes(min_value=dt.datetime(2026, 1, 1), max_value=dt.datetime(2026, 12, 31),
                              timezones=st.just(dt.UTC)),
)


@given(st.lists(inputs, max_size=25))
def test_ranking_is_a_permutation_with_ranks_one_to_n(items):
    rows = rank(items)
    assert sorted(map(id, (row.item for row in rows))) == sorted(map(id, items))
    assert [row.rank for row in rows] == list(range(1, len(items) + 1))


@given(st.lists(inputs, min_size=2, max_size=25))
def test_a_request_serving_a_priority_always_precedes_one_that_does_not(items):
    flags = [row.item.serves_priority for row in rank(items)]
    assert flags == sorted(flags, reverse=True)


@given(st.lists(inputs, min_size=2, max_size=25))
def test_among_equal_priority_and_attestation_fewer_days_comes_first(items):
    rows = rank(items)
    for upper, lower in zip(rows, rows[1:], strict=False):
        a, b = upper.item, lower.item
        if (a.serves_priority, a.attestation_due) == (b.serves_priority, b.attestation_due):
            assert a.days_this_year <= b.days_this_year


@given(st.lists(inputs, max_size=15))
def test_ranking_does_not_depend_on_the_input_order(items):
    assert [r.item for r in rank(items)] == [r.item for r in rank(list(reversed(items)))] or len(
        {(i.serves_priority, i.attestation_due, i.days_this_year, i.is_free, i.outside_working_hours, i.submitted_at)
         for i in items}) < len(items)
