from django.conf import settings
from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.db import transaction
from django.db.models import Prefetch, ProtectedError
from django.http import Http404, HttpResponseBadRequest
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import timezone
from django.utils.module_loading import import_string
from django.utils.text import Truncator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from quizzes import builder, corrections, memory, revision, taking, weakest, worksheets
from quizzes.forms import PracticeForm, QuizBuildForm, QuizSettingsForm, WrittenQuestionForm
from quizzes.models import Attempt, Question, Quiz, QuizAnswered, QuizQuestion, ReviewSource
from topics import content_version
from topics.models import Fact
from ussr_revision.roles import Role, role_required


def get_practice_attempt(user, pk):
    """The user's own practice attempt. Homework attempts are not reachable here: their rules
    (closing dates, when answers are shown) live with the homework pages."""
    return get_object_or_404(
        Attempt.objects.select_related("quiz"), pk=pk, user=user, quiz__is_practice=True
    )


def get_quiz_for_teacher(user, pk):
    return get_object_or_404(Quiz, pk=pk, owner=user, is_practice=False)


# Practice: any signed-in user revises any topics on their own


def hidden_from_practice(user):
    """Question ids practice must leave out (homework still to do), from the hook in settings.

    A hook, because homework lives in a higher layer (`classrooms`) that quizzes must not import.
    """
    if not settings.PRACTICE_HIDDEN_QUESTIONS:
        return set()
    return import_string(settings.PRACTICE_HIDDEN_QUESTIONS)(user, timezone.now())


NOT_ENOUGH_ANSWERS = (
    "There are not enough of your marked answers yet to tell your weakest topics: answer at "
    f"least {weakest.MIN_ANSWERS} questions on a topic, in practice or homework. Choose topics "
    "for now."
)


@login_required
def practice(request):
    form = PracticeForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        topics = list(form.cleaned_data["topics"])
        if form.cleaned_data["weakest"]:
            topics = weakest.weakest_topics(request.user)
            if not topics:
                form.add_error("weakest", NOT_ENOUGH_ANSWERS)
        if topics:
            return start_practice(request, form, topics)
    history = Attempt.objects.practice_history(request.user)
    context = {"form": form, "history": history, "form_html": None}
    if not form.is_bound:  # the blank form is the same for everyone: drawn once per course version
        context["form_html"] = content_version.fragment("practice-form", _blank_practice_form)
    return render(request, "quizzes/practice.html", context)


def start_practice(request, form, topics):
    chosen = {topic.pk for topic in topics}
    # A ticked section names itself, not each of its topics ticked with it.
    names = [topic.title for topic in topics if topic.parent_id not in chosen]
    try:
        quiz = builder.build_quiz(
            owner=request.user,
            title=Truncator("Practice: " + ", ".join(names)).chars(150),
            topics=topics,
            count=form.cleaned_data["count"],
            is_practice=True,
            exclude=hidden_from_practice(request.user),
        )
    except builder.NothingMatched:
        messages.warning(request, "There are no questions on those topics yet.")
        return redirect("quizzes:practice")
    attempt = taking.start_attempt(quiz=quiz, user=request.user, one_at_a_time=form.one_at_a_time)
    return redirect(attempt_page(attempt))


def attempt_page(attempt):
    """Where an unsubmitted attempt is answered: its form, or its next question one at a time."""
    if attempt.one_at_a_time:
        return attempt.step_url(taking.first_unmarked_number(attempt) or 1)
    return attempt.get_absolute_url()


def _blank_practice_form():
    return render_to_string("quizzes/_practice_form.html", {"form": PracticeForm()})


