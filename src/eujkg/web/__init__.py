"""The read-only linked-data server: SPARQL 1.1 Protocol, dereferenceable IRIs and HTML pages."""
