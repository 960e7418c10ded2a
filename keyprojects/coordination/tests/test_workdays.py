"""Deadlines on the statutory calendar. Every expected date is counted by hand in the docstring."""

from datetime import date

from keyprojects.coordination.models import CalendarDay
from keyprojects.coordination.workdays import (
    WorkCalendar,
    add_working_days,
    calendar_known,
    deadline_note,
    is_workday,
    package_knows,
    span_note,
    working_days_between,
)

# The tests below assume chinesecalendar 1.11.0, which knows 2004..2026.
UNKNOWN_YEAR_NOTE = "2027年的法定节假日安排尚未录入，期限暂按周一至周五计算。"


def test_the_package_knows_2004_to_2026_and_nothing_else():
    assert package_knows(2004) and package_knows(2024) and package_knows(2026)
    assert not package_knows(2003) and not package_knows(2027)


def test_a_national_day_2024_deadline_skips_the_holiday_and_counts_the_make_up_days(db):
    """Accepted Friday 2024-09-27, 10 working days.

    Sat 09-28 rest; Sun 09-29 make-up (1); Mon 09-30 (2); 10-01..10-07 National Day;
    Tue 10-08 (3), Wed 10-09 (4), Thu 10-10 (5), Fri 10-11 (6); Sat 10-12 make-up (7); Sun 10-13 rest;
    Mon 10-14 (8), Tue 10-15 (9), Wed 10-16 (10) → due Wednesday 2024-10-16.
    """
    assert add_working_days(date(2024, 9, 27), 10) == date(2024, 10, 16)
    assert deadline_note(date(2024, 9, 27), 10) == ""


def test_a_spring_festival_2025_deadline_skips_the_holiday_and_counts_the_make_up_days(db):
    """Accepted Thursday 2025-01-23, 10 working days.

    Fri 01-24 (1); Sat 01-25 rest; Sun 01-26 make-up (2); Mon 01-27 (3); 01-28..02-04 Spring Festival;
    Wed 02-05 (4), Thu 02-06 (5), Fri 02-07 (6); Sat 02-08 make-up (7); Sun 02-09 rest;
    Mon 02-10 (8), Tue 02-11 (9), Wed 02-12 (10) → due Wednesday 2025-02-12.
    """
    assert add_working_days(date(2025, 1, 23), 10) == date(2025, 2, 12)


def test_a_labour_day_2026_deadline_skips_the_holiday_and_counts_the_make_up_day(db):
    """Accepted Wednesday 2026-04-29, 10 working days.

    Thu 04-30 (1); 05-01..05-05 Labour Day; Wed 05-06 (2), Thu 05-07 (3), Fri 05-08 (4);
    Sat 05-09 make-up (5); Sun 05-10 rest; Mon 05-11 (6) .. Fri 05-15 (10) → due Friday 2026-05-15.
    """
    assert add_working_days(date(2026, 4, 29), 10) == date(2026, 5, 15)
    assert deadline_note(date(2026, 4, 29), 10) == ""


def test_a_problem_accepted_on_a_weekend_counts_from_the_monday(db):
    """Accepted Saturday 2024-11-16, 5 working days: Mon 11-18 (1) .. Fri 11-22 (5)."""
    assert add_working_days(date(2024, 11, 16), 5) == date(2024, 11, 22)


def test_zero_days_is_the_acceptance_day_or_the_next_working_day(db):
    assert add_working_days(date(2024, 11, 20), 0) == date(2024, 11, 20)  # a Wednesday
    assert add_working_days(date(2024, 11, 16), 0) == date(2024, 11, 18)  # Saturday → Monday
    assert add_working_days(date(2024, 10, 1), 0) == date(2024, 10, 8)  # National Day → first day back


def test_working_days_between_skips_holidays_and_counts_make_up_days(db):
    # The national day deadline above, counted back: 10 working days.
    assert working_days_between(date(2024, 9, 27), date(2024, 10, 16)) == 10
    # After Mon 09-30 up to Tue 10-08: only 10-08 is a working day.
    assert working_days_between(date(2024, 9, 30), date(2024, 10, 8)) == 1
    # After Sat 09-28 up to Sun 09-29, the make-up day: 1.
    assert working_days_between(date(2024, 9, 28), date(2024, 9, 29)) == 1
    assert working_days_between(date(2024, 10, 16), date(2024, 10, 16)) == 0
    assert working_days_between(date(2024, 10, 16), date(2024, 9, 27)) == 0


