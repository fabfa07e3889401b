"""Import in the browser: upload a plan or status report, review what was read, save it."""
