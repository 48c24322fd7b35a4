"""Pure DataFrame -> DataFrame: counts over time, diversity metrics, timelines."""
