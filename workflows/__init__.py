"""Cross-app workflows: the one place where a change that spans apps (a place given up, a leave
decision, an expired seat hold, a cancelled or completed event) is carried out, in one transaction,
by calling down into each app's own services."""
