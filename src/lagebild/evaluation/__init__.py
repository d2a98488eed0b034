"""Dataset readers and scorers for evaluating the pipeline (our own code, no copied scorers)."""
