"""The public portal: plans, measures, statuses and findings of published reporting rounds."""
