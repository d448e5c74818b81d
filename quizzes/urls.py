from django.urls import path

from quizzes import views

app_name = "quizzes"

urlpatterns = [
    # Practice and attempts (any signed-in user, on their own attempts)
    path("practice/", views.practice, name="practice"),
    path("attempts/<int:pk>/", views.attempt, name="attempt"),
    path("attempts/<int:pk>/step/<int:number>/", views.step, name="step"),
    path("attempts/<int:pk>/result/", views.result, name="result"),
    path("attempts/<int:pk>/practise-mistakes/", views.practise_mistakes, name="mistakes"),
    # Teachers' quizzes
    path("quizzes/", views.quiz_list, name="list"),
    path("quizzes/new/", views.quiz_new, name="new"),
    path("quizzes/<int:pk>/", views.quiz_detail, name="detail"),
    path("quizzes/<int:pk>/settings/", views.quiz_settings, name="settings"),
    path("quizzes/<int:pk>/delete/", views.quiz_delete, name="delete"),
    path("quizzes/<int:pk>/preview/", views.quiz_preview, name="preview"),
    path("quizzes/<int:pk>/write/", views.question_write, name="write"),
    path("quizzes/<int:pk>/worksheet/", views.worksheet, name="worksheet"),
    path("quizzes/<int:pk>/items/<int:item_pk>/replace/", views.item_replace, name="replace"),
    path("quizzes/<int:pk>/items/<int:item_pk>/remove/", views.item_remove, name="remove"),
    path("quizzes/<int:pk>/items/<int:item_pk>/up/", views.item_move, {"step": -1}, name="up"),
    path("quizzes/<int:pk>/items/<int:item_pk>/down/", views.item_move, {"step": 1}, name="down"),
]
