"""The fast engine: pyoxigraph parses; OWL RL and SHACL compiled to SPARQL run inside it."""
