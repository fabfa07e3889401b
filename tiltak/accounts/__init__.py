"""Accounts: a user's organisation (Profile) and roles on plans (PlanRole), and login through
the organisation's identity provider (OpenID Connect, `oidc`).

Who may do what with these is decided in `tiltak.rounds.permissions`, which reads them through
`selectors`.
"""
