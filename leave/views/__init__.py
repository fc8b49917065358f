"""The leave pages, by concern: requests (the teacher), decisions (deputy, director, municipality),
school (days, priorities, recommendations), report_back."""
