"""eCTD v4.0 (HL7 RPS ``submissionunit.xml``): the second serialisation of the sequence build."""
