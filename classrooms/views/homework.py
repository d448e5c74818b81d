"""Students' homework: what is due, doing it one question (or one page) at a time with every
answer saved as it is given, handing it in, the feedback, and practising the mistakes."""

from django.contrib import messages
from django.http import Http404, HttpResponseBadRequest, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from classrooms import assignments, open_attempts
from classrooms.access import get_assignment_for_student
from classrooms.dashboard import homework_and_practice
from classrooms.models import Layout
from classrooms.question_nav import question_nav
from quizzes import builder, revision, taking
from ussr_revision.roles import Role, role_required


@role_required(Role.STUDENT)
def dashboard(request):
    all_done = request.GET.get("done") == "all"
    now = timezone.now()
    context = {
        "work": homework_and_practice(request.user, now=now, all_done=all_done),
        **revision.memory_panel(request.user, now),
    }
    return render(request, "classrooms/dashboard.html", context)


@role_required(Role.STUDENT)
def homework(request, pk):
    assignment = get_assignment_for_student(request.user, pk)
    now = timezone.now()
    context = {
        "assignment": assignment,
        "attempts": assignments.attempts_of(assignment, request.user),
        "accepts_answers": assignment.accepts_answers(now),
        "is_past_due": assignment.is_past_due(now),
    }
    links = context["attempts"]
    in_progress = any(link.is_open for link in links)
    context["can_start"] = context["accepts_answers"] and (
        in_progress or len(links) < assignment.attempts_allowed
    )
    context["start_label"] = (
        "Carry on" if in_progress else f"Start attempt {len(links) + 1}" if links else "Start"
    )
    return render(request, "classrooms/homework.html", context)


@role_required(Role.STUDENT)
@require_POST
def homework_start(request, pk):
    assignment = get_assignment_for_student(request.user, pk)
    try:
        attempt = assignments.start_or_resume(assignment=assignment, student=request.user)
    except assignments.AssignmentClosed:
        messages.error(request, "This homework is closed.")
        return redirect("classrooms:homework", pk=pk)
    except assignments.NoAttemptsLeft:
        messages.error(request, "You have used all your attempts at this homework.")
        return redirect("classrooms:homework", pk=pk)
    answered = set(attempt.responses.exclude(answer=None).values_list("question_id", flat=True))
    first_unanswered = next(
        (n for n, qid in enumerate(attempt.question_order, 1) if qid not in answered), 1
    )
    return redirect("classrooms:question", pk=pk, number=first_unanswered)


def open_work(request, pk):
    """The assignment and the student's open attempt at it (None if they have none).

    From the cache while an attempt is open, which is every question page and every autosave.
    """
    found = open_attempts.open_work(pk, request.user)
    if found:
        return found
    return get_assignment_for_student(request.user, pk), None


@never_cache  # the back button after handing in must not bring back a page to answer
@role_required(Role.STUDENT)
def homework_question(request, pk, number):
    assignment, attempt = open_work(request, pk)
    if attempt is None:
        return redirect("classrooms:homework", pk=pk)
    order = attempt.question_order
    if not order:  # an empty quiz: nothing to answer, only to hand in
        return redirect("classrooms:submit", pk=pk)
    one_at_a_time = assignment.layout == Layout.ONE_AT_A_TIME
    if one_at_a_time and not 1 <= number <= len(order):
        return redirect("classrooms:question", pk=pk, number=1)
    shown = taking.questions_to_answer([order[number - 1]] if one_at_a_time else order)
    if request.method == "POST":
        return save_and_move(request, assignment, attempt, shown, number)
    saved = taking.saved_responses(attempt)
    context = {
        "assignment": assignment,
        "attempt": attempt,
        "items": [taking.answer_form_item(q, attempt, saved.get(q.pk)) for q in shown],
        "number": number,
        "total": len(order),
        "answered": sum(response.answer is not None for response in saved.values()),
        "one_at_a_time": one_at_a_time,
    }
    context["question_nav"] = question_nav(
        pk, taking.question_states(attempt, saved), number=number, one_at_a_time=one_at_a_time
    )
    return render(request, "classrooms/homework_question.html", context)


def save_and_move(request, assignment, attempt, questions, number):
    """The no-JavaScript path: save what the form holds, then go back, on, or to the end.

    An answer changed on another device since this page was shown is kept, and the page comes
    back showing it instead of moving on.
    """
    try:
        changes = taking.read_form(attempt, questions, request.POST)
        flags = {q: taking.flag_field(q) in request.POST for q in questions}
        conflicts = assignments.save_form(
            assignment=assignment, attempt=attempt, changes=changes, flags=flags
        )
    except taking.AnswerError as error:
        return HttpResponseBadRequest(str(error))
    except assignments.AssignmentClosed:
        messages.error(request, "This homework is closed; your last answer was not saved.")
        return redirect("classrooms:homework", pk=assignment.pk)
    if conflicts:
        messages.warning(request, taking.changed_elsewhere_message(attempt, conflicts))
        return redirect("classrooms:question", pk=assignment.pk, number=number)
    total = len(attempt.question_order)
    if "back" in request.POST and number > 1:
        return redirect("classrooms:question", pk=assignment.pk, number=number - 1)
    if "next" in request.POST and number < total:
        return redirect("classrooms:question", pk=assignment.pk, number=number + 1)
    return redirect("classrooms:submit", pk=assignment.pk)


