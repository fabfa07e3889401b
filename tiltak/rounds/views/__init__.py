"""The workspace's and the coordinator's pages, by audience: `editors` (workspace, edit, submit),
`bulk` (editors' spreadsheet update), `review` (the review queue, approve and return),
`coordinators` (rounds, deadlines, progress, publishing, the audit log) and `accounts` (login).
Every view is a thin wrapper: selectors read, services change and check permissions."""
