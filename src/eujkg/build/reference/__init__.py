"""The reference engine: rdflib parses, owlrl reasons, pySHACL validates."""