@never_cache  # the back button after finishing must not bring back a page to answer
@login_required
def attempt(request, pk):
    attempt = get_practice_attempt(request.user, pk)
    if attempt.is_submitted:
        return redirect("quizzes:result", pk=attempt.pk)
    if attempt.one_at_a_time:
        return redirect(attempt_page(attempt))
    questions = taking.attempt_questions(attempt)
    if request.method == "POST":
        try:
            changes = taking.read_form(attempt, questions, request.POST)
        except taking.AnswerError as error:
            return HttpResponseBadRequest(str(error))
        conflicts = taking.save_form(attempt, changes)
        if conflicts:
            messages.warning(request, taking.changed_elsewhere_message(attempt, conflicts))
            return redirect("quizzes:attempt", pk=attempt.pk)
        if "submit" in request.POST:
            if taking.submit_attempt(attempt):
                revision.record_attempt(attempt, source=ReviewSource.PRACTICE, now=timezone.now())
            return redirect("quizzes:result", pk=attempt.pk)
        messages.success(request, "Your answers are saved.")
        return redirect("quizzes:attempt", pk=attempt.pk)
    saved = taking.saved_responses(attempt)
    items = [taking.answer_form_item(q, attempt, saved.get(q.pk)) for q in questions]
    return render(request, "quizzes/attempt.html", {"attempt": attempt, "items": items})


@login_required
def step(request, pk, number):
    """One question of a one-at-a-time attempt: its answer form, then, once answered, its
    feedback (right or wrong, the right answer, the explanation, the notes) and the way on."""
    attempt = get_practice_attempt(request.user, pk)
    if not attempt.one_at_a_time or not 1 <= number <= len(attempt.question_order):
        raise Http404("No such question in this practice.")
    question = step_question(attempt, number)
    response = attempt.responses.filter(question=question).first()
    answered = response is not None and response.score is not None
    if request.method == "POST":
        if not answered:  # an answer already marked is final: a repeat post changes nothing
            try:
                answer = taking.answer_from_form(question, request.POST, attempt)
            except taking.AnswerError as error:
                return HttpResponseBadRequest(str(error))
            if taking.mark_answer(attempt, question, answer):
                remember_step(attempt, question)
        return redirect(attempt.step_url(number))
    marked, right = taking.step_progress(attempt)
    context = {
        "attempt": attempt,
        "number": number,
        "total": len(attempt.question_order),
        "marked": marked,
        "right": right,
    }
    if answered:
        context["feedback"] = taking.feedback_item(question, response)
        context["next_number"] = taking.first_unmarked_number(attempt)
    else:
        context["item"] = taking.answer_form_item(question, attempt, response)
    return render(request, "quizzes/step.html", context)


def remember_step(attempt, question):
    """A practice answer counts for the student's memory as soon as it is marked."""
    if not question.idea:
        return
    score = attempt.responses.get(question=question).score
    rating = memory.rating_for(score, question.kind)
    revision.record(
        attempt.user, [(question, rating)], now=timezone.now(), source=ReviewSource.PRACTICE
    )


def step_question(attempt, number):
    found = taking.questions_by_id([attempt.question_order[number - 1]], with_sources=True)
    if not found:
        raise Http404("That question is no longer in the bank.")
    return found[0]


@login_required
def result(request, pk):
    attempt = get_practice_attempt(request.user, pk)
    if not attempt.is_submitted:
        return redirect(attempt_page(attempt))
    items = taking.feedback_items(attempt)
    context = {
        "attempt": attempt,
        "items": items,
        "has_mistakes": any(not item["mark"].correct for item in items),
    }
    return render(request, "quizzes/result.html", context)


# Teachers build quizzes from the bank


@role_required(Role.TEACHER)
def quiz_list(request):
    quizzes = Quiz.objects.filter(owner=request.user, is_practice=False).annotate_size()
    return render(request, "quizzes/quiz_list.html", {"quizzes": quizzes})


@role_required(Role.TEACHER)
def quiz_new(request):
    form = QuizBuildForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            quiz = builder.build_quiz(
                owner=request.user,
                title=data["title"],
                topics=list(data["topics"]),
                kinds=data["kinds"],
                count=data["count"],
                difficulty=data["difficulty"],
            )
        except builder.NothingMatched:
            form.add_error(None, NOTHING_MATCHED)
        else:
            found = quiz.items.count()
            if found < data["count"]:
                messages.warning(request, f"Only {found} questions matched; add topics or kinds.")
            else:
                messages.success(request, f"Quiz built with {found} questions. Check them below.")
            return redirect(quiz)
    return render(request, "quizzes/quiz_new.html", {"form": form})


