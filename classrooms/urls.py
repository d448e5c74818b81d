from django.urls import path
from django.views.generic import RedirectView

from classrooms.views import accounts, classes, forgetting, homework, results, revise, setting

app_name = "classrooms"

urlpatterns = [
    # classes/: a teacher's classes
    path("classes/", classes.classroom_list, name="list"),
    path("classes/new/", classes.classroom_new, name="new"),
    path("classes/archived/", classes.archived_list, name="archived"),
    path("classes/<int:pk>/", classes.classroom_detail, name="detail"),
    path("classes/<int:pk>/archive/", classes.classroom_archive, name="archive"),
    path("classes/<int:pk>/restore/", classes.classroom_restore, name="restore"),
    path("classes/<int:pk>/delete/", classes.classroom_delete, name="delete"),
    path("classes/<int:pk>/assign/", setting.assign, name="assign"),
    # classes/<pk>/: the class's student accounts
    path("classes/<int:pk>/students/add/", accounts.add_student, name="add_student"),
    path("classes/<int:pk>/students/bulk/", accounts.bulk_add, name="bulk_add"),
    path("classes/<int:pk>/students/bulk/check/", accounts.bulk_preview, name="bulk_preview"),
    path("classes/<int:pk>/students/bulk/<int:batch_pk>/", accounts.batch, name="batch"),
    path(
        "classes/<int:pk>/students/bulk/<int:batch_pk>/status/",
        accounts.batch_status,
        name="batch_status",
    ),
    path("classes/<int:pk>/slips/", accounts.slips_page, name="slips"),
    path("classes/<int:pk>/slips.csv", accounts.slips_csv, name="slips_csv"),
    path(
        "classes/<int:pk>/students/<int:student_pk>/reset-password/",
        accounts.reset_password,
        name="reset_password",
    ),
    path("classes/<int:pk>/students/<int:student_pk>/unlock/", accounts.unlock, name="unlock"),
    path(
        "classes/<int:pk>/students/<int:student_pk>/revoke-qr/",
        accounts.revoke_qr,
        name="revoke_qr",
    ),
    path(
        "classes/<int:pk>/students/<int:student_pk>/remove/",
        accounts.remove_student,
        name="remove_student",
    ),
    path("classes/<int:pk>/join-code/", accounts.regenerate_code, name="regenerate_code"),
    # classes/<pk>/: the class's results
    path("classes/<int:pk>/overview/", results.class_overview, name="overview"),
    path("classes/<int:pk>/scores.csv", results.scores_csv, name="scores_csv"),
    path(
        "classes/<int:pk>/students/<int:student_pk>/",
        results.student_report,
        name="student_report",
    ),
    # classes/<pk>/: what the class is forgetting
    path("classes/<int:pk>/forgetting/", forgetting.forgetting_map, name="forgetting"),
    path(
        "classes/<int:pk>/forgetting/homework/",
        forgetting.retrieval_homework,
        name="retrieval_homework",
    ),
    path("classes/<int:pk>/taught/", forgetting.taught_topics, name="taught_topics"),
    # homework/: the teacher's pages of a homework, beside the student's below
    path("homework/new/", setting.set_homework, name="set_homework"),
    path("homework/<int:pk>/edit/", setting.assignment_edit, name="edit_homework"),
    path("homework/<int:pk>/archive/", setting.assignment_archive, name="archive_homework"),
    path("homework/<int:pk>/restore/", setting.assignment_restore, name="restore_homework"),
    path("homework/<int:pk>/delete/", setting.assignment_delete, name="delete_homework"),
    path("homework/<int:pk>/results/", results.assignment_results, name="results"),
    path("homework/<int:pk>/results.csv", results.assignment_results_csv, name="results_csv"),
    path(
        "homework/<int:pk>/results/accept/<int:question_pk>/<int:student_pk>/",
        results.accept_answer,
        name="accept_answer",
    ),
    path("homework/<int:pk>/not-started/", results.not_started, name="not_started"),
    # my-work/ and homework/: a student's homework
    path("my-work/", homework.dashboard, name="dashboard"),
    path("homework/<int:pk>/", homework.homework, name="homework"),
    path("homework/<int:pk>/start/", homework.homework_start, name="start"),
    path("homework/<int:pk>/questions/<int:number>/", homework.homework_question, name="question"),
    path("homework/<int:pk>/answer/", homework.homework_answer, name="answer"),
    path("homework/<int:pk>/flag/", homework.homework_flag, name="flag"),
    path("homework/<int:pk>/submit/", homework.homework_submit, name="submit"),
    path("homework/<int:pk>/feedback/", homework.homework_feedback, name="feedback"),
    path(
        "homework/<int:pk>/practise-mistakes/",
        homework.homework_practise_mistakes,
        name="practise_mistakes",
    ),
    # revise/: a student's Revise now and flashcards
    path("revise/", revise.revise_home, name="revise"),
    path("revise/start/", revise.revise_start, name="revise_start"),
    path("revise/<int:pk>/", revise.revise_session, name="revise_session"),
    path("revise/<int:pk>/<int:position>/", revise.revise_item, name="revise_item"),
    path("revise/<int:pk>/<int:position>/answer/", revise.revise_answer, name="revise_answer"),
    path("revise/<int:pk>/<int:position>/reveal/", revise.revise_reveal, name="revise_reveal"),
    path("revise/<int:pk>/<int:position>/rate/", revise.revise_rate, name="revise_rate"),
    # join/, signup/: a student joining a class, or signing up with its code
    path("join/", accounts.join, name="join"),
    path("signup/", accounts.signup, name="signup"),
    # q/: the QR code on a login slip (short, so the code stays easy to scan)
    path("q/<slug:token>/", accounts.qr_login, name="qr_login"),
]

# assignments/: the teacher's pages of a homework before their addresses said "homework", kept
# for bookmarks. Each moves permanently to the page it showed (the bare one showed the results);
# archive and restore are not here: they were only ever posted from a page, never bookmarked.
MOVED = {
    "assignments/new/": "set_homework",
    "assignments/<int:pk>/": "results",
    "assignments/<int:pk>/edit/": "edit_homework",
    "assignments/<int:pk>/delete/": "delete_homework",
    "assignments/<int:pk>/results/": "results",
    "assignments/<int:pk>/results.csv": "results_csv",
    "assignments/<int:pk>/results/accept/<int:question_pk>/<int:student_pk>/": "accept_answer",
    "assignments/<int:pk>/not-started/": "not_started",
}
urlpatterns += [
    path(
        old,
        RedirectView.as_view(pattern_name=f"classrooms:{new}", permanent=True, query_string=True),
    )
    for old, new in MOVED.items()
]
