from django.urls import path

from topics import views

app_name = "topics"

urlpatterns = [
    path("", views.overview, name="overview"),
    path("topics/<slug:slug>/", views.topic_detail, name="topic"),
    path("people/", views.people, name="people"),
    path("people/<slug:slug>/", views.person_detail, name="person"),
    path("timeline/", views.timeline, name="timeline"),
    path("glossary/", views.glossary, name="glossary"),
    path("search/", views.search, name="search"),
]