NOTHING_MATCHED = (
    "No questions match those topics, kinds and difficulty together, so no quiz was made. "
    "Choose more topics or kinds, or any difficulty."
)


@role_required(Role.TEACHER)
def quiz_delete(request, pk):
    """Delete a quiz no homework uses; a quiz set as homework is kept with its results."""
    quiz = get_quiz_for_teacher(request.user, pk)
    # The homework that uses it (the reverse side of its PROTECT foreign key; nothing imported).
    homework = list(quiz.assignments.select_related("classroom").order_by("due_at", "pk"))
    if request.method == "POST" and not homework:
        try:
            quiz.delete()
        except ProtectedError:  # set as homework since the page was read
            return redirect("quizzes:delete", pk=quiz.pk)
        messages.success(request, f"{quiz.title} is deleted.")
        return redirect("quizzes:list")
    context = {"quiz": quiz, "homework": homework, "size": quiz.items.count()}
    status = 409 if request.method == "POST" else 200
    return render(request, "quizzes/quiz_delete.html", context, status=status)


@role_required(Role.TEACHER)
@require_POST
def quiz_preview(request, pk):
    """Try the quiz as a student: a practice copy, so nothing counts in any class's results."""
    quiz = get_quiz_for_teacher(request.user, pk)
    if not quiz.items.exists():
        messages.warning(request, "This quiz has no questions to try yet.")
        return redirect(quiz)
    copy = builder.preview_copy(quiz, owner=request.user)
    return redirect("quizzes:attempt", pk=taking.start_attempt(quiz=copy, user=request.user).pk)


@role_required(Role.TEACHER)
def quiz_detail(request, pk):
    quiz = get_quiz_for_teacher(request.user, pk)
    return render_quiz_detail(request, quiz, QuizSettingsForm(instance=quiz))


def render_quiz_detail(request, quiz, form):
    """The preview page: every question with its answer and source notes, and the settings."""
    items = quiz.items.select_related("question__topic").prefetch_related(
        Prefetch("question__source_facts", queryset=Fact.objects.select_related("topic"))
    )
    corrected, withdrawn = corrections.corrections_since_set(quiz)
    context = {
        "quiz": quiz,
        "items": items,
        "form": form,
        "locked": quiz.attempts.exists(),
        "corrected": corrected,
        "withdrawn": withdrawn,
    }
    return render(request, "quizzes/quiz_detail.html", context)


@role_required(Role.TEACHER)
def worksheet(request, pk):
    quiz = get_quiz_for_teacher(request.user, pk)
    items = [worksheets.worksheet_item(question) for question in quiz.ordered_questions()]
    return render(request, "quizzes/worksheet.html", {"quiz": quiz, "items": items})


@role_required(Role.TEACHER)
@require_POST
def quiz_settings(request, pk):
    quiz = get_quiz_for_teacher(request.user, pk)
    form = QuizSettingsForm(request.POST, instance=quiz)
    if form.is_valid():
        form.save()
        messages.success(request, "Quiz saved.")
        return redirect(quiz)
    return render_quiz_detail(request, quiz, form)


def get_item(quiz, item_pk):
    return get_object_or_404(QuizQuestion.objects.select_related("question"), pk=item_pk, quiz=quiz)


def refuse_answered(request, quiz):
    """A quiz students have started is fixed, so their answers and the results still match it."""
    messages.error(request, "Students have already answered this quiz, so it can't change now.")
    return redirect(quiz)


# Each change runs inside `quiz.changing()`: the check that no student has started and the change
# hold the quiz's row lock together, as starting an attempt does.


