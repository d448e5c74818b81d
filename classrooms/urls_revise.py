"""Revise now (students) and the forgetting map (teachers); included by `classrooms.urls`, so the
names are "classrooms:<name>"."""

from django.urls import path

from classrooms import forgetting_views, revise_views

urlpatterns = [
    # Students: Revise now and flashcards
    path("revise/", revise_views.revise_home, name="revise"),
    path("revise/start/", revise_views.revise_start, name="revise_start"),
    path("revise/<int:pk>/", revise_views.revise_session, name="revise_session"),
    path("revise/<int:pk>/<int:position>/", revise_views.revise_item, name="revise_item"),
    path(
        "revise/<int:pk>/<int:position>/answer/", revise_views.revise_answer, name="revise_answer"
    ),
    path(
        "revise/<int:pk>/<int:position>/reveal/", revise_views.revise_reveal, name="revise_reveal"
    ),
    path("revise/<int:pk>/<int:position>/rate/", revise_views.revise_rate, name="revise_rate"),
    # Teachers: what a class is forgetting
    path("classes/<int:pk>/forgetting/", forgetting_views.forgetting_map, name="forgetting"),
    path(
        "classes/<int:pk>/forgetting/homework/",
        forgetting_views.retrieval_homework,
        name="retrieval_homework",
    ),
    path("classes/<int:pk>/taught/", forgetting_views.taught_topics, name="taught_topics"),
]
