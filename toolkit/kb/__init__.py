"""Knowledge base access: countries, officials, organisations, outlets (data in datasets/kb)."""
