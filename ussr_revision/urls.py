from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path

from ussr_revision import views

urlpatterns = [
    path("", views.home, name="home"),
    # Accounts: Django's own views with our templates
    path("accounts/login/", views.SignInView.as_view(), name="login"),
    path("accounts/logout/", auth_views.LogoutView.as_view(), name="logout"),
    path(
        "accounts/password/",
        auth_views.PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "accounts/password/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path("course/", include("topics.urls")),
    path("", include("quizzes.urls")),
    path("", include("classrooms.urls")),
    path("admin/", admin.site.urls),
]
