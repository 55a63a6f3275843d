"""Tech-transfer packages: a dossier exported for a receiving site with its confidential parts withheld."""
