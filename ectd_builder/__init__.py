"""ectd-builder: CMC process knowledge as YAML, validated, rendered and assembled as eCTD."""

__version__ = "0.1.0"
