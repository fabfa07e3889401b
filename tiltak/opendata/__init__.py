"""Open data: the exchange format per plan and round as CSV, XLSX and JSON, and DCAT-AP-NO."""
