"""The network around the points: the resource library the facilitators share, the
technical office's news, and the training plan with the facilitators enrolled."""

from datetime import date, timedelta

from django.utils import timezone

from xarxa.accounts.models import User
from xarxa.community.models import News, Resource, TrainingCourse, TrainingEnrolment
from xarxa.demo.community_data import COURSES, LIBRARY, NEWS


def library(points, today: date) -> None:
    """The resource library in use: materials shared by the points' facilitators, and
    the technical office's news."""
    sharers = []
    for point in points:
        assignment = point.team.assignments.filter(role="omnia_facilitator").first()
        if assignment:
            sharers.append((assignment.user, point))
    if not sharers:
        return
    for n, (title, kind, axes, digcomp, summary) in enumerate(LIBRARY):
        user, point = sharers[n % len(sharers)]
        Resource.objects.create(
            title=title, kind=kind, axes=axes, digcomp=digcomp, summary=summary,
            contributed_by=user, point=point,
        )  # fmt: skip
    office = User.objects.filter(username="oficina.tecnica").first()
    for n, (title, body) in enumerate(NEWS):
        if office:
            News.objects.create(
                title=title,
                body=body,
                author=office,
                published_at=timezone.now() - timedelta(days=7 * (len(NEWS) - n)),
            )


def training(points, today: date) -> None:
    """The training plan, with the points' facilitators enrolled and some courses done."""
    courses = [
        TrainingCourse.objects.create(
            title=title,
            hours=hours,
            competences=competences,
            starts_on=today - timedelta(days=300 - 90 * n),
        )
        for n, (title, hours, competences) in enumerate(COURSES)
    ]
    for index, point in enumerate(points):
        assignment = point.team.assignments.filter(role="omnia_facilitator").first()
        if assignment is None:
            continue
        for n, course in enumerate(courses):
            if (index + n) % 3 == 2:
                continue
            done = course.starts_on + timedelta(days=30)
            TrainingEnrolment.objects.get_or_create(
                course=course,
                user=assignment.user,
                defaults={
                    "enrolled_on": course.starts_on - timedelta(days=10),
                    "completed_on": done if done < today else None,
                },
            )
