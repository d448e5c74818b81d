"""Results pages; included by `classrooms.urls`, so the names are "classrooms:<name>"."""

from django.urls import path

from classrooms import results_views as views

urlpatterns = [
    # One assignment
    path("assignments/<int:pk>/results/", views.assignment_results, name="results"),
    path("assignments/<int:pk>/results.csv", views.assignment_results_csv, name="results_csv"),
    path(
        "assignments/<int:pk>/results/accept/<int:question_pk>/<int:student_pk>/",
        views.accept_answer,
        name="accept_answer",
    ),
    path("assignments/<int:pk>/not-started/", views.not_started, name="not_started"),
    # One class
    path("classes/<int:pk>/overview/", views.class_overview, name="overview"),
    path("classes/<int:pk>/scores.csv", views.scores_csv, name="scores_csv"),
    path(
        "classes/<int:pk>/students/<int:student_pk>/", views.student_report, name="student_report"
    ),
]
