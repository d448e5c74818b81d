from django.urls import path

from classrooms import urls_accounts, urls_results, urls_revise, views

app_name = "classrooms"

urlpatterns = [
    # Teachers: classes and assignments
    path("classes/", views.classroom_list, name="list"),
    path("classes/new/", views.classroom_new, name="new"),
    path("classes/archived/", views.archived_list, name="archived"),
    path("classes/<int:pk>/", views.classroom_detail, name="detail"),
    path("classes/<int:pk>/assign/", views.assign, name="assign"),
    path("classes/<int:pk>/archive/", views.classroom_archive, name="archive"),
    path("classes/<int:pk>/restore/", views.classroom_restore, name="restore"),
    path("classes/<int:pk>/delete/", views.classroom_delete, name="delete"),
    path("assignments/new/", views.set_homework, name="set_homework"),
    path("assignments/<int:pk>/", views.assignment_detail, name="assignment"),
    path("assignments/<int:pk>/edit/", views.assignment_edit, name="edit_assignment"),
    path("assignments/<int:pk>/archive/", views.assignment_archive, name="archive_assignment"),
    path("assignments/<int:pk>/restore/", views.assignment_restore, name="restore_assignment"),
    path("assignments/<int:pk>/delete/", views.assignment_delete, name="delete_assignment"),
    # Students: their homework
    path("my-work/", views.dashboard, name="dashboard"),
    path("homework/<int:pk>/", views.homework, name="homework"),
    path("homework/<int:pk>/start/", views.homework_start, name="start"),
    path("homework/<int:pk>/questions/<int:number>/", views.homework_question, name="question"),
    path("homework/<int:pk>/answer/", views.homework_answer, name="answer"),
    path("homework/<int:pk>/flag/", views.homework_flag, name="flag"),
    path("homework/<int:pk>/submit/", views.homework_submit, name="submit"),
    path("homework/<int:pk>/feedback/", views.homework_feedback, name="feedback"),
    path(
        "homework/<int:pk>/practise-mistakes/",
        views.homework_practise_mistakes,
        name="practise_mistakes",
    ),
    *urls_accounts.urlpatterns,
    *urls_results.urlpatterns,
    *urls_revise.urlpatterns,
]
