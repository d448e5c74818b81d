"""Student accounts; included in classrooms/urls.py, so the names are "classrooms:<name>"."""

from django.urls import path

from classrooms import account_views as views

urlpatterns = [
    # Teachers: a class's student accounts
    path("classes/<int:pk>/students/add/", views.add_student, name="add_student"),
    path("classes/<int:pk>/students/bulk/", views.bulk_add, name="bulk_add"),
    path("classes/<int:pk>/students/bulk/check/", views.bulk_preview, name="bulk_preview"),
    path("classes/<int:pk>/students/bulk/<int:batch_pk>/", views.batch, name="batch"),
    path(
        "classes/<int:pk>/students/bulk/<int:batch_pk>/status/",
        views.batch_status,
        name="batch_status",
    ),
    path("classes/<int:pk>/slips/", views.slips_page, name="slips"),
    path("classes/<int:pk>/slips.csv", views.slips_csv, name="slips_csv"),
    path(
        "classes/<int:pk>/students/<int:student_pk>/reset-password/",
        views.reset_password,
        name="reset_password",
    ),
    path("classes/<int:pk>/students/<int:student_pk>/unlock/", views.unlock, name="unlock"),
    path(
        "classes/<int:pk>/students/<int:student_pk>/revoke-qr/",
        views.revoke_qr,
        name="revoke_qr",
    ),
    path(
        "classes/<int:pk>/students/<int:student_pk>/remove/",
        views.remove_student,
        name="remove_student",
    ),
    path("classes/<int:pk>/join-code/", views.regenerate_code, name="regenerate_code"),
    # Students: joining a class, or signing up with its code
    path("join/", views.join, name="join"),
    path("signup/", views.signup, name="signup"),
    # Anyone: the QR code on a login slip (short, so the code stays easy to scan)
    path("q/<slug:token>/", views.qr_login, name="qr_login"),
]
