"""Registration, waiting list, attendance and lecturers' pages (included by events/urls.py)."""

urlpatterns = []
