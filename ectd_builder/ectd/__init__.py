"""eCTD v3.2.2 assembly: standards store, sequence model, lifecycle planner, backbone writers."""