@role_required(Role.STUDENT)
@require_POST
def homework_answer(request, pk):
    """Autosave: one question's answer, sent as the student gives it. Answers JSON.

    409 when the homework was handed in elsewhere, or when this answer was changed on another
    device since the page was shown (with the newer answer, for the page to show).
    """
    assignment, attempt = open_work(request, pk)
    if attempt is None:
        return JsonResponse({"error": "This homework has been handed in."}, status=409)
    question = taking.attempt_question(attempt, request.POST.get("question"))
    if question is None:
        return JsonResponse({"error": "That question is not in this homework."}, status=400)
    try:
        answer = taking.answer_from_form(question, request.POST, attempt)
        version, answered = assignments.autosave(
            assignment=assignment,
            attempt=attempt,
            question=question,
            answer=answer,
            seen_version=taking.seen_version(question, request.POST),
        )
    except taking.AnswerError as error:
        return JsonResponse({"error": str(error)}, status=400)
    except taking.AnswerConflict as conflict:
        return JsonResponse(conflict_body(attempt, conflict), status=409)
    except assignments.AssignmentClosed:
        return JsonResponse({"error": "This homework is closed."}, status=403)
    return JsonResponse(
        {
            "saved": True,
            "version": version,
            "has_answer": answer is not None,
            "answered": answered,
            "total": len(attempt.question_order),
        }
    )


def conflict_body(attempt, conflict):
    return {
        "conflict": True,
        "error": "This answer was changed on another device. The newer answer is shown.",
        "version": conflict.version,
        "has_answer": conflict.answer is not None,
        "fields": taking.form_values(conflict.question, attempt, conflict.answer),
    }


@role_required(Role.STUDENT)
@require_POST
def homework_flag(request, pk):
    """Autosave of a "come back to this" box. Answers JSON."""
    assignment, attempt = open_work(request, pk)
    if attempt is None:
        return JsonResponse({"error": "This homework has been handed in."}, status=409)
    question = taking.attempt_question(attempt, request.POST.get("question"))
    if question is None:
        return JsonResponse({"error": "That question is not in this homework."}, status=400)
    flagged = request.POST.get("flagged") == "1"
    try:
        assignments.set_flag(
            assignment=assignment, attempt=attempt, question=question, flagged=flagged
        )
    except assignments.AssignmentClosed:
        return JsonResponse({"error": "This homework is closed."}, status=403)
    return JsonResponse({"flagged": flagged})


@never_cache  # the back button after handing in must not bring back a page to answer
@role_required(Role.STUDENT)
def homework_submit(request, pk):
    assignment, attempt = open_work(request, pk)
    if attempt is None:
        return redirect("classrooms:homework", pk=pk)
    if request.method == "POST":
        try:
            assignments.submit(assignment=assignment, attempt=attempt)
        except assignments.AssignmentClosed:
            messages.error(request, "This homework closed before you submitted it.")
            return redirect("classrooms:homework", pk=pk)
        messages.success(request, taking.hand_in_summary(attempt))
        return redirect(
            reverse("classrooms:feedback", kwargs={"pk": pk}) + f"?attempt={attempt.pk}"
        )
    saved = taking.saved_responses(attempt)
    numbered = list(enumerate(taking.attempt_questions(attempt), start=1))
    answered = {pk for pk, response in saved.items() if response.answer is not None}
    flagged = {pk for pk, response in saved.items() if response.flagged}
    context = {
        "assignment": assignment,
        "attempt": attempt,
        "unanswered": [(n, q) for n, q in numbered if q.pk not in answered],
        "flagged": [(n, q) for n, q in numbered if q.pk in flagged],
    }
    return render(request, "classrooms/homework_submit.html", context)


@role_required(Role.STUDENT)
def homework_feedback(request, pk):
    assignment = get_assignment_for_student(request.user, pk)
    submitted = [
        link for link in assignments.attempts_of(assignment, request.user) if not link.is_open
    ]
    if not submitted:
        return redirect("classrooms:homework", pk=pk)
    chosen = request.GET.get("attempt", "")
    link = next((x for x in submitted if str(x.attempt_id) == chosen), submitted[-1])
    now = timezone.now()
    # With attempts left, the answers would make the next attempt pointless: they wait.
    attempts_left = assignment.accepts_answers(now) and len(submitted) < assignment.attempts_allowed
    shows_answers = assignment.shows_answers(now) and not attempts_left
    context = {
        "assignment": assignment,
        "attempt": link.attempt,
        "link": link,
        "shows_answers": shows_answers,
        "attempts_left": attempts_left,
        "items": taking.feedback_items(link.attempt) if shows_answers else [],
        "answers_after_due": not assignment.shows_answers(now),
    }
    context["has_mistakes"] = any(not item["mark"].correct for item in context["items"])
    return render(request, "classrooms/homework_feedback.html", context)


@role_required(Role.STUDENT)
@require_POST
def homework_practise_mistakes(request, pk):
    """A practice quiz of the questions an attempt got wrong, once its answers are shown."""
    assignment = get_assignment_for_student(request.user, pk)
    submitted = [
        link for link in assignments.attempts_of(assignment, request.user) if not link.is_open
    ]
    link = next((x for x in submitted if str(x.attempt_id) == request.POST.get("attempt")), None)
    now = timezone.now()
    attempts_left = assignment.accepts_answers(now) and len(submitted) < assignment.attempts_allowed
    if link is None or attempts_left or not assignment.shows_answers(now):
        raise Http404("No feedback to practise from.")
    wrong = taking.mistakes(link.attempt)
    if not wrong:
        messages.info(request, "You got every question right: nothing to practise here.")
        return redirect("classrooms:feedback", pk=pk)
    quiz = builder.practice_quiz_of(
        owner=request.user, title=f"Practise again: {assignment.quiz.title}", question_ids=wrong
    )
    # One at a time, as practice starts: each answer is marked and explained before the next.
    again = taking.start_attempt(quiz=quiz, user=request.user, one_at_a_time=True)
    return redirect(again.step_url(1))