def test_a_deadline_and_a_span_cost_one_query_each(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        add_working_days(date(2024, 9, 27), 10)
    with django_assert_num_queries(1):
        working_days_between(date(2024, 1, 1), date(2024, 12, 31))


def test_one_work_calendar_serves_many_spans_with_one_query(db, django_assert_num_queries):
    with django_assert_num_queries(1):
        calendar = WorkCalendar(date(2024, 9, 1), date(2025, 2, 28))
        assert calendar.working_days_between(date(2024, 9, 27), date(2024, 10, 16)) == 10
        assert calendar.working_days_between(date(2025, 1, 27), date(2025, 2, 5)) == 1


def test_an_unknown_year_falls_back_to_monday_to_friday_and_the_note_says_so(db):
    """Accepted Monday 2027-02-01, 10 working days on Monday–Friday:
    Tue 02-02 .. Fri 02-05 (4), Mon 02-08 .. Fri 02-12 (9), Mon 02-15 (10) → 2027-02-15.
    """
    assert not calendar_known(2027)
    assert add_working_days(date(2027, 2, 1), 10) == date(2027, 2, 15)
    assert deadline_note(date(2027, 2, 1), 10) == UNKNOWN_YEAR_NOTE
    elapsed_note = span_note(date(2027, 2, 1), date(2027, 2, 15))
    assert elapsed_note == "2027年的法定节假日安排尚未录入，工作日数暂按周一至周五计算。"


def test_a_deadline_running_into_an_unknown_year_says_so_and_one_inside_a_known_year_does_not(db):
    """Accepted Thursday 2026-12-24, 10 working days: Fri 12-25 (1), Mon 12-28 .. Thu 12-31 (5),
    then 2027 on Monday–Friday, so New Year's Day counts: Fri 01-01 (6), Mon 01-04 .. Thu 01-07 (10).
    """
    assert add_working_days(date(2026, 12, 24), 10) == date(2027, 1, 7)
    assert deadline_note(date(2026, 12, 24), 10) == UNKNOWN_YEAR_NOTE
    assert deadline_note(date(2026, 12, 1), 5) == ""


def test_the_arrangement_the_city_enters_for_an_unknown_year_is_used_and_the_note_disappears(db):
    """The same deadline as above once the city has entered New Year's Day 2027 as a holiday:
    Fri 12-25 (1), Mon 12-28 .. Thu 12-31 (5), Fri 01-01 rest, Mon 01-04 .. Fri 01-08 (10).
    """
    CalendarDay.objects.create(date=date(2027, 1, 1), is_workday=False, note="元旦")
    assert calendar_known(2027)
    assert not is_workday(date(2027, 1, 1))
    assert add_working_days(date(2026, 12, 24), 10) == date(2027, 1, 8)
    assert deadline_note(date(2026, 12, 24), 10) == ""


def test_a_city_entry_in_a_known_year_wins_over_the_package(db):
    """The package has Saturday 2024-10-12 as a make-up day; the city marks it a rest day.
    The national day deadline then loses its 7th day and moves from 10-16 to Thursday 10-17.
    """
    assert is_workday(date(2024, 10, 12))
    CalendarDay.objects.create(date=date(2024, 10, 12), is_workday=False, note="更正")
    CalendarDay.objects.create(date=date(2024, 11, 16), is_workday=True, note="调休上班")
    assert not is_workday(date(2024, 10, 12))
    assert is_workday(date(2024, 11, 16))  # a Saturday
    assert add_working_days(date(2024, 9, 27), 10) == date(2024, 10, 17)
    assert working_days_between(date(2024, 9, 27), date(2024, 10, 17)) == 10


def test_a_calendar_day_reads_as_a_chinese_date_with_its_note(db):
    day = CalendarDay.objects.create(date=date(2027, 2, 20), is_workday=True, note="调休上班")
    assert str(day) == "2027年2月20日 上班（调休上班）"
