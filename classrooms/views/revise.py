"""Revise now: a short session of the ideas a student is most likely to forget, one question at a
time, with feedback after each; and flashcards (show, think, reveal, rate yourself)."""

from django.http import HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.views.decorators.http import require_POST
from fsrs import Rating

from classrooms.assignments import questions_hidden_from_practice
from classrooms.coverage import topics_covered_for_student
from quizzes import revision, taking
from quizzes.models import RevisionItem, RevisionSession, SessionMode
from ussr_revision.roles import Role, role_required

RATINGS = [(Rating.Again, "Again"), (Rating.Hard, "Hard"), (Rating.Good, "Good"),
           (Rating.Easy, "Easy")]  # fmt: skip


def get_session_for_student(user, pk):
    return get_object_or_404(RevisionSession, pk=pk, student=user)


def get_item_for_student(user, pk, position):
    return get_object_or_404(
        RevisionItem.objects.select_related("session", "question__topic"),
        session__pk=pk,
        session__student=user,
        position=position,
    )


def home_context(student, now):
    return revision.memory_summary(student, now) | {
        "goal": revision.weekly_goal(student, now),
        "unfinished": RevisionSession.objects.filter(
            student=student, finished_at__isnull=True, started_at__date=now.date()
        ).first(),
    }


@role_required(Role.STUDENT)
def revise_home(request):
    context = home_context(request.user, timezone.now())
    return render(request, "classrooms/revise/home.html", context)


@role_required(Role.STUDENT)
@require_POST
def revise_start(request):
    mode = request.POST.get("mode", SessionMode.QUESTIONS)
    if mode not in SessionMode.values:
        return HttpResponseBadRequest("Choose questions or flashcards.")
    ahead = request.POST.get("ahead", "") == "1"  # "Keep going" once done for today
    now = timezone.now()
    session = revision.start_session(
        request.user,
        topic_ids=topics_covered_for_student(request.user, now),
        hidden=questions_hidden_from_practice(request.user, now),
        now=now,
        mode=mode,
        ahead=ahead,
    )
    if session is None:
        done = {"done_for_today": True, "nothing_left": ahead, "mode": mode}
        return render(
            request, "classrooms/revise/home.html", home_context(request.user, now) | done
        )
    return redirect(session)


@role_required(Role.STUDENT)
def revise_session(request, pk):
    """The next question or card of the session, or the end screen once all are done."""
    session = get_session_for_student(request.user, pk)
    items = list(session.items.select_related("question__topic"))
    item = next((i for i in items if not i.is_answered), None)
    if item is None:
        return render(request, "classrooms/revise/end.html", end_context(session, items))
    context = {"session": session, "item": item, "total": len(items)}
    if session.mode == SessionMode.FLASHCARDS:
        return render(request, "classrooms/revise/card.html", context)
    context["form_item"] = taking.answer_form_item(item.question, item, None)
    return render(request, "classrooms/revise/question.html", context)


@role_required(Role.STUDENT)
@require_POST
def revise_answer(request, pk, position):
    item = get_item_for_student(request.user, pk, position)
    if item.session.mode != SessionMode.QUESTIONS:
        return HttpResponseBadRequest("This is a flashcard: rate yourself instead.")
    try:
        answer = taking.answer_from_form(item.question, request.POST, item)
    except taking.AnswerError as error:
        return HttpResponseBadRequest(str(error))
    revision.answer_item(item, answer, now=timezone.now())
    return redirect("classrooms:revise_item", pk=pk, position=position)


@role_required(Role.STUDENT)
def revise_item(request, pk, position):
    """Feedback on an answered question. Nothing is shown before it is answered."""
    item = get_item_for_student(request.user, pk, position)
    if not item.is_answered or item.session.mode != SessionMode.QUESTIONS:
        return redirect("classrooms:revise_session", pk=pk)
    context = {
        "session": item.session,
        "item": item,
        "total": item.session.items.count(),
        "mark": revision.mark(item.question, item.answer),
        "given": revision.describe(item.answer),
        "facts": item.question.source_facts.select_related("topic"),
    }
    return render(request, "classrooms/revise/feedback.html", context)


@role_required(Role.STUDENT)
def revise_reveal(request, pk, position):
    """A flashcard's back, asked for once the student has thought of the answer."""
    item = get_item_for_student(request.user, pk, position)
    if item.session.mode != SessionMode.FLASHCARDS or item.is_answered:
        return redirect("classrooms:revise_session", pk=pk)
    context = {
        "session": item.session,
        "item": item,
        "total": item.session.items.count(),
        "expected": revision.mark(item.question, None).expected,
        "ratings": RATINGS,
        "facts": item.question.source_facts.select_related("topic"),
    }
    return render(request, "classrooms/revise/reveal.html", context)


@role_required(Role.STUDENT)
@require_POST
def revise_rate(request, pk, position):
    item = get_item_for_student(request.user, pk, position)
    if item.session.mode != SessionMode.FLASHCARDS:
        return HttpResponseBadRequest("Answer the question instead.")
    raw = request.POST.get("rating", "")
    if raw not in {str(rating.value) for rating, _ in RATINGS}:
        return HttpResponseBadRequest("Rate yourself Again, Hard, Good or Easy.")
    revision.rate_card(item, int(raw), now=timezone.now())
    return redirect("classrooms:revise_session", pk=pk)


def end_context(session, items):
    """What the session did: each idea's memory before and after, and when to come back."""
    now = timezone.now()
    if session.mode == SessionMode.FLASHCARDS:
        right = sum(item.rating >= Rating.Good for item in items)
    else:
        right = sum(item.score == 1 for item in items)
    return {
        "session": session,
        "items": items,
        "right": right,
        "next_due": revision.next_due(session.student_id),
        "goal": revision.weekly_goal(session.student_id, now),
    }
