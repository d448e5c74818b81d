from django.urls import path

from classrooms import urls_accounts, urls_results, urls_revise, views

app_name = "classrooms"

urlpatterns = [
    # Teachers: classes and assignments
    path("classes/", views.classroom_list, name="list"),
    path("classes/new/", views.classroom_new, name="new"),
    path("classes/<int:pk>/", views.classroom_detail, name="detail"),
    path("classes/<int:pk>/assign/", views.assign, name="assign"),
    path("assignments/<int:pk>/", views.assignment_detail, name="assignment"),
    path("assignments/<int:pk>/edit/", views.assignment_edit, name="edit_assignment"),
    # Students: their homework
    path("my-work/", views.dashboard, name="dashboard"),
    path("homework/<int:pk>/", views.homework, name="homework"),
    path("homework/<int:pk>/start/", views.homework_start, name="start"),
    path("homework/<int:pk>/questions/<int:number>/", views.homework_question, name="question"),
    path("homework/<int:pk>/answer/", views.homework_answer, name="answer"),
    path("homework/<int:pk>/submit/", views.homework_submit, name="submit"),
    path("homework/<int:pk>/feedback/", views.homework_feedback, name="feedback"),
    *urls_accounts.urlpatterns,
    *urls_results.urlpatterns,
    *urls_revise.urlpatterns,
]
