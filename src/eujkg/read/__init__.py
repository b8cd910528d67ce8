"""The read path: one backend interface, the stored and internal queries, labels, results, descriptions."""
