"""`replylint audit`: what a team's archive of sent replies says about how it writes.

Data flows one way: sources (helpdesk exports, tables, folders) → records.AuditReply or
records.BadRow, read one partition at a time → the lint of each partition (any engine) →
mergeable tallies and finding rows → outputs (summary.json, findings.parquet/.csv, report.html).
"""
