"""Presentation shared by the portal and the workspace: narratives as HTML, template filters."""
