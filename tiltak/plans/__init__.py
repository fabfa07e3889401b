"""Plans, their measures and reporting rounds: the data Tiltak follows up."""