@role_required(Role.TEACHER)
def item_replace(request, pk, item_pk):
    """GET: up to three candidates of the same topic and kind to choose from. POST: swap in the
    chosen one (`question`), or any one when none is named; back to the item's place."""
    quiz = get_quiz_for_teacher(request.user, pk)
    if request.method != "POST":
        return _swap_choices(request, quiz, get_item(quiz, item_pk))
    chosen = request.POST.get("question", "")
    if chosen and not (chosen.isdigit() and len(chosen) < 12):
        return HttpResponseBadRequest("Choose one of the questions offered.")
    try:
        with quiz.changing():
            item = get_item(quiz, item_pk)
            if chosen:
                # Checked again under the lock: the quiz may have changed since the page was shown.
                allowed = builder.replacements_for(quiz, item, count=None)
                replacement = int(chosen) if int(chosen) in allowed else None
                if replacement is None:
                    messages.warning(request, "That question can no longer be swapped in.")
                    return redirect(_item_url(quiz, item))
            else:
                replacement = builder.replacement_for(quiz, item)
            if replacement is not None:
                item.question_id = replacement
                item.save(update_fields=["question"])
    except QuizAnswered:
        return refuse_answered(request, quiz)
    if replacement is None:
        messages.warning(request, "No other question of that topic and kind is left to swap in.")
    else:
        messages.success(request, f"Question {item.position} replaced.")
    return redirect(_item_url(quiz, item))


def _item_url(quiz, item):
    return f"{quiz.get_absolute_url()}#item-{item.pk}"


def _swap_choices(request, quiz, item):
    if quiz.attempts.exists():
        return refuse_answered(request, quiz)
    candidates = Question.objects.filter(pk__in=builder.replacements_for(quiz, item))
    context = {
        "quiz": quiz,
        "item": item,
        "candidates": candidates.select_related("topic").order_by("pk"),
        "back": _item_url(quiz, item),
    }
    return render(request, "quizzes/swap.html", context)


@role_required(Role.TEACHER)
@require_POST
def item_remove(request, pk, item_pk):
    quiz = get_quiz_for_teacher(request.user, pk)
    try:
        with quiz.changing():
            get_item(quiz, item_pk).delete()
            quiz.renumber()
    except QuizAnswered:
        return refuse_answered(request, quiz)
    messages.success(request, "Question removed.")
    return redirect(quiz)


@role_required(Role.TEACHER)
@require_POST
def item_move(request, pk, item_pk, step):
    quiz = get_quiz_for_teacher(request.user, pk)
    try:
        with quiz.changing():
            item = get_item(quiz, item_pk)
            quiz.move(item, step)
    except QuizAnswered:
        return refuse_answered(request, quiz)
    return redirect(f"{quiz.get_absolute_url()}#item-{item.pk}")


@role_required(Role.TEACHER)
def question_write(request, pk):
    quiz = get_quiz_for_teacher(request.user, pk)
    if quiz.attempts.exists():  # no point writing a question that can't be added
        return refuse_answered(request, quiz)
    form = WrittenQuestionForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            with transaction.atomic():  # a refused question is not kept either
                quiz.append(form.save(author=request.user))
        except QuizAnswered:
            return refuse_answered(request, quiz)
        messages.success(request, "Your question is added at the end of the quiz.")
        return redirect(quiz)
    return render(request, "quizzes/question_write.html", {"quiz": quiz, "form": form})


@login_required
@require_POST
def practise_mistakes(request, pk):
    """A new practice attempt at the questions a submitted practice attempt got wrong."""
    attempt = get_practice_attempt(request.user, pk)
    if not attempt.is_submitted:
        return redirect("quizzes:attempt", pk=attempt.pk)
    wrong = taking.mistakes(attempt)
    if not wrong:
        messages.info(request, "You got every question right: nothing to practise here.")
        return redirect("quizzes:result", pk=attempt.pk)
    title = attempt.quiz.title.removeprefix("Practise again: ")
    quiz = builder.practice_quiz_of(
        owner=request.user, title=f"Practise again: {title}", question_ids=wrong
    )
    again = taking.start_attempt(quiz=quiz, user=request.user, one_at_a_time=attempt.one_at_a_time)
    return redirect(attempt_page(again))
