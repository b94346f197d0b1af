"""Pages of the review app, one module per concern (queue, matches, oversight, fairness)."""
